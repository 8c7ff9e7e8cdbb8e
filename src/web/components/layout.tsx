import type { Child } from 'hono/jsx';
import { Alert } from './alert.tsx';

export interface LayoutProps {
  title: string;
  breadcrumbs?: { label: string; href?: string }[];
  user?: { name: string; roleLabel: string } | null;
  nav: { label: string; href: string; active?: boolean }[];
  csrfToken?: string;
  flash?: { kind: 'success' | 'info' | 'warning' | 'error'; text: string }[];
  demo?: boolean;
  assetBase: string;
  appBase?: string;
  head?: Child;
  children?: Child;
}

/** Without JavaScript there is no drawer: the main menu and the log-in link stay in the header on every width. */
const noScriptCss =
  '.header .button-menu-open{display:none}.header .navigation-menu,.header .navigation-menu .navigation-menu-inner .nav{display:block}.header .portal-info .portal-user{display:flex;margin-left:auto}.header .navigation-menu .mainmenu{flex-wrap:wrap}';

function Icon({ base, name }: { base: string; name: string }) {
  return (
    <svg class="icon-svg" aria-hidden="true" focusable="false">
      <use href={`${base}/img/all-svg-icons.svg#${name}`}></use>
    </svg>
  );
}

function MainMenu({ nav }: { nav: LayoutProps['nav'] }) {
  return (
    <ul class="mainmenu">
      {nav.map((n) => (
        <li class={n.active ? 'active current' : undefined}>
          <a href={n.href} class="nav-link" aria-current={n.active ? 'page' : undefined}>
            <span>{n.label}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The signed-in user and "Log af", or "Log ind": once in the desktop header, once in the mobile drawer. */
function UserBox(p: LayoutProps) {
  if (!p.user) {
    return (
      <a class="button button-secondary log-on" href="/login">
        Log ind
      </a>
    );
  }
  return (
    <>
      <p class="user">
        <strong>{p.user.name}</strong>
        <br />
        <span>{p.user.roleLabel}</span>
      </p>
      <form method="post" action="/logout">
        <input type="hidden" name="_csrf" value={p.csrfToken ?? ''} />
        <button type="submit" class="button button-secondary d-print-none log-off">
          Log af
        </button>
      </form>
    </>
  );
}

/**
 * The page frame in dkfds markup: skip link, header (portal + solution), main navigation with dkfds's mobile drawer
 * below 1024 px, breadcrumbs, main content and footer. Works without JavaScript.
 * @example renderPage(<Layout title="Forside" nav={[]} assetBase="/assets/dkfds-11.2.0">…</Layout>)
 */
export function Layout(p: LayoutProps) {
  return (
    <html lang="da">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.title}</title>
        <link rel="stylesheet" href={`${p.assetBase}/css/dkfds.min.css`} />
        <link rel="stylesheet" href={`${p.appBase ?? '/assets/app'}/app.css`} />
        <link rel="icon" href={`${p.appBase ?? '/assets/app'}/favicon.svg`} type="image/svg+xml" />
        {p.head}
        <noscript>
          <style>{noScriptCss}</style>
        </noscript>
      </head>
      <body>
        <a class="skipnav" href="#main-content">
          Gå til sideindhold
        </a>
        <header class="header">
          <div class="portal-info">
            <div class="portal-info-inner container">
              <a href="/" class="portal-home" aria-label="Helhed — til forsiden">
                <span class="logo-text">Københavns Kommune</span>
              </a>
              <button type="button" class="function-link button-menu-open js-menu-open ml-auto d-print-none" aria-haspopup="dialog">
                <Icon base={p.assetBase} name="menu" />
                Menu
              </button>
              <div class="portal-user">
                <UserBox {...p} />
              </div>
            </div>
          </div>
          <div class="solution-info">
            <div class="solution-info-inner container">
              <div class="solution-heading">
                <a href="/" aria-label="Helhed, forside">
                  Helhed
                </a>
              </div>
              <div class="additional-info">
                <p>Boligsociale helhedsplaner i København</p>
              </div>
            </div>
          </div>
          <div class="mobile-drawer" role="dialog" aria-modal="true" aria-labelledby="menu-heading">
            <div class="menu-top">
              <h2 id="menu-heading" class="menu-heading">
                Menu
              </h2>
              <button type="button" class="function-link button-menu-close js-menu-close" aria-label="Luk menu">
                <Icon base={p.assetBase} name="close" />
                Luk
              </button>
            </div>
            <nav class="navigation-menu-mobile" aria-label="Hovedmenu">
              <MainMenu nav={p.nav} />
            </nav>
            <div class="portal-info-mobile">
              <UserBox {...p} />
            </div>
          </div>
          <div class="navigation-menu">
            <div class="navigation-menu-inner container">
              <nav class="nav" aria-label="Hovedmenu">
                <MainMenu nav={p.nav} />
              </nav>
            </div>
          </div>
        </header>
        <div class="overlay"></div>
        {p.demo && (
          <div class="container demo-banner">
            <Alert kind="warning" heading="Demodata">
              <p>Denne installation kører med demodata. Afdelinger, planer og personer er opdigtede.</p>
            </Alert>
          </div>
        )}
        <div class="container page-container">
          {p.breadcrumbs && p.breadcrumbs.length > 0 && (
            <nav class="breadcrumbs" aria-label="Brødkrummesti">
              <ol class="breadcrumbs__list">
                {p.breadcrumbs.map((b, i) => (
                  <li class="breadcrumbs__list-item" aria-current={b.href && i < p.breadcrumbs!.length - 1 ? undefined : 'page'}>
                    {i > 0 && (
                      <svg class="icon-svg" aria-hidden="true" focusable="false">
                        <use href={`${p.assetBase}/img/all-svg-icons.svg#chevron-right`}></use>
                      </svg>
                    )}
                    {b.href && i < p.breadcrumbs!.length - 1 ? (
                      <a href={b.href} class="breadcrumbs__link">
                        {b.label}
                      </a>
                    ) : (
                      b.label
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          )}
          <main id="main-content" class="page-content" tabindex={-1}>
            {(p.flash ?? []).map((f) => (
              <Alert kind={f.kind}>
                <p>{f.text}</p>
              </Alert>
            ))}
            {p.children}
          </main>
        </div>
        <footer class="footer">
          <div class="container">
            <div class="row">
              <div class="col-12 col-md-6">
                <p>
                  <strong>Helhed</strong> — Københavns Kommune, boligorganisationerne og Landsbyggefonden
                </p>
              </div>
              <div class="col-12 col-md-6">
                <ul class="footer-links nobullet-list">
                  <li>
                    <a href="/tilgaengelighed">Tilgængelighedserklæring</a>
                  </li>
                  <li>
                    <a href="/api/docs">API</a>
                  </li>
                  <li>
                    <a href="/om-data">Om data</a>
                  </li>
                </ul>
              </div>
            </div>
          </div>
        </footer>
        <script src={`${p.assetBase}/js/dkfds.min.js`} defer></script>
        <script src={`${p.appBase ?? '/assets/app'}/app.js`} defer></script>
      </body>
    </html>
  );
}
