import fc from 'fast-check';
import { endSentence } from '../../../src/domain/text.ts';
import { describe, expect, it } from 'vitest';
import { basisPoints, bpText, kr } from '../../../src/domain/money/amount.ts';
import {
  type BudgetDraft,
  checkBudgetRules,
  defaultSplit,
  planYears,
  proposeSplit,
  spreadOverYears,
} from '../../../src/domain/money/budget.ts';

const limits = { lbfMaxPct: 75, localMinPct: 25 };
const orgs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `Org ${i + 1}` }));
const frameArb = fc.integer({ min: 1, max: 10_000_000_000_00 });

describe('R1 money is exact', () => {
  it.each([
    [0, '0,00 kr.'],
    [5, '0,05 kr.'],
    [123_456_750, '1.234.567,50 kr.'],
    [-100_000, '-1.000,00 kr.'],
    [Number.MAX_SAFE_INTEGER, '90.071.992.547.409,91 kr.'],
  ])('R1 %i øre is shown as %s', (ore, text) => expect(kr(ore)).toBe(text));

  it.each([
    [1, 3, 3333, '33,33 %'],
    [2, 3, 6667, '66,67 %'],
    [1, 8, 1250, '12,50 %'],
    [3, 4, 7500, '75,00 %'],
    [1, 0, null, '—'],
  ])('R1 %i / %i is %s basis points, shown as %s (half up)', (part, whole, bp, text) => {
    expect(basisPoints(part, whole)).toBe(bp);
    expect(bpText(bp)).toBe(text);
  });
});

describe('R1 funding split: property tests', () => {
  it('R1 the proposed 75 / 12,5 / 12,5 split adds up to the frame to the øre and keeps the rules, for any frame and number of organisations', () => {
    fc.assert(
      fc.property(frameArb, fc.integer({ min: 0, max: 6 }), (frame, n) => {
        const funders = proposeSplit(frame, orgs(n));
        expect(funders.reduce((s, f) => s + f.amountOre, 0)).toBe(frame);
        expect(funders.every((f) => Number.isSafeInteger(f.amountOre) && f.amountOre >= 0)).toBe(true);
        const budget: BudgetDraft = { frameOre: frame, lines: [{ name: 'Alt', perYear: { 2024: frame } }], funders };
        expect(checkBudgetRules(budget, limits)).toEqual([]);
        const lbf = funders.find((f) => f.kind === 'lbf')!.amountOre;
        expect(BigInt(lbf) * 10_000n <= BigInt(frame) * BigInt(defaultSplit.lbfBp)).toBe(true);
      }),
    );
  });

  it('R1 spreading an amount over years sums exactly and differs by at most 1 øre', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), fc.integer({ min: 1, max: 12 }), (amount, n) => {
        const years = Array.from({ length: n }, (_, i) => 2020 + i);
        const spread = Object.values(spreadOverYears(amount, years));
        expect(spread.reduce((a, b) => a + b, 0)).toBe(amount);
        expect(Math.max(...spread) - Math.min(...spread)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('R1 the sum rules hold exactly: a budget passes iff lines and funders add up, LBF ≤ cap and local ≥ floor', () => {
    fc.assert(
      fc.property(
        frameArb,
        fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        (frame, lineAmounts, lbf, local) => {
          const budget: BudgetDraft = {
            frameOre: frame,
            lines: lineAmounts.map((a, i) => ({ name: `L${i}`, perYear: { 2024: a } })),
            funders: [
              { kind: 'lbf', name: 'LBF', amountOre: lbf },
              { kind: 'municipality', name: 'Kbh', amountOre: local },
            ],
          };
          const v = checkBudgetRules(budget, limits);
          const linesOk = lineAmounts.reduce((a, b) => a + b, 0) === frame;
          const fundersOk = lbf + local === frame;
          const capOk = BigInt(lbf) * 10_000n <= BigInt(frame) * 7_500n;
          const floorOk = BigInt(local) * 10_000n >= BigInt(frame) * 2_500n;
          expect(v.some((x) => x.field === 'lines')).toBe(!linesOk);
          expect(v.some((x) => x.field === 'funders')).toBe(!fundersOk);
          expect(v.some((x) => x.field === 'lbf')).toBe(!capOk);
          expect(v.some((x) => x.field === 'local')).toBe(!floorOk);
          for (const x of v) expect(x.rule).toBe('R1');
        },
      ),
    );
  });
});

describe('R1 funding split: examples with Danish messages', () => {
  const base = (over: Partial<BudgetDraft> = {}): BudgetDraft => ({
    frameOre: 100_000_000,
    lines: [{ name: 'Personale', perYear: { 2024: 60_000_000, 2025: 40_000_000 } }],
    funders: [
      { kind: 'lbf', name: 'Landsbyggefonden', amountOre: 75_000_000 },
      { kind: 'municipality', name: 'Københavns Kommune', amountOre: 12_500_000 },
      { kind: 'organisation', name: 'fsb', amountOre: 12_500_000 },
    ],
    ...over,
  });

  it('R1 Copenhagen’s 75 / 12,5 / 12,5 passes', () => expect(checkBudgetRules(base(), limits)).toEqual([]));

  it('R1 lines that do not add up to the frame name the amounts', () => {
    const v = checkBudgetRules(base({ lines: [{ name: 'Personale', perYear: { 2024: 90_000_000 } }] }), limits);
    expect(v).toEqual([
      {
        rule: 'R1',
        field: 'lines',
        message: 'Budgetlinjerne summer til 900.000,00 kr., men planens ramme er 1.000.000,00 kr. (mangler: 100.000,00 kr.).',
      },
    ]);
  });

  it('R1 LBF above 75 % and local below 25 % name the share and the limit', () => {
    const v = checkBudgetRules(
      base({
        funders: [
          { kind: 'lbf', name: 'LBF', amountOre: 75_000_001 },
          { kind: 'municipality', name: 'Kbh', amountOre: 24_999_999 },
        ],
      }),
      limits,
    );
    expect(v.map((x) => x.message)).toEqual([
      'Landsbyggefonden finansierer 750.000,01 kr. = 75,00 % af rammen; i bevillingsperioden må fonden højst betale 75,00 % (750.000,00 kr.).',
      'Den lokale medfinansiering (kommune, boligorganisationer og andre) er 249.999,99 kr. = 25,00 % af rammen; den skal være mindst 25,00 % (250.000,00 kr.).',
    ]);
  });

  it('R1 a period with other limits (data, not code) is checked against its own numbers', () => {
    expect(checkBudgetRules(base(), { lbfMaxPct: 60, localMinPct: 40 }).map((x) => x.field)).toEqual(['lbf', 'local']);
  });

  it('R1 a zero frame and negative amounts are refused', () => {
    expect(checkBudgetRules(base({ frameOre: 0 }), limits)[0]!.message).toContain('større end 0 kr.');
    expect(checkBudgetRules(base({ lines: [{ name: 'X', perYear: { 2024: -1 } }] }), limits)[0]!.message).toContain(
      'negativt beløb i 2024',
    );
  });

  it('R1 budgets are per calendar year of the plan', () => expect(planYears('2023-07-01', '2026-06-30')).toEqual([2023, 2024, 2025, 2026]));
});

describe('R1 an amount ends its sentence once', () => {
  it.each([
    ['Budget 1.000,00 kr.', 'Budget 1.000,00 kr.'],
    ['Planen er godkendt', 'Planen er godkendt.'],
    ['Hvorfor? ', 'Hvorfor?'],
  ])('R1 endSentence(%j) is %j', (text, out) => expect(endSentence(text)).toBe(out));
});
