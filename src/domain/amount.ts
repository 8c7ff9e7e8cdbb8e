/** R1 — money is whole øre. Parses Danish amount input ("1.250.000", "1250000,50", "1 250 000 kr.") exactly. */
export function parseKr(input: string): { ok: true; ore: number } | { ok: false; message: string } {
  const s = input
    .replace(/kr\.?/i, '')
    .replace(/[\s\u00a0]/g, '')
    .trim();
  const m = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s);
  if (!m) return { ok: false, message: 'Skriv beløbet i kroner, fx 1.250.000 eller 1250000,50.' };
  const kr = BigInt(m[2]!.replace(/\./g, ''));
  const ore = kr * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
  const signed = m[1] ? -ore : ore;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER))
    return { ok: false, message: 'Beløbet er for stort.' };
  return { ok: true, ore: Number(signed) };
}
