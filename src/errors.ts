/** The few typed errors every layer may throw; one handler turns them into pages or problem+json. */

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export class Invalid extends AppError {
  constructor(
    readonly fields: FieldErrors,
    message = 'Oplysningerne er ikke gyldige.',
  ) {
    super(400, 'Ugyldige oplysninger', message);
  }
}

/** A request that cannot be read at all: broken JSON or multipart, a bad encoding. `cause` keeps the parser's error. */
export class Malformed extends AppError {
  constructor(message = 'Forespørgslens indhold kunne ikke læses.', options?: { cause?: unknown }) {
    super(400, 'Forespørgslen kan ikke læses', message);
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

export class Unauthorized extends AppError {
  constructor(message = 'Du skal logge ind.') {
    super(401, 'Ikke logget ind', message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'Du har ikke adgang til at gøre dette.') {
    super(403, 'Ingen adgang', message);
  }
}

export class NotFound extends AppError {
  constructor(message = 'Siden eller objektet findes ikke.') {
    super(404, 'Findes ikke', message);
  }
}

/** A stale write: `current` is the row as it is now, `changes` what differs from what the user saw. */
export class Conflict extends AppError {
  constructor(
    readonly current: Record<string, unknown> | null,
    readonly changes: { field: string; theirs: unknown; yours?: unknown }[] = [],
    message = 'En anden har ændret oplysningerne, mens du redigerede.',
  ) {
    super(409, 'Redigeringskonflikt', message);
  }
}

export class TooLarge extends AppError {
  constructor(message = 'Filen er for stor.') {
    super(413, 'For stor', message);
  }
}

export class RateLimited extends AppError {
  constructor(message = 'For mange forsøg. Vent lidt, og prøv igen.') {
    super(429, 'For mange forsøg', message);
  }
}
