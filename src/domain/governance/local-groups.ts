/**
 * R14 — local steering/follow-up groups (styre-/følgegrupper) are formed by the housing organisations for their own
 * plans: a group's owners are the organisations party to every plan it follows (so no organisation puts another's
 * plan under its group). Pure rules: no I/O.
 */

/** R14 — the organisations that own a local group following plans with these parties (one list per plan). */
export function localGroupOwners(partiesPerPlan: readonly (readonly number[])[]): number[] {
  if (!partiesPerPlan.length) return [];
  const [first, ...rest] = partiesPerPlan;
  return [...new Set(first)].filter((o) => rest.every((p) => p.includes(o))).sort((a, b) => a - b);
}

/** R14 — why a local group cannot be saved as it stands (Danish, per field); empty when it can. */
export function localGroupRefusals(g: {
  type: string;
  planIds: readonly number[];
  districtNumbers: readonly number[];
}): Record<string, string> {
  if (g.type !== 'local_group') return {};
  const e: Record<string, string> = {};
  if (!g.planIds.length) e.planIds = 'Vælg de planer, gruppen følger; en lokal styre- eller følgegruppe hører til bestemte planer.';
  if (g.districtNumbers.length) e.districtNumbers = 'En lokal styre- eller følgegruppe følger sine planer, ikke hele bydele.';
  return e;
}
