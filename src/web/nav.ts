import type { Actor } from '../policy/actor.ts';
import type { NavEntry } from '../app-env.ts';
import { paths } from './paths.ts';

/** The registry's entries; the other areas name theirs in their area module. */
export const registryNav: NavEntry[] = [
  { label: 'Forside', href: paths.home(), prefix: '/__home', order: 0 },
  { label: 'Bydele', href: paths.districts(), prefix: '/bydele', order: 50 },
  { label: 'Byområder', href: paths.urbanAreas(), prefix: '/byomraader', order: 51 },
  { label: 'Organisationer', href: paths.organisations(), prefix: '/organisationer', order: 52 },
  { label: 'Afdelinger', href: paths.estates(), prefix: '/afdelinger', order: 53 },
];

/** The main navigation for an actor on a path: the composed entries in order, those the actor may see. */
export function navFor(entries: readonly NavEntry[], actor: Actor, path: string) {
  return [...entries]
    .sort((a, b) => a.order - b.order)
    .filter((e) => !e.visible || e.visible(actor))
    .map((e) => ({ label: e.label, href: e.href, active: e.prefix === '/__home' ? path === '/' : path.startsWith(e.prefix) }));
}
