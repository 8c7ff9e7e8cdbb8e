import type { Conflict } from '../errors.ts';
import { Alert } from './components/index.ts';
import { formatDateTime } from './format.ts';
import { fieldLabels, msg } from './messages.ts';

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '(tom)' : String(v));

/** R-free infrastructure: shows what others changed since the user's version (lost-update protection). */
export function ConflictNotice({ conflict }: { conflict: Conflict }) {
  const changes = conflict.changes as { field: string; theirs: unknown; before?: unknown; by?: string; at?: Date }[];
  return (
    <div id="conflict">
      <Alert kind="warning" heading={msg.conflictTitle}>
        <p>{msg.conflictText}</p>
        {changes.length > 0 && (
          <div class="table--responsive-scroll" tabindex={0} role="region" aria-label="Ændringer siden du åbnede siden">
            <table class="table table--compact">
              <caption>Ændringer siden du åbnede siden</caption>
              <thead>
                <tr>
                  <th scope="col">Felt</th>
                  <th scope="col">Før</th>
                  <th scope="col">Nu</th>
                  <th scope="col">Ændret af</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((ch) => (
                  <tr>
                    <td>{fieldLabels[ch.field] ?? ch.field}</td>
                    <td>{show(ch.before)}</td>
                    <td>{show(ch.theirs)}</td>
                    <td>
                      {ch.by ?? ''} {ch.at ? formatDateTime(ch.at) : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Alert>
    </div>
  );
}
