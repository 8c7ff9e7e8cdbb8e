import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { page } from './render.tsx';

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        tags?: string[];
        parameters?: { name: string; in: string; required?: boolean }[];
        requestBody?: unknown;
        responses?: Record<string, { description?: string }>;
      }
    >
  >;
};

/** A readable page over the OpenAPI document (no external scripts). */
export function apiDocsPage(document: () => unknown) {
  const r = new Hono<AppEnv>();
  r.get('/', (c) => {
    const doc = document() as Doc;
    const byTag = new Map<string, { method: string; path: string; op: Doc['paths'][string][string] }[]>();
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const tag = op.tags?.[0] ?? 'Andet';
        byTag.set(tag, [...(byTag.get(tag) ?? []), { method: method.toUpperCase(), path, op }]);
      }
    return page(
      c,
      { title: 'API', breadcrumbs: [{ label: 'Forside', href: '/' }, { label: 'API' }] },
      <>
        <h1>Helhed API</h1>
        <p>
          Maskinlæsbar beskrivelse: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Alle stier ligger under{' '}
          <code>/api/v1</code>. Brug en API-nøgle: <code>Authorization: Bearer …</code>
        </p>
        {[...byTag.entries()].map(([tag, ops]) => (
          <section>
            <h2>{tag}</h2>
            <div class="table--responsive-scroll" tabindex={0} role="region" aria-label={tag}>
              <table class="table table--compact">
                <caption class="sr-only">{tag}</caption>
                <thead>
                  <tr>
                    <th scope="col">Metode</th>
                    <th scope="col">Sti</th>
                    <th scope="col">Beskrivelse</th>
                    <th scope="col">Parametre</th>
                    <th scope="col">Svar</th>
                  </tr>
                </thead>
                <tbody>
                  {ops.map(({ method, path, op }) => (
                    <tr>
                      <td>
                        <code>{method}</code>
                      </td>
                      <td>
                        <code>/api/v1{path}</code>
                      </td>
                      <td>{op.summary ?? ''}</td>
                      <td>
                        {(op.parameters ?? []).map((p) => `${p.name} (${p.in}${p.required ? ', påkrævet' : ''})`).join(', ') +
                          (op.requestBody ? ' JSON-body' : '')}
                      </td>
                      <td>{Object.keys(op.responses ?? {}).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </>,
    );
  });
  return r;
}
