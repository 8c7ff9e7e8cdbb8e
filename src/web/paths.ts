/** Typed path builders: every link and redirect in the pages comes from here. */
export const paths = {
  home: () => '/',
  login: (next?: string) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  logout: () => '/logout',
  districts: () => '/bydele',
  district: (id: number) => `/bydele/${id}`,
  districtEdit: (id: number) => `/bydele/${id}/rediger`,
  urbanAreas: () => '/byomraader',
  urbanArea: (id: number) => `/byomraader/${id}`,
  urbanAreaNew: () => '/byomraader/ny',
  urbanAreaEdit: (id: number) => `/byomraader/${id}/rediger`,
  urbanAreaDelete: (id: number) => `/byomraader/${id}/slet`,
  organisations: () => '/organisationer',
  organisation: (id: number) => `/organisationer/${id}`,
  organisationNew: () => '/organisationer/ny',
  organisationEdit: (id: number) => `/organisationer/${id}/rediger`,
  organisationDelete: (id: number) => `/organisationer/${id}/slet`,
  estates: () => '/afdelinger',
  estate: (id: number) => `/afdelinger/${id}`,
  estateNew: () => '/afdelinger/ny',
  estateEdit: (id: number) => `/afdelinger/${id}/rediger`,
  estateDelete: (id: number) => `/afdelinger/${id}/slet`,
  history: (entityType: string, id: number | string) => `/historik/${entityType}/${id}`,
  users: () => '/brugere',
  apiDocs: () => '/api/docs',
  about: () => '/om-data',
  accessibility: () => '/tilgaengelighed',
} as const;

/** Adds query parameters to a path, dropping empty ones. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
