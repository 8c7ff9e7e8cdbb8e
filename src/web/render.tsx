import { isHttps } from './middleware.ts';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import { primaryRoleLabel } from '../policy/actor.ts';
import { Layout, renderPage } from './components/index.ts';
import type { AppEnv } from '../app-env.ts';
import { navFor } from './nav.ts';
import { assetPaths } from './static.ts';

export interface PageOptions {
  title: string;
  breadcrumbs?: { label: string; href?: string }[];
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500;
  head?: Child;
}

export const FLASH = 'helhed_flash';

/** Shows a one-line success message on the next page (after a redirect). */
export function flash(c: Context<AppEnv>, text: string): void {
  setCookie(c, FLASH, encodeURIComponent(text), { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 60, secure: isHttps(c) });
}

/** The flash message the cookie carries; a cookie this app did not write (bad percent-encoding) is ignored. */
function flashText(note: string | undefined): { kind: 'success'; text: string }[] {
  if (!note) return [];
  try {
    return [{ kind: 'success', text: decodeURIComponent(note) }];
  } catch (err) {
    if (err instanceof URIError) return [];
    throw err;
  }
}

/** Renders a full page in the layout, for the acting user. */
export function page(c: Context<AppEnv>, opts: PageOptions, body: Child) {
  const actor = c.get('actor');
  const note = getCookie(c, FLASH);
  if (note) deleteCookie(c, FLASH, { path: '/' });
  const html = renderPage(
    <Layout
      title={`${opts.title} · Helhed`}
      breadcrumbs={opts.breadcrumbs}
      user={actor.kind === 'user' ? { name: actor.name, roleLabel: primaryRoleLabel(actor) } : null}
      nav={navFor(c.get('parts').nav, actor, c.req.path)}
      csrfToken={c.get('csrfToken')}
      flash={flashText(note)}
      demo={c.get('deps').demo}
      assetBase={assetPaths.dkfds}
      head={opts.head}
    >
      {body}
    </Layout>,
  );
  return c.html(html, opts.status ?? 200);
}

export const home = { label: 'Forside', href: '/' };
