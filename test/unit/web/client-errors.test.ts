import { describe, expect, it } from 'vitest';
import { Conflict, Invalid } from '../../../src/errors.ts';
import { fromClientError } from '../../../src/web/dberrors.ts';
import { badValues } from '../../../src/web/input.ts';

const pg = (code: string) => Object.assign(new Error(`database error ${code}`), { code });

describe('errors a client input can cause become 4xx', () => {
  it.each([
    ['22021 invalid byte sequence (NUL in text)', '22021', 400],
    ['22P05 untranslatable character (NUL in jsonb)', '22P05', 400],
    ['22007 invalid datetime format', '22007', 400],
    ['22008 datetime field overflow', '22008', 400],
    ['22003 numeric value out of range', '22003', 400],
    ['22001 string too long', '22001', 400],
    ['22P02 invalid text representation', '22P02', 400],
    ['22012 division by zero (any other data exception)', '22012', 400],
    ['23502 not-null violation', '23502', 400],
    ['23514 check violation', '23514', 400],
    ['54000 value too large for an index', '54000', 400],
    ['23505 unique violation', '23505', 409],
    ['23503 foreign-key violation', '23503', 409],
    ['40001 serialization failure', '40001', 409],
    ['40P01 deadlock', '40P01', 409],
  ])('%s → %i', (_name, code, status) => {
    const e = fromClientError(pg(code));
    expect(e?.status).toBe(status);
    expect(e).toBeInstanceOf(status === 400 ? Invalid : Conflict);
  });

  it('a serialization failure asks the user to try again', () => {
    expect(fromClientError(pg('40001'))?.message).toContain('Prøv igen');
  });

  it('a date JavaScript cannot represent is the client’s (RangeError → 400)', () => {
    let err: unknown;
    try {
      new Date('2026-13-01').toISOString();
    } catch (e) {
      err = e;
    }
    expect(fromClientError(err)?.status).toBe(400);
  });

  it.each([
    ['a server fault (42P01 undefined table)', pg('42P01')],
    ['a lost connection (57P01)', pg('57P01')],
    ['a Node system error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a TypeError', new TypeError('x is undefined')],
    ['a thrown string', 'boom'],
    ['null', null],
  ])('%s stays a 500', (_name, err) => {
    expect(fromClientError(err)).toBeNull();
  });
});

describe('badValues finds control characters in any value or key', () => {
  const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
  it.each([
    ['a clean object', { a: 'x', b: ['y\tz', 'line\r\nbreak'], c: { d: 1, e: null } }, []],
    ['NUL in a value', { title: 'a\u0000b' }, ['title']],
    [
      'a control character deep in an array',
      { edits: [{ after: { title: 'ok' } }, { after: { title: '\u001b[31m' } }] },
      ['edits.1.after.title'],
    ],
    ['a control character in a key', { 'x\u0000': 'y' }, ['_form']],
    ['a bare string', '\u0007', ['_form']],
  ])('%s', (_name, value, names) => {
    expect(badValues(value, CONTROL)).toEqual(names);
  });
});
