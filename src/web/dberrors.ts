import { AppError, Conflict, Invalid } from '../errors.ts';
import { unreadableText } from './input.ts';

const retry = 'Andre ændrede de samme oplysninger på samme tid. Prøv igen.';

/** SQLSTATE class 22 (data exception): a value the database will not store. Messages per code, else the class's. */
const dataExceptions: Record<string, string> = {
  '22001': 'En tekst er for lang.',
  '22003': 'Et tal er uden for det tilladte område.',
  '22007': 'En dato eller et tidspunkt findes ikke i kalenderen.',
  '22008': 'En dato eller et tidspunkt findes ikke i kalenderen.',
  '22021': unreadableText,
  '22P05': unreadableText,
  '22P02': 'En værdi har ikke den rigtige form (fx et tal eller en dato).',
};

/**
 * Maps the errors a client's input can cause below the contracts to typed errors; anything else stays a 500.
 * - PostgreSQL (node-postgres and PGlite both carry the SQLSTATE in `code`): class 22 data exceptions, not-null and
 *   check violations and values too large for an index are 400; unique and foreign-key violations 409; a
 *   serialization failure, deadlock or lock timeout 409 with a retry message.
 * - `RangeError`: a date or number outside what JavaScript can represent (`new Date('2026-13-01')` formatted,
 *   a fraction turned into a BigInt). Treated as the client's value out of range, not as a fault.
 */
export function fromClientError(err: unknown): AppError | null {
  if (err instanceof RangeError)
    return new Invalid({}, 'En værdi er uden for det gyldige område (fx en dato, der ikke findes i kalenderen).');
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code.startsWith('22')) return new Invalid({}, dataExceptions[code] ?? 'En eller flere værdier er ugyldige.');
  switch (code) {
    case '23502':
    case '23514':
      return new Invalid({}, 'En eller flere værdier er ugyldige eller mangler.');
    case '54000':
    case '54001':
      return new Invalid({}, 'En værdi er for stor til at kunne gemmes.');
    case '23503':
      return new Conflict(null, [], 'Oplysningerne henviser til noget, der ikke findes, eller andre oplysninger henviser stadig til dem.');
    case '23505':
      return new Conflict(null, [], 'Der findes allerede et objekt med de samme oplysninger.');
    case '23P01':
      return new Conflict(null, [], 'Oplysningerne overlapper med nogle, der allerede findes.');
    case '40001':
    case '40P01':
    case '55P03':
      return new Conflict(null, [], retry);
    default:
      return null;
  }
}
