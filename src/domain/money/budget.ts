import { bpText, kr, pctToBp, shareCeil, shareFloor, sumOre } from './amount.ts';

export type FunderKind = 'lbf' | 'municipality' | 'organisation' | 'other';
export type LineKind = 'activity' | 'staff' | 'activities' | 'premises' | 'evaluation' | 'administration' | 'other';

/** Budget line categories (a line is either tied to an activity or a cost category). */
export const lineKindLabels: Record<LineKind, string> = {
  activity: 'Aktivitet',
  staff: 'Personale',
  activities: 'Aktiviteter (øvrige)',
  premises: 'Lokaler',
  evaluation: 'Evaluering',
  administration: 'Administration',
  other: 'Andet',
};

export const funderKindLabels: Record<FunderKind, string> = {
  lbf: 'Landsbyggefonden',
  municipality: 'Københavns Kommune',
  organisation: 'Boligorganisation',
  other: 'Anden finansiering',
};

/** A budget as entered or stored: the frame, lines with an amount per year, and the funders (all in øre). */
export interface BudgetDraft {
  frameOre: number;
  lines: { id?: number | null; name: string; kind?: LineKind; activityId?: number | null; perYear: Record<number, number> }[];
  funders: { id?: number | null; kind: FunderKind; name: string; organisationId?: number | null; amountOre: number }[];
}

export interface RuleViolation {
  rule: string;
  field?: string;
  message: string;
}

export interface BudgetLimits {
  /** LBF's cap in the funding period, percent of the frame (75). */
  lbfMaxPct: number;
  /** The local co-financing floor, percent of the frame (25). */
  localMinPct: number;
  /** The municipality's cap on its own share, percent of the frame (Copenhagen: 12,5); a setting per municipality. */
  municipalMaxPct?: number;
}

/** R1 — the municipality's share split into contracted work and facilitation (Copenhagen: 10,6 % and 1,9 % of the frame). */
export interface MunicipalSplit {
  contractedOre: number;
  facilitationOre: number;
}

/** R1 — the rule on the municipality's share as shown to users (no rule codes). */
export const municipalCapText = (capBp: number) => `Kommunen betaler højst ${bpText(capBp)} af planens samlede ramme`;

/**
 * R1 — Copenhagen's split of its share: the municipality's amount divided in the ratio of the municipality's setting
 * (10,6 : 1,9), contracted work rounded down to whole øre and facilitation taking the rest; the two add up exactly.
 */
export function proposeMunicipalSplit(municipalOre: number, contractedBp: number, facilitationBp: number): MunicipalSplit {
  const whole = BigInt(contractedBp + facilitationBp);
  if (whole === 0n || municipalOre <= 0) return { contractedOre: 0, facilitationOre: Math.max(0, municipalOre) };
  const contracted = Number((BigInt(municipalOre) * BigInt(contractedBp)) / whole);
  return { contractedOre: contracted, facilitationOre: municipalOre - contracted };
}

/**
 * R1 — the municipality pays at most its cap of the frame (Copenhagen 12,5 %), and a split it carries adds up to its
 * share. Danish messages name the rule and the amounts, without rule codes.
 */
export function checkMunicipalShare(budget: BudgetDraft, capBp: number, split: MunicipalSplit | null = null): RuleViolation[] {
  const out: RuleViolation[] = [];
  const frame = budget.frameOre;
  if (!Number.isSafeInteger(frame) || frame <= 0) return out;
  const municipal = sumOre(budget.funders.filter((f) => f.kind === 'municipality').map((f) => f.amountOre));
  const max = shareFloor(frame, capBp);
  if (municipal > max) {
    out.push({
      rule: 'R1',
      field: 'municipality',
      message: `${municipalCapText(capBp)} (${kr(max)} af ${kr(frame)}). Budgettet lader kommunen betale ${kr(municipal)} = ${bpText(shareBp(municipal, frame))}, ${kr(municipal - max)} for meget.`,
    });
  }
  if (split && split.contractedOre + split.facilitationOre !== municipal) {
    out.push({
      rule: 'R1',
      field: 'municipality',
      message: `Kommunens andel er delt i kontraktstyret arbejde (${kr(split.contractedOre)}) og facilitering (${kr(split.facilitationOre)}), i alt ${kr(split.contractedOre + split.facilitationOre)}, men kommunen finansierer ${kr(municipal)}`,
    });
  }
  return out;
}

const lineTotal = (l: BudgetDraft['lines'][number]) => sumOre(Object.values(l.perYear));

/**
 * R1 — Funding split. The lines add up to the frame; the funders add up to the frame; Landsbyggefonden pays at
 * most the period's cap; local co-financing (municipality, housing organisations, others) is at least the
 * period's floor. Exact in øre; caps are rounded down and floors up to whole øre. Danish messages name the
 * rule and the amounts.
 */
