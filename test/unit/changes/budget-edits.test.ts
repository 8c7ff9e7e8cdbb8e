import { describe, expect, it } from 'vitest';
import { proposalContract } from '../../../src/contracts/changes.ts';
import { budgetAfterEdits, checkBudgetAfterEdits } from '../../../src/domain/changes/budget.ts';
import { checkEdits, type Edit, type FrameFields, staleEdits } from '../../../src/domain/changes/edits.ts';
import type { BudgetDraft } from '../../../src/domain/money/budget.ts';

const MIO = 100_000_000; // 1 mio. kr. in øre
const limits = { lbfMaxPct: 75, localMinPct: 25, municipalMaxPct: 12.5 };
const period = { startsOn: '2024-01-01', endsOn: '2027-12-31' };
const none: BudgetDraft = { frameOre: 0, lines: [], funders: [] };
const split = (frameOre: number, municipalOre = frameOre / 8): FrameFields => ({
  frameOre,
  funders: [
    { kind: 'lbf', name: 'Landsbyggefonden', organisationId: null, amountOre: (frameOre * 3) / 4 },
    { kind: 'municipality', name: 'Københavns Kommune', organisationId: null, amountOre: municipalOre },
    { kind: 'organisation', name: 'KAB', organisationId: 7, amountOre: frameOre / 4 - municipalOre },
  ],
});
const frame = (after: FrameFields, before: FrameFields = { frameOre: 0, funders: [] }): Edit => ({ op: 'changeFrame', before, after });
const line = (name: string, perYear: [number, number][]): Edit => ({
  op: 'addBudgetLine',
  line: { name, kind: 'staff', activityId: null },
  amounts: perYear.map(([year, amountOre]) => ({ year, amountOre })),
});
/** An existing budget: 8 mio. kr., one line of 2 mio. kr. a year 2024–2027. */
const existing: BudgetDraft = {
  frameOre: 8 * MIO,
  lines: [
    { id: 11, name: 'Personale', kind: 'staff', activityId: null, perYear: { 2024: 2 * MIO, 2025: 2 * MIO, 2026: 2 * MIO, 2027: 2 * MIO } },
  ],
  funders: split(8 * MIO).funders,
};

