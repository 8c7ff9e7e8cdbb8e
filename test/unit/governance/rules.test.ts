import { describe, expect, it } from 'vitest';
import { compositionWarnings, mandateStatus, rhythmWarnings, type SeatHolder } from '../../../src/domain/governance/composition.ts';
import { sniffPaper } from '../../../src/domain/governance/files.ts';
import { calendar, escapeText, fold } from '../../../src/domain/governance/ical.ts';
import { checkMeetingAction, minutesComplete } from '../../../src/domain/governance/meeting.ts';
import { copenhagenInstant, copenhagenParts } from '../../../src/domain/governance/time.ts';

const seat = (p: Partial<SeatHolder>): SeatHolder => ({
  representsKind: 'administration',
  organisationId: null,
  administration: null,
  level: 'decentral_head',
  role: 'member',
  ...p,
});
const fullDistrictBoard = [
  seat({ administration: 'TMF', level: 'central_head', role: 'chair' }),
  seat({ administration: 'SOF' }),
  seat({ administration: 'BIF' }),
  seat({ administration: 'BUF' }),
  seat({ representsKind: 'organisation', organisationId: 5, level: 'business_manager' }),
];

describe('composition and rhythm', () => {
  it('R10 a district board without a central TMF head gets a warning', () => {
    expect(compositionWarnings('district_board', fullDistrictBoard)).toEqual([]);
    const w = compositionWarnings(
      'district_board',
      fullDistrictBoard.filter((m) => m.administration !== 'TMF'),
    );
    expect(w.map((x) => x.message).join(' ')).toContain('central chef fra Teknik- og Miljøforvaltningen');
    expect(w.every((x) => x.rule === 'R10')).toBe(true);
  });

  it('R10 a housing organisation with plans in the district but no seat is named', () => {
    const w = compositionWarnings('district_board', fullDistrictBoard, {
      organisationsInScope: [
        { id: 5, name: 'fsb' },
        { id: 6, name: 'KAB' },
      ],
    });
    expect(w.map((x) => x.message)).toEqual(['KAB har planer i bydelen, men ingen plads i bestyrelsen.']);
  });

  it('R9 the city board needs TMF at director level', () => {
    const w = compositionWarnings('city_board', [
      seat({ representsKind: 'organisation', organisationId: 1, level: 'director', role: 'chair' }),
    ]);
    expect(w.map((x) => x.rule)).toEqual(['R9']);
  });

  it('R16 a forum needs all seven administrations; R14 a local group residents and project leaders; R15 one placement', () => {
    expect(compositionWarnings('forum', [seat({ administration: 'TMF', role: 'chair' })]).length).toBe(7);
    expect(
      compositionWarnings('local_group', [seat({ level: 'resident', role: 'chair', representsKind: 'other' })]).map((w) => w.rule),
    ).toEqual(['R14']);
    expect(compositionWarnings('secretariat', []).map((w) => w.rule)).toEqual(['R15']);
  });

  it('R10 a district board with fewer than its minimum meetings a year, or none planned, is behind', () => {
    const b = { type: 'district_board', minPerYear: 3, validFrom: '2016-02-01' };
    const m = (d: string, state = 'minutes_approved') => ({ startsOn: d, state });
    expect(rhythmWarnings(b, [m('2026-01-10'), m('2026-04-10'), m('2026-08-10'), m('2026-12-10', 'planned')], '2026-11-22')).toEqual([]);
    const behind = rhythmWarnings(b, [m('2026-01-10')], '2026-11-22');
    expect(behind.map((w) => w.message)).toEqual([
      'Kun 1 møde de seneste 12 måneder; forventet mindst 3 om året.',
      'Der er ikke planlagt noget næste møde.',
    ]);
  });

  it('R13 the mandate is in force only when both documents are approved by LBF', () => {
    expect(
      mandateStatus([
        { kind: 'terms_of_reference', state: 'in_force' },
        { kind: 'rules_of_procedure', state: 'city_board_approved' },
      ]),
    ).toEqual({ inForce: false, missing: ['forretningsorden'] });
    expect(
      mandateStatus([
        { kind: 'terms_of_reference', state: 'in_force' },
        { kind: 'rules_of_procedure', state: 'in_force' },
      ]).inForce,
    ).toBe(true);
  });
});

describe('meetings', () => {
  const f = { state: 'planned' as const, itemCount: 1, minutesSent: false, outcomesMissing: 0, presentCount: 2 };
  it('R10 the agenda goes out only with items; the minutes only after the meeting, with every outcome', () => {
    expect(checkMeetingAction({ ...f, itemCount: 0 }, 'sendAgenda')).toEqual(['Dagsordenen har ingen punkter.']);
    expect(checkMeetingAction(f, 'hold')).toHaveLength(1);
    expect(checkMeetingAction({ ...f, state: 'held', outcomesMissing: 2 }, 'sendMinutes')).toEqual(['2 punkter mangler et udfald.']);
    expect(checkMeetingAction({ ...f, state: 'held' }, 'sendMinutes')).toEqual([]);
  });
  it('the minutes are approved when every present member with an account has approved', () => {
    expect(minutesComplete([1, 2], [1])).toBe(false);
    expect(minutesComplete([1, 2], [2, 1])).toBe(true);
    expect(minutesComplete([], [])).toBe(false);
  });
  it('Copenhagen times round-trip across summer time', () => {
    expect(copenhagenInstant('2026-06-15', '14:00').toISOString()).toBe('2026-06-15T12:00:00.000Z');
    expect(copenhagenInstant('2026-12-15', '14:00').toISOString()).toBe('2026-12-15T13:00:00.000Z');
    expect(copenhagenParts(new Date('2026-12-15T13:00:00Z'))).toEqual({ date: '2026-12-15', time: '14:00' });
  });
});

describe('papers and calendars', () => {
  it('recognises PDF, Word and Excel by content, and refuses HTML named .pdf', () => {
    expect(sniffPaper(new TextEncoder().encode('%PDF-1.7\n…'), 'x.pdf')?.ext).toBe('pdf');
    const zip = (part: string) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(`....${part}document.xml`)]);
    expect(sniffPaper(zip('word/'), 'a.docx')?.ext).toBe('docx');
    expect(sniffPaper(zip('xl/'), 'a.xlsx')?.ext).toBe('xlsx');
    expect(sniffPaper(new TextEncoder().encode('<html><script>alert(1)</script>'), 'evil.pdf')).toBeNull();
  });
  it('writes RFC 5545: CRLF, escaped text, folded lines', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const long = fold(`DESCRIPTION:${'æ'.repeat(60)}`);
    expect(long.split('\r\n ').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const ics = calendar('Bydelsbestyrelse Nørrebro', [
      {
        uid: 'm-1@helhed',
        start: new Date('2026-12-01T13:00:00Z'),
        end: new Date('2026-12-01T15:00:00Z'),
        summary: 'Møde, med komma',
        stamp: new Date('2026-11-22T10:00:00Z'),
      },
    ]);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTART:20261201T130000Z\r\n');
    expect(ics).toContain('SUMMARY:Møde\\, med komma');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