export function checkBudgetRules(budget: BudgetDraft, limits: BudgetLimits): RuleViolation[] {
  const out: RuleViolation[] = [];
  const frame = budget.frameOre;
  if (!Number.isSafeInteger(frame) || frame <= 0) {
    return [
      {
        rule: 'R1',
        field: 'frameOre',
        message: `Planens samlede ramme skal være større end 0 kr. (nu ${kr(Number.isSafeInteger(frame) ? frame : 0)}).`,
      },
    ];
  }
  for (const l of budget.lines) {
    for (const [year, v] of Object.entries(l.perYear)) {
      if (!Number.isSafeInteger(v) || v < 0)
        out.push({
          rule: 'R1',
          field: 'lines',
          message: `Budgetlinjen »${l.name}« har et negativt beløb i ${year} (${kr(Number.isSafeInteger(v) ? v : 0)}).`,
        });
    }
  }
  for (const f of budget.funders) {
    if (!Number.isSafeInteger(f.amountOre) || f.amountOre < 0)
      out.push({
        rule: 'R1',
        field: 'funders',
        message: `Finansieringen fra ${f.name} er negativ (${kr(Number.isSafeInteger(f.amountOre) ? f.amountOre : 0)}).`,
      });
  }
  // Every breach at once; only amounts that are not whole øre stop the sums below.
  const amounts = [...budget.lines.flatMap((l) => Object.values(l.perYear)), ...budget.funders.map((f) => f.amountOre)];
  if (!amounts.every(Number.isSafeInteger)) return out;

  const linesSum = sumOre(budget.lines.map(lineTotal));
  if (linesSum !== frame) {
    out.push({
      rule: 'R1',
      field: 'lines',
      message: `Budgetlinjerne summer til ${kr(linesSum)}, men planens ramme er ${kr(frame)} (${linesSum > frame ? 'for meget' : 'mangler'}: ${kr(Math.abs(linesSum - frame))}).`,
    });
  }
  const fundersSum = sumOre(budget.funders.map((f) => f.amountOre));
  if (fundersSum !== frame) {
    out.push({
      rule: 'R1',
      field: 'funders',
      message: `Finansieringen summer til ${kr(fundersSum)}, men planens ramme er ${kr(frame)} (${fundersSum > frame ? 'for meget' : 'mangler'}: ${kr(Math.abs(fundersSum - frame))}).`,
    });
  }
  const lbfBp = pctToBp(limits.lbfMaxPct);
  const localBp = pctToBp(limits.localMinPct);
  const lbf = sumOre(budget.funders.filter((f) => f.kind === 'lbf').map((f) => f.amountOre));
  const maxLbf = shareFloor(frame, lbfBp);
  if (lbf > maxLbf) {
    out.push({
      rule: 'R1',
      field: 'lbf',
      message: `Landsbyggefonden finansierer ${kr(lbf)} = ${bpText(shareBp(lbf, frame))} af rammen; i bevillingsperioden må fonden højst betale ${bpText(lbfBp)} (${kr(maxLbf)}).`,
    });
  }
  const local = sumOre(budget.funders.filter((f) => f.kind !== 'lbf').map((f) => f.amountOre));
  const minLocal = shareCeil(frame, localBp);
  if (local < minLocal) {
    out.push({
      rule: 'R1',
      field: 'local',
      message: `Den lokale medfinansiering (kommune, boligorganisationer og andre) er ${kr(local)} = ${bpText(shareBp(local, frame))} af rammen; den skal være mindst ${bpText(localBp)} (${kr(minLocal)}).`,
    });
  }
  if (limits.municipalMaxPct !== undefined) out.push(...checkMunicipalShare(budget, pctToBp(limits.municipalMaxPct)));
  return out;
}

/** part/whole in basis points, rounded half up (the whole is positive here). */
function shareBp(part: number, whole: number): number {
  return Number((2n * BigInt(part) * 10_000n + BigInt(whole)) / (2n * BigInt(whole)));
}

export interface Split {
  lbfBp: number;
  municipalityBp: number;
}

/** Copenhagen's practice (R1): LBF 75 %, the municipality 12,5 %, the housing organisations 12,5 %. */
export const defaultSplit: Split = { lbfBp: 7500, municipalityBp: 1250 };

/**
 * R1 — the split proposed for a new budget: LBF and the municipality get their share of the frame rounded
 * down to whole øre; the housing organisations share the rest equally, the first ones taking the odd øre.
 * The funders always add up to the frame exactly.
 */
export function proposeSplit(
  frameOre: number,
  organisations: { id: number; name: string }[],
  split: Split = defaultSplit,
): BudgetDraft['funders'] {
  const lbf = shareFloor(frameOre, split.lbfBp);
  const municipality = shareFloor(frameOre, split.municipalityBp);
  const rest = BigInt(frameOre - lbf - municipality);
  const funders: BudgetDraft['funders'] = [
    { kind: 'lbf', name: funderKindLabels.lbf, organisationId: null, amountOre: lbf },
    { kind: 'municipality', name: funderKindLabels.municipality, organisationId: null, amountOre: municipality },
  ];
  if (organisations.length === 0) {
    funders.push({ kind: 'other', name: 'Boligorganisationerne', organisationId: null, amountOre: Number(rest) });
    return funders;
  }
  const n = BigInt(organisations.length);
  const each = rest / n;
  const odd = Number(rest % n);
  organisations.forEach((o, i) =>
    funders.push({ kind: 'organisation', name: o.name, organisationId: o.id, amountOre: Number(each) + (i < odd ? 1 : 0) }),
  );
  return funders;
}

/** Spreads an amount evenly over years (the first years take the odd øre); sums exactly to the amount. */
export function spreadOverYears(amountOre: number, years: number[]): Record<number, number> {
  if (!years.length) return {};
  const n = BigInt(years.length);
  const each = BigInt(amountOre) / n;
  const odd = Number(BigInt(amountOre) % n);
  return Object.fromEntries(years.map((y, i) => [y, Number(each) + (i < odd ? 1 : 0)]));
}

/** The calendar years a plan runs in (R1 budgets are per year). */
export function planYears(startsOn: string, endsOn: string): number[] {
  const a = Number(startsOn.slice(0, 4));
  const b = Number(endsOn.slice(0, 4));
  const out: number[] = [];
  for (let y = a; y <= b; y++) out.push(y);
  return out;
}
