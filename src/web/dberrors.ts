import { AppError, Conflict, Invalid } from '../errors.ts';

/** Maps PostgreSQL errors a client can cause to typed errors; anything else stays a 500. */
export function fromDatabaseError(err: unknown): AppError | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return null;
  switch (code) {
    case '23503':
      return new Conflict(null, [], 'Objektet kan ikke slettes eller ændres, fordi andre oplysninger henviser til det.');
    case '23505':
      return new Conflict(null, [], 'Der findes allerede et objekt med de samme oplysninger.');
    case '23514':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new Invalid({}, 'En eller flere værdier er ugyldige.');
    case '40001':
    case '40P01':
      return new Conflict(null, [], 'Andre ændrede de samme oplysninger samtidig. Prøv igen.');
    default:
      return null;
  }
}
