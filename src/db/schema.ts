import type { FoundationTables } from './tables/foundation.ts';

/** The whole database as Kysely sees it: one interface per area in `tables/`. */
export interface DB extends FoundationTables {}
