import type { Hono } from 'hono';
import type { AppEnv } from './env.ts';

type Mount = (app: Hono<AppEnv>) => void;
export const areaMounts: Mount[] = [];

/** Areas mount their pages here (wired in `src/areas.ts`), keeping the composition root one screen long. */
export function addAreaPages(mount: Mount): void {
  areaMounts.push(mount);
}
