import type { Actor } from '../policy/actor.ts';
import { paths } from './paths.ts';

export interface NavEntry {
  label: string;
  href: string;
  /** Paths under this prefix mark the entry active. */
  prefix: string;
  visible?: (actor: Actor) => boolean;
  order: number;
}

const entries: NavEntry[] = [
  { label: 'Forside', href: paths.home(), prefix: '/__home', order: 0 },
  { label: 'Bydele', href: paths.districts(), prefix: '/bydele', order: 50 },
  { label: 'Byområder', href: paths.urbanAreas(), prefix: '/byomraader', order: 51 },
  { label: 'Organisationer', href: paths.organisations(), prefix: '/organisationer', order: 52 },
  { label: 'Afdelinger', href: paths.estates(), prefix: '/afdelinger', order: 53 },
];

/** Areas add their main-navigation entries here (plans, economy, boards, key figures …). */
export function addNavEntry(e: NavEntry): void {
  entries.push(e);
  entries.sort((a, b) => a.order - b.order);
}

export function navFor(actor: Actor, path: string) {
  return entries
    .filter((e) => !e.visible || e.visible(actor))
    .map((e) => ({ label: e.label, href: e.href, active: e.prefix === '/__home' ? path === '/' : path.startsWith(e.prefix) }));
}
