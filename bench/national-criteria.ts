/**
 * `npx tsx bench/national-criteria.ts <database-url>` — the national criteria (R20) for every estate of a year
 * (target: 100 ms for 8,000 estates): reading the year (`loadYear`, kept per data fingerprint after the first run)
 * and evaluating every estate as `nationalCriteria` does, `runs` times; the median, the first (cold) run included.
 * Only reads the database (the national data set: `helhed demo --scale national`).
 */
import { areas, composeAreas } from '../src/areas/index.ts';
import { kyselyOverPostgres } from '../src/db/database.ts';
import { criteriaSetForYear, designationVerdict, evaluateListCriteria } from '../src/domain/keyfigures/index.ts';
import { systemActor } from '../src/policy/actor.ts';
import { loadYear, nationalInput } from '../src/services/keyfigures/read.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface CriteriaTiming {
  medianMs: number;
  runsMs: number[];
  estates: number;
  /** How many estates got each verdict on the year's list designation. */
  verdicts: Record<string, number>;
}

/** Times reading and evaluating `year` for every estate, `runs` times. */
export async function timeNationalCriteria(databaseUrl: string, year = 2025, runs = 5): Promise<CriteriaTiming> {
  const db = kyselyOverPostgres(databaseUrl, 2);
  try {
    const ctx = { db, actor: systemActor('Benchmark'), now: () => new Date(), hooks: composeAreas(areas).hooks };
    const runsMs: number[] = [];
    let estates = 0;
    let verdicts: Record<string, number> = {};
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const y = await loadYear(ctx, year, { defaultThreshold: 5 });
      const set = criteriaSetForYear(year)!;
      const options = { listYear: year, nationalConvictionRate: y.source?.nationalConvictionRate ?? undefined };
      estates = 0;
      verdicts = {};
      for (const f of y.units.values()) {
        if (f.unit.level !== 'estate') continue;
        const v = designationVerdict(evaluateListCriteria(set, nationalInput(f, y.source), options), set.listDesignation);
        verdicts[v] = (verdicts[v] ?? 0) + 1;
        estates++;
      }
      runsMs.push(performance.now() - t0);
    }
    return { medianMs: median(runsMs), runsMs, estates, verdicts };
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2];
  if (!url) throw new Error('Brug: npx tsx bench/national-criteria.ts <database-url>');
  const r = await timeNationalCriteria(url);
  console.log(
    `Nationale kriterier for ${r.estates} afdelinger: median ${r.medianMs.toFixed(1)} ms (kørsler: ${r.runsMs.map((ms) => ms.toFixed(1)).join(', ')} ms; ${JSON.stringify(r.verdicts)})`,
  );
}
