import { fileURLToPath } from 'node:url';

/**
 * Where the files the server reads beside its code live: this module sits at the root of the sources (src/), and the
 * build bundles it into a file at the root of dist/ beside copies of those files — so one relative path serves both
 * `npm run dev` and tests (TypeScript sources) and `npm start` (the bundle).
 */
export const ownFileUrl = (path: string): URL => new URL(path, import.meta.url);

/** The same as a file system path. */
export const ownFile = (path: string): string => fileURLToPath(ownFileUrl(path));
