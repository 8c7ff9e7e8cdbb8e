import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boardViolations } from '../../../src/domain/plan-lifecycle.ts';

describe('R2 responsible board and funding periods', () => {
  it('R2 from 2015-18 a plan needs a responsible board with exactly one chair before its approval', () => {
    expect(boardViolations({ responsibleBoard: { required: false, periodCode: '2011-14', board: null } })).toEqual([]);
    expect(
      boardViolations({
        responsibleBoard: { required: true, periodCode: '2015-18', board: { name: 'Bydelsbestyrelse Nørrebro', chairs: 1 } },
      }),
    ).toEqual([]);
    const none = boardViolations({ responsibleBoard: { required: true, periodCode: '2015-18', board: null } });
    expect(none[0]?.message).toBe(
      'I bevillingsperioden 2015-18 skal en plan have en ansvarlig bestyrelse med entydig ledelse, før den kan godkendes; planen har ingen ansvarlig bestyrelse.',
    );
    const two = boardViolations({
      responsibleBoard: { required: true, periodCode: '2019-26', board: { name: 'Bydelsbestyrelse Nørrebro', chairs: 2 } },
    });
    expect(two[0]?.message).toContain('Bydelsbestyrelse Nørrebro har 2 formænd');
    expect(
      boardViolations({ responsibleBoard: { required: true, periodCode: '2019-26', board: { name: 'X', chairs: 0 } } })[0]?.message,
    ).toContain('ingen formand');
  });

  it('R2 the period data: three periods with their frames, focus areas and the board requirement from 2015-18', () => {
    const { periods } = JSON.parse(readFileSync(new URL('../../../reference/funding-periods.json', import.meta.url), 'utf8')) as {
      periods: {
        code: string;
        startsOn: string;
        endsOn: string;
        yearlyFrameKr: number;
        lbfCapBp: number;
        localFloorBp: number;
        requiresBoard: boolean;
        focusAreas: string[];
      }[];
    };
    expect(periods.map((p) => [p.code, p.startsOn, p.endsOn, p.yearlyFrameKr, p.requiresBoard])).toEqual([
      ['2011-14', '2011-01-01', '2014-12-31', 440_000_000, false],
      ['2015-18', '2015-01-01', '2018-12-31', 465_000_000, true],
      ['2019-26', '2019-01-01', '2026-12-31', 380_000_000, true],
    ]);
    expect(periods.every((p) => p.lbfCapBp === 7500 && p.localFloorBp === 2500)).toBe(true);
    expect(periods[0]!.focusAreas).toEqual([
      'Børn, unge og familie',
      'Uddannelse, beskæftigelse og erhverv',
      'Beboernetværk, inddragelse og demokrati',
      'Sundhed',
      'Udsatte grupper',
      'Kultur og fritid',
      'Image og kommunikation',
    ]);
    expect(periods[1]!.focusAreas).toEqual([
      'Tryghed og trivsel',
      'Kriminalpræventiv indsats',
      'Uddannelse og beskæftigelse',
      'Forebyggelse og forældreansvar',
    ]);
    expect(periods[2]!.focusAreas).toEqual([
      'Uddannelse og livschancer',
      'Beskæftigelse',
      'Kriminalitetsforebyggelse',
      'Sammenhængskraft og medborgerskab',
    ]);
    // Periods follow each other without gaps or overlaps.
    for (let i = 1; i < periods.length; i++)
      expect(new Date(periods[i]!.startsOn).getTime() - new Date(periods[i - 1]!.endsOn).getTime()).toBe(86_400_000);
  });
});

describe('R2 extended periods', () => {
  it('R2 a plan running past an extended period is explained, not flagged', async () => {
    const { checkPlanPeriod } = await import('../../../src/domain/plan-rules.ts');
    const period = { code: '2011-14', startsOn: '2011-01-01', endsOn: '2014-12-31' };
    const plan = { startsOn: '2014-01-01', endsOn: '2017-12-31' };
    expect(checkPlanPeriod(plan, period).warnings.map((w) => w.rule)).toContain('R2');
    const r = checkPlanPeriod(plan, { ...period, extendedTo: '2018-12-31', extensionNote: 'tilsagn givet i 2014 løber fire år' });
    expect(r.warnings.filter((w) => w.rule === 'R2')).toEqual([]);
    expect(r.explanations[0]?.message).toBe(
      'Planen løber ud over bevillingsperioden 2011-14, fordi perioden er forlænget til 31.12.2018: tilsagn givet i 2014 løber fire år',
    );
    expect(
      checkPlanPeriod({ startsOn: '2014-01-01', endsOn: '2019-06-30' }, { ...period, extendedTo: '2018-12-31' }).warnings.map(
        (w) => w.rule,
      ),
    ).toContain('R2');
  });
});
