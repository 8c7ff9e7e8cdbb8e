import type { Child } from 'hono/jsx';

export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
  /** For a column without a visible header: what a screen reader hears instead (default «Handling»). */
  srLabel?: string;
  sortable?: { href: string; direction?: 'ascending' | 'descending' };
}

/**
 * A dkfds table with a caption; sortable columns are links (no JavaScript) with aria-sort.
 * @example <Table caption="Afdelinger" columns={[{ key: 'name', label: 'Navn' }]} rows={[{ name: 'Tingbjerg' }]} />
 */
export function Table({
  caption,
  columns,
  rows,
  empty = 'Ingen rækker.',
  id,
  compact,
}: {
  caption: string;
  columns: Column[];
  rows: Record<string, Child>[];
  empty?: string;
  id?: string;
  compact?: boolean;
}) {
  return (
    // Focusable and named, so a keyboard user can scroll a table wider than a phone (axe: scrollable-region-focusable).
    <div class="table--responsive-scroll" tabindex={0} role="region" aria-label={caption}>
      <table class={`table table--zebra${compact ? ' table--compact' : ''}`} id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'text-align-right' : undefined} aria-sort={c.sortable?.direction}>
                {c.sortable ? (
                  <a href={c.sortable.href} class="function-link">
                    {c.label}
                    {c.sortable.direction === 'ascending' ? ' ▲' : c.sortable.direction === 'descending' ? ' ▼' : ''}
                  </a>
                ) : (
                  c.label || <span class="sr-only">{c.srLabel ?? 'Handling'}</span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colspan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr>
                {columns.map((c) => (
                  <td class={c.numeric ? 'text-align-right' : undefined} data-title={c.label}>
                    {r[c.key]}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * dkfds pagination as links (works without JavaScript); hidden when there is one page.
 * @example <Pagination page={2} pageCount={9} hrefFor={(p) => `/afdelinger?page=${p}`} />
 */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (p: number) => string }) {
  if (pageCount <= 1) return null;
  const pages = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label="Sider">
      {page > 1 && (
        <a href={hrefFor(page - 1)} class="button button-arrow button-previous" aria-label="Forrige side">
          <span class="pagination-nav-link">Forrige</span>
        </a>
      )}
      <ul class="pagination__items">
        {pages.map((p, i) => (
          <>
            {i > 0 && p - pages[i - 1]! > 1 && (
              <li class="pagination-item pagination-overflow" aria-hidden="true">
                <span>…</span>
              </li>
            )}
            <li class="pagination-item pagination-number">
              <a
                href={hrefFor(p)}
                class={`button${p === page ? ' current-page' : ''}`}
                aria-current={p === page ? 'page' : undefined}
                aria-label={`Side ${p}`}
              >
                {p}
              </a>
            </li>
          </>
        ))}
      </ul>
      {page < pageCount && (
        <a href={hrefFor(page + 1)} class="button button-arrow button-next" aria-label="Næste side">
          <span class="pagination-nav-link">Næste</span>
        </a>
      )}
    </nav>
  );
}
