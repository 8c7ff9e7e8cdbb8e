import { describe, expect, it } from 'vitest';
import { type BudgetDraft, checkBudgetRules, checkMunicipalShare, proposeMunicipalSplit } from '../../../src/domain/money/budget.ts';

const budget = (municipalOre: number): BudgetDraft => ({
  frameOre: 1_000_000_00,
  lines: [{ name: 'Personale', perYear: { 2024: 1_000_000_00 } }],
  funders: [
    { kind: 'lbf', name: 'Landsbyggefonden', amountOre: 750_000_00 },
    { kind: 'municipality', name: 'Københavns Kommune', amountOre: municipalOre },
    { kind: 'other', name: 'Boligorganisationerne', amountOre: 250_000_00 - municipalOre },
  ],
});

describe('R1 municipal share', () => {
  it('R1 the municipality may pay up to 12,5 % of the frame, not more', () => {
    expect(checkMunicipalShare(budget(125_000_00), 1250)).toEqual([]);
    const [v] = checkMunicipalShare(budget(125_000_01), 1250);
    expect(v?.message).toBe(
      'Kommunen betaler højst 12,50 % af planens samlede ramme (125.000,00 kr. af 1.000.000,00 kr.). Budgettet lader kommunen betale 125.000,01 kr. = 12,50 %, 0,01 kr. for meget.',
    );
    expect(v?.message).not.toMatch(/R\d/);
  });

  it('R1 the cap is a setting: the budget rules check it when the municipality has one', () => {
    expect(checkBudgetRules(budget(200_000_00), { lbfMaxPct: 75, localMinPct: 25 })).toEqual([]);
    expect(checkBudgetRules(budget(200_000_00), { lbfMaxPct: 75, localMinPct: 25, municipalMaxPct: 12.5 }).map((v) => v.field)).toEqual([
      'municipality',
    ]);
    expect(checkBudgetRules(budget(200_000_00), { lbfMaxPct: 75, localMinPct: 25, municipalMaxPct: 20 })).toEqual([]);
  });

  it("R1 Copenhagen's split of its share: 10,6 % contracted work and 1,9 % facilitation, adding up exactly", () => {
    expect(proposeMunicipalSplit(125_000_00, 1060, 190)).toEqual({ contractedOre: 106_000_00, facilitationOre: 19_000_00 });
    const odd = proposeMunicipalSplit(1_234_567, 1060, 190);
    expect(odd.contractedOre + odd.facilitationOre).toBe(1_234_567);
    expect(checkMunicipalShare(budget(125_000_00), 1250, { contractedOre: 106_000_00, facilitationOre: 18_000_00 })[0]?.message).toContain(
      'kontraktstyret arbejde',
    );
  });
});