describe('R1 a change request can give a budget, a new line, a new year and a new frame', () => {
  it('R1 a plan without a budget gets one: frame, funders and a line per year, and the funding rules hold', () => {
    const edits = [
      frame(split(8 * MIO)),
      line(
        'Drift',
        [2024, 2025, 2026, 2027].map((y) => [y, 2 * MIO]),
      ),
    ];
    expect(checkEdits('budget_change', edits)).toEqual([]);
    const after = budgetAfterEdits(none, edits);
    expect(after.frameOre).toBe(8 * MIO);
    expect(after.lines).toHaveLength(1);
    expect(after.lines[0]!.perYear).toEqual({ 2024: 2 * MIO, 2025: 2 * MIO, 2026: 2 * MIO, 2027: 2 * MIO });
    expect(checkBudgetAfterEdits(after, limits, period, null)).toEqual([]);
  });

  it('R1 a larger frame with a new line that covers the difference keeps the rules; the current budget is not touched', () => {
    const edits = [frame(split(10 * MIO, MIO), split(8 * MIO)), line('Evaluering', [[2027, 2 * MIO]])];
    const after = budgetAfterEdits(existing, edits);
    expect(checkBudgetAfterEdits(after, limits, period, null)).toEqual([]);
    expect(existing.frameOre).toBe(8 * MIO);
    expect(existing.lines).toHaveLength(1);
  });

  it('R1 a larger frame without lines to match is refused, naming both sums, without rule codes', () => {
    const problems = checkBudgetAfterEdits(budgetAfterEdits(existing, [frame(split(10 * MIO, MIO), split(8 * MIO))]), limits, period, null);
    expect(problems.map((p) => p.message)).toEqual([
      'Budgetlinjerne summer til 8.000.000,00 kr., men planens ramme er 10.000.000,00 kr. (mangler: 2.000.000,00 kr.).',
    ]);
    expect(problems[0]!.rule).toBe('R1');
  });

  it('R1 25 mio. kr. of municipal co-financing for an 8 mio. kr. plan is refused: every breach at once', () => {
    const after = budgetAfterEdits(none, [
      frame({
        frameOre: 8 * MIO,
        funders: [
          { kind: 'lbf', name: 'Landsbyggefonden', organisationId: null, amountOre: 6 * MIO },
          { kind: 'municipality', name: 'Københavns Kommune', organisationId: null, amountOre: 25 * MIO },
        ],
      }),
      line('Drift', [[2024, 8 * MIO]]),
    ]);
    const messages = checkBudgetAfterEdits(after, limits, period, null).map((p) => p.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toBe(
      'Finansieringen summer til 31.000.000,00 kr., men planens ramme er 8.000.000,00 kr. (for meget: 23.000.000,00 kr.).',
    );
    expect(messages[1]).toContain('Kommunen betaler højst 12,50 % af planens samlede ramme (1.000.000,00 kr. af 8.000.000,00 kr.)');
    for (const m of messages) expect(m).not.toMatch(/R\d/);
  });

  it('R5 the municipality cannot pay more than the City Council approved', () => {
    const after = budgetAfterEdits(existing, [frame(split(8 * MIO, 1.5 * MIO), split(8 * MIO))]);
    const problems = checkBudgetAfterEdits(after, limits, period, MIO);
    expect(problems.map((p) => p.rule)).toEqual(['R1', 'R5']);
    expect(problems[1]!.message).toBe(
      'Borgerrepræsentationen har godkendt 1.000.000,00 kr. i kommunal medfinansiering; ændringen lader kommunen betale 1.500.000,00 kr., og en større kommunal andel kræver en ny godkendelse i Borgerrepræsentationen.',
    );
  });

  it('R1 amounts outside the plan’s years and a second line of the same name are refused', () => {
    const after = budgetAfterEdits(existing, [
      frame(split(10 * MIO, MIO), split(8 * MIO)),
      line('personale', [
        [2027, MIO],
        [2029, MIO],
      ]),
    ]);
    expect(checkBudgetAfterEdits(after, limits, period, null).map((p) => p.message)).toEqual([
      'Budgettet kan kun have beløb i planens år (2024–2027), ikke i 2029.',
      'Budgetlinjen «personale» findes allerede; giv den nye linje et andet navn.',
    ]);
  });

  it('R1 a new year adds amounts to existing lines; a year that already has a budget is refused', () => {
    const noYear: BudgetDraft = { ...existing, lines: [{ ...existing.lines[0]!, perYear: { 2024: 4 * MIO, 2025: 4 * MIO } }] };
    const add: Edit = { op: 'addBudgetYear', year: 2026, amounts: [{ lineId: 11, amountOre: 2 * MIO }], before: { yearOre: 0 } };
    expect(checkEdits('budget_change', [add])).toEqual([]);
    expect(budgetAfterEdits(noYear, [add]).lines[0]!.perYear[2026]).toBe(2 * MIO);
    expect(checkEdits('budget_change', [{ ...add, before: { yearOre: 4 * MIO } }]).map((p) => p.message)).toEqual([
      '2026 har allerede et budget (4.000.000,00 kr.); flyt midler mellem linjerne i stedet.',
    ]);
  });

  it('R1 a smaller frame: a line’s amount in a year is lowered, the frame and the funders follow, and the rules hold', () => {
    const lower: Edit = { op: 'setLineAmount', lineId: 11, year: 2027, before: { amountOre: 2 * MIO }, after: { amountOre: 0 } };
    const after = budgetAfterEdits(existing, [frame(split(6 * MIO), split(8 * MIO)), lower]);
    expect(after.lines[0]!.perYear[2027]).toBe(0);
    expect(checkBudgetAfterEdits(after, limits, period, null)).toEqual([]);
    expect(checkEdits('budget_change', [{ ...lower, after: { amountOre: 2 * MIO } }]).map((p) => p.message)).toEqual([
      'Ændringen ændrer ikke noget.',
    ]);
    expect(staleEdits([lower], new Map([['lineAmount:11:2027', { amountOre: 1.5 * MIO }]]))[0]!.what).toBe('Budgettet 2027');
  });

  it.each([
    [frame({ frameOre: 0, funders: [] }), 'Planens samlede ramme skal være større end 0 kr.'],
    [
      frame({
        frameOre: MIO,
        funders: [
          { kind: 'lbf', name: 'LBF', organisationId: null, amountOre: MIO / 2 },
          { kind: 'lbf', name: 'LBF igen', organisationId: null, amountOre: MIO / 2 },
        ],
      }),
      'Landsbyggefonden kan kun stå én gang blandt finansieringskilderne.',
    ],
    [line('Drift', [[2024, 0]]), 'Skriv mindst ét beløb større end 0 kr.'],
    [
      line('Drift', [
        [2024, MIO],
        [2024, MIO],
      ]),
      'Hvert år kan kun stå én gang.',
    ],
    [{ ...(line('  ', [[2024, MIO]]) as Extract<Edit, { op: 'addBudgetLine' }>) }, 'Den nye budgetlinje skal have et navn.'],
    [frame(split(8 * MIO), split(8 * MIO)), 'Ændringen ændrer ikke noget.'],
  ] as const)('R1 a budget edit that cannot be: %j', (edit, message) => {
    expect(checkEdits('budget_change', [edit]).map((p) => p.message)).toContain(message);
  });

  it('R3 budget edits belong to a budget change, not to another kind of request', () => {
    expect(checkEdits('activity_content', [frame(split(8 * MIO))])[0]!.message).toContain('kan ikke indeholde');
  });

  it('R3 a frame change proposed against another frame than the plan’s now is stale (key order does not matter)', () => {
    const edit = frame(split(10 * MIO, MIO), split(8 * MIO));
    const same = {
      funders: split(8 * MIO).funders.map((f) => ({
        amountOre: f.amountOre,
        organisationId: f.organisationId,
        name: f.name,
        kind: f.kind,
      })),
      frameOre: 8 * MIO,
    };
    expect(staleEdits([edit], new Map([['frame', same]]))).toEqual([]);
    expect(staleEdits([edit], new Map([['frame', split(9 * MIO)]]))[0]!.what).toBe('Planens ramme og finansiering');
  });
});

describe('R3 the contract of budget edits, shared by form and API', () => {
  const proposal = (edits: unknown[]) => ({ kind: 'budget_change', title: 'Budget', justification: 'Planen mangler et budget', edits });
  it('R1 a frame change and a new line parse into the domain’s edits', () => {
    const parsed = proposalContract.safeParse(proposal([frame(split(8 * MIO)), line('Drift', [[2024, 8 * MIO]])]));
    expect(parsed.success).toBe(true);
  });
  it.each([
    [{ ...frame(split(8 * MIO)), after: { frameOre: -5, funders: split(8 * MIO).funders } }, 'edits.0.after.frameOre'],
    [line('Drift', [[2024, -1]]), 'edits.0.amounts.0.amountOre'],
    [{ ...line('Drift', [[1800, MIO]]) }, 'edits.0.amounts.0.year'],
    [{ op: 'addBudgetYear', year: 2026, amounts: [{ lineId: 0, amountOre: MIO }], before: { yearOre: 0 } }, 'edits.0.amounts.0.lineId'],
  ])('R1 bad input is refused with a Danish message at its field: %j', (edit, path) => {
    const parsed = proposalContract.safeParse(proposal([edit]));
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.path.join('.') === path);
    expect(issue?.message).toMatch(/[æøåÆØÅ]|skal|Vælg|Beløbet/);
  });
});
