import { type RawBuilder, sql } from 'kysely';

/**
 * A sort key that orders Danish text the Danish way on both backends (æ < ø < å after z),
 * since PGlite has no Danish collation.
 */
export function danishSortKey(column: string): RawBuilder<string> {
  return sql<string>`translate(lower(${sql.ref(column)}), 'æøåäöüéá', '{|}{|uea') COLLATE "C"`;
}

/** Escapes LIKE wildcards in user search text. */
export const likeEscape = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
