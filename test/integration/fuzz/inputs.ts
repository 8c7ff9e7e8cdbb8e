/** Hostile values and request mutations for the fuzz test; pure, no I/O. */

export const NUL = 'før\u0000efter';
export const CONTROL = 'a\u0001b\u001bc\u007fd';
export const ONE_MB = 'x'.repeat(1024 * 1024);
/** Dates that match `YYYY-MM-DD` (or nearly) but are not days of the calendar. */
export const impossibleDates = ['2026-13-01', '0000-01-01', '2026-02-31', '275760-09-14', '2026-00-10'];

/** Text values sent in a field's place, taken in turn so every route sees several of them. */
export const textValues = [
  CONTROL,
  ONE_MB,
  '2026-13-01',
  '0000-01-01',
  '9'.repeat(40),
  '-1',
  '',
  '\ud800',
  '%E0%A4%A',
  '1e309',
  '0x10',
  ' ',
];
/** JSON values of the wrong type or out of range, taken in turn. */
export const jsonValues: unknown[] = [null, 2 ** 63, -1, 1.5, 9007199254740993, true, [], {}, { a: NUL }, [NUL], '9'.repeat(40), 1e300];
/** Path parameter values, percent-encoded as they travel. */
export const paramValues = ['99999999999999999999', '-1', '0', '%00', '%E0%A4%A', 'abc', '1.5', '1e3'];

/** A field that holds a version, an id or a count, by its camelCase name. */
export const isNumberLike = (name: string) => /^(version|id|year|aar)$|(Id|Ids|Version|Count|Days|Ore)$/.test(name);

/** A field that holds a day: by its camelCase name (`date`, `decisionDate`, `startsOn`, `validFrom`, `dato`) or its value. */
export const isDateLike = (name: string, value: unknown) =>
  /^(date|dato|due)|(Date|On|From|To)$/.test(name) || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value));

type Path = (string | number)[];

/** The paths of every leaf value in a JSON value (at most `max`), arrays and objects walked. */
export function leafPaths(value: unknown, max = 16, at: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return at.length ? [at] : [];
  const out: Path[] = [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  if (entries.length === 0 && at.length) return [at];
  for (const [k, v] of entries) {
    for (const p of leafPaths(v, max - out.length, [...at, k])) if (out.length < max) out.push(p);
  }
  return out;
}

/** A deep copy of `value` with the leaf at `path` replaced. */
export function withLeaf(value: unknown, path: Path, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withLeaf(v, rest, leaf) : v));
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[String(head)] = withLeaf(copy[String(head)], rest, leaf);
  return copy;
}

/** The values of a route pattern's parameters in a concrete path (`/a/:id` and `/a/5` give `{ id: '5' }`). */
export function paramsOf(pattern: string, path: string): Record<string, string> {
  const p = pattern.split('/');
  const s = path.split('?')[0]!.split('/');
  const out: Record<string, string> = {};
  p.forEach((seg, i) => {
    if (seg.startsWith(':')) out[seg.slice(1).replace(/\{.*$/, '')] = s[i] ?? '1';
  });
  return out;
}

/** The pattern with its parameters filled in; unknown ones get `fallback(name)`. */
export function fill(pattern: string, values: Record<string, string>, fallback: (name: string) => string): string {
  return pattern.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => values[name] ?? fallback(name));
}

/** Multipart bodies a browser would never send. */
export const brokenMultipart: { label: string; type: string; body: string }[] = [
  {
    label: 'truncated multipart',
    type: 'multipart/form-data; boundary=XYZ',
    body: '--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nhalv',
  },
  { label: 'multipart without boundary', type: 'multipart/form-data', body: 'ikke multipart' },
  {
    label: 'multipart with another boundary',
    type: 'multipart/form-data; boundary=AAA',
    body: '--BBB\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--BBB--\r\n',
  },
  {
    label: 'multipart with a broken header',
    type: 'multipart/form-data; boundary=XYZ',
    body: '--XYZ\r\nContent-Disposition\r\n\r\nb\r\n--XYZ--\r\n',
  },
];

/** JSON bodies that do not parse, or parse to the wrong shape. */
export const brokenJson: { label: string; body: string }[] = [
  { label: 'truncated JSON', body: '{"name": "a' },
  { label: 'JSON array', body: '[]' },
  { label: 'JSON null', body: 'null' },
  { label: 'JSON string', body: '"x"' },
  { label: 'JSON with a NUL key', body: '{"\\u0000": "x"}' },
  { label: 'not JSON', body: 'name=a&b=c' },
];
