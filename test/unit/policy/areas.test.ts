import { describe, expect, it } from 'vitest';
import { type Area, areas, composeAreas } from '../../../src/areas/index.ts';
import { allRules } from '../../../src/policy/rules/index.ts';

describe('area modules', () => {
  it('every area names rules that are in the one static policy list, and the list has no rule of no area', () => {
    const named = areas.flatMap((a) => a.rules ?? []);
    for (const r of named) expect(allRules).toContain(r);
    for (const r of allRules) expect(named).toContain(r);
  });

  it('composing is pure: the same list twice gives equal parts, and nothing accumulates between compositions', () => {
    const a = composeAreas(areas);
    const b = composeAreas(areas);
    expect(b.nav.map((n) => n.label)).toEqual(a.nav.map((n) => n.label));
    expect(b.demoSteps.map((s) => s.name)).toEqual(a.demoSteps.map((s) => s.name));
    expect(Object.keys(b.hooks.auditOwners).sort()).toEqual(Object.keys(a.hooks.auditOwners).sort());
    expect(composeAreas([]).nav).toEqual([]);
  });

  it("the composition puts the steps and navigation in order, and joins each area's hooks", () => {
    const c = composeAreas(areas);
    expect(c.demoSteps.map((s) => s.name)).toEqual([
      'plans',
      'money',
      'governance',
      'keyfigures',
      'changes',
      'reports',
      'partnership',
      'contracts',
    ]);
    expect(c.nav.map((n) => n.order)).toEqual([...c.nav.map((n) => n.order)].sort((x, y) => x - y));
    expect(Object.keys(c.hooks.auditOwners).sort()).toEqual([
      'budget',
      'change_request',
      'estate',
      'organisation',
      'plan',
      'report',
      'steering_dialogue',
    ]);
    expect(Object.keys(c.hooks.agendaRefs).sort()).toEqual(['change_request', 'plan', 'report']);
    expect(c.hooks.snapshotParts).toHaveLength(1);
    expect(c.hooks.approvalSteps).toHaveLength(1);
  });

  it('two areas claiming the same audit owner or the same name is an error at boot', () => {
    const one: Area = { name: 'x', auditOwners: { plan: async () => null } };
    expect(() => composeAreas([one, { ...one, name: 'y' }])).toThrow(/audit owner 'plan'/);
    expect(() => composeAreas([one, one])).toThrow(/listed twice/);
  });
});
