import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { proposalContract } from '../../../src/contracts/changes.ts';
import {
  date,
  email,
  fromText,
  id,
  isCalendarDate,
  isWebAddress,
  optionalDate,
  optionalEmail,
  optionalText,
  ore,
  text,
  webAddress,
} from '../../../src/contracts/fields.ts';
import { meetingContract, memberContract } from '../../../src/contracts/governance.ts';

const firstMessage = (r: z.ZodSafeParseResult<unknown>) => (r.success ? null : r.error.issues[0]?.message);
const MB = 'x'.repeat(1024 * 1024);

describe('Shared field types (the forms and the API refuse the same things)', () => {
  describe('text', () => {
    const title = text('titlen');
    const notes = text('noterne', { max: 4000 });
    it.each([
      ['a NUL byte', 'Møde\u0000'],
      ['a NUL byte alone', '\u0000'],
      ['a bell character', 'Møde\u0007'],
      ['an escape character', '\u001b[31mrød'],
      ['DEL', 'abc\u007f'],
      ['a C1 control character', 'abc\u0085def'],
      ['a line break in one-line text', 'første\nanden'],
      ['a tab in one-line text', 'a\tb'],
      ['a lone surrogate', 'abc\ud800'],
    ])('refuses %s with a Danish message', (_what, value) => {
      expect(firstMessage(title.safeParse(value))).toBe('Titlen indeholder ugyldige tegn (fx kontroltegn). Ret teksten, og prøv igen.');
    });

    it.each([
      ['a NUL byte', 'linje\u0000'],
      ['a vertical tab', 'a\u000bb'],
      ['a form feed', 'a\u000cb'],
    ])('multi-line text refuses %s', (_what, value) => {
      expect(firstMessage(notes.safeParse(value))).toMatch(/indeholder ugyldige tegn/);
    });

    it.each([
      ['a plain title', 'Lektiecafé i Mjølnerparken', 'Lektiecafé i Mjølnerparken'],
      ['surrounding spaces, trimmed', '  Møde  ', 'Møde'],
      ['an emoji (a surrogate pair)', 'Sommerfest 🎉', 'Sommerfest 🎉'],
    ])('accepts %s', (_what, value, out) => {
      expect(title.parse(value)).toBe(out);
    });

    it('multi-line text keeps line breaks and tabs', () => {
      expect(notes.parse('Trin 1\r\nTrin 2\n\tunderpunkt')).toBe('Trin 1\r\nTrin 2\n\tunderpunkt');
    });

    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['missing', undefined],
      ['a number', 42],
    ])('a required text refuses %s', (_what, value) => {
      expect(firstMessage(title.safeParse(value))).toBe('Skriv titlen.');
    });

    it('refuses a 1 MB string with the length limit, not a database error', () => {
      expect(firstMessage(title.safeParse(MB))).toBe('Titlen må højst være 200 tegn.');
      expect(firstMessage(notes.safeParse(MB))).toBe('Noterne må højst være 4.000 tegn.');
      expect(firstMessage(optionalText('beskrivelsen').safeParse(MB))).toBe('Beskrivelsen må højst være 4.000 tegn.');
    });

    it('an optional text is empty when missing, and refuses control characters too', () => {
      expect(optionalText('beskrivelsen').parse(undefined)).toBe('');
      expect(firstMessage(optionalText('beskrivelsen').safeParse('\u0000'))).toMatch(/ugyldige tegn/);
    });
  });

  describe('dates', () => {
    const format = 'Mødedatoen skal være en gyldig dato, skrevet som dd.mm.åååå (fx 22.11.2026).';
    it.each([
      ['2026-02-31', 'February has no 31st', 'Mødedatoen 31.02.2026 findes ikke: februar 2026 har kun 28 dage.'],
      ['31.02.2025', 'as Danes type it', 'Mødedatoen 31.02.2025 findes ikke: februar 2025 har kun 28 dage.'],
      ['2026-02-29', 'not a leap year', 'Mødedatoen 29.02.2026 findes ikke: februar 2026 har kun 28 dage.'],
      ['2026-04-31', 'April has 30 days', 'Mødedatoen 31.04.2026 findes ikke: april 2026 har kun 30 dage.'],
      ['2026-13-01', 'no month 13', 'Mødedatoen 01.13.2026 findes ikke: der er ingen måned 13.'],
      ['2026-00-10', 'no month 0', 'Mødedatoen 10.00.2026 findes ikke: der er ingen måned 0.'],
      ['2026-01-00', 'no day 0', 'Mødedatoen 00.01.2026 findes ikke: januar 2026 har kun 31 dage.'],
      ['0000-01-01', 'year 0', 'Mødedatoen skal ligge mellem år 1900 og 2200.'],
      ['1899-12-31', 'before 1900', 'Mødedatoen skal ligge mellem år 1900 og 2200.'],
      ['2201-01-01', 'after 2200', 'Mødedatoen skal ligge mellem år 1900 og 2200.'],
      ['2026-1-01', 'a one-digit month in ISO', format],
      ['2026-11-22T10:00:00Z', 'a timestamp', format],
      ['2026-11-22\u0000', 'a NUL byte', format],
      ['22/11/26', 'a two-digit year', format],
      ['', 'empty', format],
    ])('refuses %s (%s) with a message that says what is wrong', (value, _why, message) => {
      expect(isCalendarDate(value)).toBe(false);
      expect(firstMessage(date('mødedatoen').safeParse(value))).toBe(message);
    });

    it.each([
      ['22.11.2026', '2026-11-22'],
      ['1.2.2024', '2024-02-01'],
      ['29-02-2024', '2024-02-29'],
    ])('reads %s as Danes type it (%s)', (value, iso) => {
      expect(date('datoen').parse(value)).toBe(iso);
      expect(optionalDate('datoen').parse(value)).toBe(iso);
    });

    it.each(['2026-11-22', '2024-02-29', '2000-02-29', '1900-01-01', '2200-12-31', '2026-12-31'])('accepts %s', (value) => {
      expect(date('datoen').parse(value)).toBe(value);
    });

    it('refuses a year 1900 leap day (1900 was not a leap year)', () => {
      expect(isCalendarDate('1900-02-29')).toBe(false);
    });

    it.each([
      [undefined, null],
      [null, null],
      ['', null],
      ['2026-11-22', '2026-11-22'],
    ])('an optional date reads %j as %j', (value, out) => {
      expect(optionalDate('slutdatoen').parse(value)).toBe(out);
    });

    it('an optional date still refuses an impossible date', () => {
      expect(firstMessage(optionalDate('slutdatoen').safeParse('2026-02-31'))).toBe(
        'Slutdatoen 31.02.2026 findes ikke: februar 2026 har kun 28 dage.',
      );
    });
  });

  describe('ids and amounts', () => {
    it.each([0, -1, 1.5, 2_147_483_648, Number.MAX_SAFE_INTEGER, '4', null])('an id refuses %j', (value) => {
      expect(firstMessage(id('delaftalen').safeParse(value))).toBe('Vælg delaftalen.');
    });

    it('a form id reads digits and refuses anything else, and ids beyond the database', () => {
      expect(fromText.id('planen').parse('42')).toBe(42);
      for (const v of ['', 'abc', '4e3', '-4', '99999999999', '2147483648', '4\u0000'])
        expect(firstMessage(fromText.id('planen').safeParse(v))).toBe('Vælg planen.');
    });

    it('an optional form id is null for anything not an id', () => {
      for (const v of [undefined, '', 'abc', '0', '99999999999']) expect(fromText.optionalId().parse(v)).toBeNull();
      expect(fromText.optionalId().parse('7')).toBe(7);
    });

    it('R1 øre are safe whole numbers; a positive amount refuses 0', () => {
      expect(ore('beløbet').parse(20_000_000)).toBe(20_000_000);
      expect(firstMessage(ore('beløbet').safeParse(1.5))).toBe('Beløbet skal være et helt antal øre.');
      expect(firstMessage(ore('beløbet').safeParse(2 ** 60))).toBe('Beløbet skal være et helt antal øre.');
      expect(firstMessage(ore('beløbet', { positive: true }).safeParse(0))).toBe('Beløbet skal være større end 0 kr.');
    });

    it('R1 a form amount in kroner becomes øre', () => {
      expect(fromText.kr().parse('1.250.000,50')).toBe(125_000_050);
      expect(firstMessage(fromText.kr({ positive: true }).safeParse('0'))).toBe('Beløbet skal være større end 0 kr.');
    });
  });

  describe('e-mail and web addresses', () => {
    it.each(['kab@demo.test', 'Anne.Hansen+helhed@kk.dk'])('accepts the e-mail %s', (value) => {
      expect(email().parse(value)).toBe(value);
    });

    it.each([
      'ikke-en-mail',
      'a@b',
      '@kk.dk',
      'anne@',
      'a b@kk.dk',
      'Karl <kab@demo.test>',
      'kab@demo.test\u0000',
      `${'a'.repeat(250)}@kk.dk`,
    ])('refuses the e-mail %j', (value) => {
      expect(email().safeParse(value).success).toBe(false);
    });

    it('an optional e-mail may be empty', () => {
      expect(optionalEmail().parse(undefined)).toBe('');
      expect(optionalEmail().parse('  ')).toBe('');
      expect(firstMessage(optionalEmail().safeParse('ikke-en-mail'))).toBe('Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.');
    });

    it.each(['https://www.kk.dk', 'http://example.org/sti?x=1'])('accepts the web address %s', (value) => {
      expect(isWebAddress(value)).toBe(true);
    });

    it.each([
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'ftp://example.org',
      '//example.org',
      'www.kk.dk',
      'https://',
      'https://kk.dk/\u0000',
    ])('refuses the web address %j', (value) => {
      expect(firstMessage(webAddress('webstedet').safeParse(value))).toBe(
        'Webstedet skal være en webadresse, der begynder med https:// eller http://.',
      );
    });
  });

  describe('use-case contracts', () => {
    it('a meeting refuses 2026-13-01 and 2026-02-31 and a NUL in the place', () => {
      const base = { date: '2026-12-03', startTime: '14:00', endTime: '16:00', place: 'Nørrebrohallen' };
      expect(meetingContract.parse(base)).toEqual(base);
      expect(firstMessage(meetingContract.safeParse({ ...base, date: '2026-13-01' }))).toMatch(/Mødedatoen 01.13.2026 findes ikke/);
      expect(firstMessage(meetingContract.safeParse({ ...base, date: '2026-02-31' }))).toMatch(/Mødedatoen 31.02.2026 findes ikke/);
      expect(firstMessage(meetingContract.safeParse({ ...base, startTime: '24:00' }))).toBe('Skriv starttidspunktet som tt:mm.');
      expect(firstMessage(meetingContract.safeParse({ ...base, place: 'Hal\u0000' }))).toMatch(/ugyldige tegn/);
    });

    it('R14 a member e-mail is checked', () => {
      const base = {
        personName: 'Anne A',
        representsKind: 'other',
        representsOther: 'Beboerne',
        level: 'resident',
        role: 'member',
        startsOn: '2026-01-01',
      };
      expect(memberContract.parse(base).email).toBe('');
      expect(firstMessage(memberContract.safeParse({ ...base, email: 'ikke-en-mail' }))).toBe(
        'Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.',
      );
    });

    it('R3 a proposal refuses an impossible date, a NUL byte and a foreign kind of edit shape', () => {
      const activity = { title: 'Lektiecafé', description: '', targetGroup: '', startsOn: '2026-02-31', endsOn: null };
      const input = {
        kind: 'new_activity',
        title: 'Ny aktivitet',
        justification: 'Fordi',
        edits: [{ op: 'addActivity', subAgreementId: 1, activity, goalIds: [], responsibleOrganisationId: null }],
      };
      const r = proposalContract.safeParse(input);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({
        path: ['edits', 0, 'activity', 'startsOn'],
        message: 'Startdatoen 31.02.2026 findes ikke: februar 2026 har kun 28 dage.',
      });
      expect(proposalContract.safeParse({ ...input, justification: 'Fordi\u0000' }).success).toBe(false);
      expect(proposalContract.safeParse({ ...input, edits: [{ op: 'dropTable' }] }).success).toBe(false);
      expect(
        proposalContract.parse({ ...input, edits: [{ ...input.edits[0], activity: { ...activity, startsOn: '' } }] }).edits[0],
      ).toMatchObject({ activity: { startsOn: null } });
    });
  });
});
