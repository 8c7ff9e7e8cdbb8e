import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    /** The search across plans, activities, goals, bodies and meetings: each hit is filtered by its own read rule. */
    search: Record<never, never>;
  }
}

/** Anyone may search; what they find is only what they may read. */
export const searchRules = [rule('search', ['read'], 'Alle kan søge; resultaterne viser kun det, man må se', () => true)];
