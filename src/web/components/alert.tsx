import type { Child } from 'hono/jsx';

export type AlertKind = 'success' | 'info' | 'warning' | 'error';

const roles: Record<AlertKind, 'status' | 'alert'> = { success: 'status', info: 'status', warning: 'status', error: 'alert' };

/**
 * A dkfds alert (`.alert.alert-info` …) with an optional heading.
 * @example <Alert kind="warning" heading="Bemærk"><p>Tekst</p></Alert>
 */
export function Alert({ kind, heading, children, id }: { kind: AlertKind; heading?: string; children?: Child; id?: string }) {
  return (
    <div class={`alert alert-${kind} alert--show-icon`} role={roles[kind]} id={id}>
      <div class="alert-body">
        {heading && <p class="alert-heading">{heading}</p>}
        <div class="alert-text">{children}</div>
      </div>
    </div>
  );
}

/**
 * A status tag/badge.
 * @example <Tag kind="success">Aktiv</Tag>
 */
export function Tag({ kind = 'info', children }: { kind?: AlertKind; children?: Child }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}
