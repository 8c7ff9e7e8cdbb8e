import { type Child, createContext, useContext } from 'hono/jsx';

/** Several forms on one page prefix their field ids (`goal-title`) so every label points at its own field. */
const FieldPrefix = createContext('');
const fieldId = (f: { id?: string; name: string }) => f.id ?? `${useContext(FieldPrefix)}${f.name}`;

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/**
 * The error summary at the top of a form: each message links to its field.
 * @example <ErrorSummary errors={[{ field: 'name', message: 'Skriv navnet.' }]} />
 */
export function ErrorSummary({
  errors,
  title = 'Der er en fejl i formularen',
  fieldPrefix = '',
}: {
  errors: { field: string; message: string }[];
  title?: string;
  fieldPrefix?: string;
}) {
  if (!errors.length) return null;
  return (
    <div class="alert alert-error alert--show-icon" role="alert" aria-labelledby="error-summary-title" id="error-summary" tabindex={-1}>
      <div class="alert-body">
        <p class="alert-heading" id="error-summary-title">
          {title}
        </p>
        <ul class="alert-text nobullet-list">
          {errors.map((e) => (
            <li>
              <a href={`#${fieldPrefix}${e.field}`} class="function-link">
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

interface FieldBase {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  id?: string;
}

function Group({ f, children }: { f: FieldBase; children: Child }) {
  const id = fieldId(f);
  return (
    <div class={f.error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        {f.label}
        {f.required ? '' : <span class="weight-normal"> (valgfrit)</span>}
      </label>
      {f.hint && (
        <span class="form-hint" id={`${id}-hint`}>
          {f.hint}
        </span>
      )}
      {f.error && (
        <span class="form-error-message" id={`${id}-error`}>
          <span class="sr-only">Fejl: </span>
          {f.error}
        </span>
      )}
      {children}
    </div>
  );
}

export interface TextFieldProps extends FieldBase {
  value?: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'search' | 'tel' | 'url';
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal' | 'text' | 'email';
  width?: 'xs' | 's' | 'm' | 'l' | 'xl';
}

/**
 * A text input in a dkfds form group; the value the user typed is kept.
 * @example <TextField name="name" label="Navn" value={v.name} error={errors.name} required />
 */
export function TextField(p: TextFieldProps) {
  const id = fieldId(p);
  return (
    <Group f={p}>
      <input
        class={`form-input${p.width ? ` input-width-${p.width}` : ''}`}
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.hint && `${id}-hint`, p.error && `${id}-error`)}
      />
    </Group>
  );
}

/** A file upload in a dkfds form group (the form must be `multipart`). */
export function FileField(p: FieldBase & { accept: string }) {
  const id = fieldId(p);
  return (
    <Group f={p}>
      <input
        class="form-input"
        type="file"
        id={id}
        name={p.name}
        accept={p.accept}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.hint && `${id}-hint`, p.error && `${id}-error`)}
      />
    </Group>
  );
}

/** A textarea in a dkfds form group. */
export function TextArea(p: FieldBase & { value?: string; rows?: number }) {
  const id = fieldId(p);
  return (
    <Group f={p}>
      <textarea
        class="form-input"
        id={id}
        name={p.name}
        rows={p.rows ?? 5}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.hint && `${id}-hint`, p.error && `${id}-error`)}
      >
        {p.value ?? ''}
      </textarea>
    </Group>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A select in a dkfds form group. */
export function SelectField(p: FieldBase & { options: Option[]; value?: string }) {
  const id = fieldId(p);
  return (
    <Group f={p}>
      <select
        class="form-select"
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.hint && `${id}-hint`, p.error && `${id}-error`)}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === (p.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

/** Checkboxes (or radios) in a fieldset with a legend. */
export function ChoiceGroup(p: FieldBase & { options: Option[]; values?: string[]; type?: 'checkbox' | 'radio' }) {
  const id = fieldId(p);
  const type = p.type ?? 'checkbox';
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <fieldset aria-describedby={describedBy(p.hint && `${id}-hint`, p.error && `${id}-error`)}>
        <legend class="form-label">{p.label}</legend>
        {p.hint && (
          <span class="form-hint" id={`${id}-hint`}>
            {p.hint}
          </span>
        )}
        {p.error && (
          <span class="form-error-message" id={`${id}-error`}>
            <span class="sr-only">Fejl: </span>
            {p.error}
          </span>
        )}
        <ul class="nobullet-list" id={id}>
          {p.options.map((o, i) => (
            <li>
              <input
                id={`${id}-${i}`}
                type={type}
                name={p.name}
                value={o.value}
                class={type === 'checkbox' ? 'form-checkbox' : 'form-radio'}
                checked={(p.values ?? []).includes(o.value)}
              />
              <label for={`${id}-${i}`}>{o.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

export const HiddenField = ({ name, value }: { name: string; value: string }) => <input type="hidden" name={name} value={value} />;

/**
 * A dkfds button.
 * @example <Button type="submit">Gem</Button>
 */
export function Button({
  children,
  variant = 'primary',
  type = 'submit',
  name,
  value,
}: {
  children?: Child;
  variant?: 'primary' | 'secondary' | 'tertiary' | 'warning';
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
}) {
  return (
    <button type={type} class={`button button-${variant}`} name={name} value={value}>
      {children}
    </button>
  );
}

/**
 * A POST form that always carries the CSRF token.
 * @example <Form action="/afdelinger/ny" csrfToken={token}>…</Form>
 */
export function Form({
  action,
  csrfToken,
  children,
  multipart,
  id,
  fieldPrefix,
}: {
  action: string;
  csrfToken: string;
  children?: Child;
  multipart?: boolean;
  id?: string;
  fieldPrefix?: string;
}) {
  return (
    <form method="post" action={action} novalidate enctype={multipart ? 'multipart/form-data' : undefined} id={id}>
      <input type="hidden" name="_csrf" value={csrfToken} />
      {fieldPrefix ? <FieldPrefix.Provider value={fieldPrefix}>{children}</FieldPrefix.Provider> : children}
    </form>
  );
}

/**
 * A GET filter form above a list.
 * @example <FilterBar action="/afdelinger"><TextField name="q" label="Søg" /></FilterBar>
 */
export function FilterBar({ action, children, label = 'Filtrér' }: { action: string; children?: Child; label?: string }) {
  return (
    <form method="get" action={action} class="filter-bar" role="search">
      <div class="filter-bar-fields">{children}</div>
      <button type="submit" class="button button-secondary">
        {label}
      </button>
    </form>
  );
}
