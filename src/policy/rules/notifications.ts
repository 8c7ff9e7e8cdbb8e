import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    inbox: Record<never, never>;
  }
}

/** Every logged-in user has an inbox of their own; nobody reads another's. */
export const notificationRules = [rule('inbox', ['read', 'update'], 'Kun indloggede brugere har en indbakke', (a) => a.kind === 'user')];
