// Shared building blocks: loading a resource with its error states, messages, form fields with their
// error shown at (and tied to) the field, the error summary that names each invalid field, and the skip link.
import { cloneElement, isValidElement, toChildArray, type ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure } from './api.js';
import { t } from './i18n/index.js';

export type Load<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: ApiFailure };

/** GET a resource; `reload` fetches it again (after a change). */
export function useApi<T>(path: string | null): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoad({ state: 'loading' });
    api<T>('GET', path).then(
      (data) => live && setLoad({ state: 'ok', data }),
      (error: unknown) =>
        live &&
        setLoad({ state: 'error', error: error instanceof ApiFailure ? error : new ApiFailure(0, t('error.network')) }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  return [load, useCallback(() => setTick((n) => n + 1), [])];
}

/** The page's main content: the skip link's target (focusable by script only, tabindex -1). */
export const MAIN_ID = 'main';

/** "Skip to main content", the first thing in the tab order (before the header and the navigation, 14
 *  links for HR). It lives outside the app's root so every layout has it; its text follows the language. */
function ensureSkipLink(): void {
  let a = document.getElementById('skip-link');
  if (!a) {
    a = document.createElement('a');
    a.id = 'skip-link';
    a.className = 'skip-link';
    a.setAttribute('href', `#${MAIN_ID}`);
    // Focus the main region itself (a hash jump alone leaves focus where it was in some browsers).
    a.addEventListener('click', (e) => {
      e.preventDefault();
      document.getElementById(MAIN_ID)?.focus();
    });
    document.body.prepend(a);
  }
  a.textContent = t('a11y.skip');
}

export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Vitality`;
    ensureSkipLink();
  }, [title]);
  return (
    <main class="page" id={MAIN_ID} tabIndex={-1}>
      <h1>{title}</h1>
      {children}
    </main>
  );
}

/** A failed load: forbidden gets its own clear message; nothing of the data is shown. */
export function Failure({ error }: { error: ApiFailure }) {
  if (error.status === 401) return <p class="muted">{t('signin.redirecting')}</p>;
  return (
    <div class={`notice ${error.status === 403 ? 'forbidden' : 'error'}`} role="alert">
      <strong>{error.status === 403 ? t('error.forbiddenTitle') : t('error.title')}</strong>
      <p>{error.message}</p>
      {/* A refusal says where to go instead: the home page shows what is open to this person. */}
      {error.status === 403 && (
        <p>
          <a href="/app/">{t('error.forbiddenInstead')}</a>
        </p>
      )}
    </div>
  );
}

/** The first "forbidden" among a page's loads: such a page shows that one message and nothing else. */
export function forbiddenOf(...loads: Load<unknown>[]): ApiFailure | undefined {
  for (const l of loads) if (l.state === 'error' && l.error.status === 403) return l.error;
  return undefined;
}

/** A page one of whose loads was forbidden (forbiddenOf): the one clear message, nothing else. */
export function ForbiddenPage({ title, error }: { title: string; error: ApiFailure }) {
  return (
    <Page title={title}>
      <Failure error={error} />
    </Page>
  );
}

export function Loaded<T>({ load, children }: { load: Load<T>; children: (data: T) => ComponentChildren }) {
  if (load.state === 'loading')
    return (
      <p class="muted" aria-busy="true">
        {t('loading')}
      </p>
    );
  if (load.state === 'error') return <Failure error={load.error} />;
  return <>{children(load.data)}</>;
}

/** The ids an aria-describedby lists, with one more (or none). */
function describedBy(existing: unknown, extra: string | undefined): string | undefined {
  const ids = [...(typeof existing === 'string' ? existing.split(/\s+/) : []), ...(extra ? [extra] : [])].filter(
    Boolean,
  );
  return ids.length ? ids.join(' ') : undefined;
}

/** A labelled control with its error. The control (the child whose id is `id`) is marked aria-invalid and
 *  described by the error, so a screen reader says what is wrong when it lands there. */
export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: ComponentChildren;
}) {
  const errorId = `${id}-error`;
  const kids = toChildArray(children).map((c) => {
    if (!isValidElement(c)) return c;
    const props = c.props as { id?: unknown; 'aria-describedby'?: unknown };
    if (props.id !== id) return c;
    return cloneElement(c, {
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': describedBy(props['aria-describedby'], error ? errorId : undefined),
    });
  });
  return (
    <div class={`field${error ? ' invalid' : ''}`} data-field={id}>
      <label for={id}>{label}</label>
      {kids}
      {error && (
        <p class="ferr" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Focus a form control by id; for a group (a fieldset of radios) its chosen or first control. */
export function focusField(el: Element | null): boolean {
  if (!el) return false;
  const control = el.matches('input, select, textarea, button')
    ? el
    : (el.querySelector('input:checked') ?? el.querySelector('input, select, textarea, button'));
  if (!(control instanceof HTMLElement)) return false;
  control.focus({ preventScroll: true });
  // Centred: the sticky header must not cover the field.
  control.scrollIntoView({ block: 'center' });
  return true;
}

export interface SummaryField {
  /** The key the server names the field by (ApiFailure.fields). */
  field: string;
  label: string;
  /** The element to focus (a control, or a fieldset of radios); the field key when omitted. */
  target?: string;
}

/** The message of a failed submit and, when fields are at fault, each one named as a link to it (in form
 *  order). Focus then moves to the first invalid control of the form (instead of dropping to <body>). */
export function ErrorSummary({ error, fields }: { error?: ApiFailure; fields: SummaryField[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!error || Object.keys(error.fields).length === 0) return;
    const scope = ref.current?.closest('form') ?? document;
    focusField(scope.querySelector('[aria-invalid="true"]'));
  }, [error]);
  if (!error) return null;
  const named = fields.filter((f) => error.fields[f.field] !== undefined);
  return (
    <div class="notice error error-summary" role="alert" ref={ref}>
      {named.length ? <strong>{error.message}</strong> : error.message}
      {named.length > 0 && (
        <ul>
          {named.map((f) => {
            const target = f.target ?? f.field;
            return (
              <li data-error-for={f.field}>
                <a
                  href={`#${target}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(document.getElementById(target));
                  }}
                >
                  {f.label}
                </a>
                {`: ${error.fields[f.field]}`}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function Notice({ tone, children }: { tone: 'success' | 'error' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice ${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** Run a mutation; field errors and the message come back for the form to show, and focus moves to the first
 *  invalid field. */
export function useSubmit<T>(): {
  busy: boolean;
  error?: ApiFailure;
  run: (fn: () => Promise<T>) => Promise<T | undefined>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure>();
  // Refused at a field: focus goes to the first invalid control (Field marks it) instead of dropping to
  // <body> — on every form of the app, with or without an ErrorSummary.
  useEffect(() => {
    if (error && Object.keys(error.fields).length > 0) focusField(document.querySelector('main [aria-invalid="true"]'));
  }, [error]);
  const run = useCallback(async (fn: () => Promise<T>) => {
    setBusy(true);
    setError(undefined);
    try {
      return await fn();
    } catch (e) {
      setError(e instanceof ApiFailure ? e : new ApiFailure(0, t('error.network')));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

// The chat's small markdown (bold, italics, code), as the shared card view-model writes it (a claim's note is
// `_note_` under its description): shown as text with emphasis, never as markup characters, never as HTML.
const INLINE = /(\*\*[^*\n]+\*\*|\*[^*\s][^*\n]*\*|(?<![A-Za-z0-9])_[^_\n]+_(?![A-Za-z0-9])|`[^`\n]+`)/;

function inline(line: string): ComponentChildren[] {
  return line.split(INLINE).map((part, i) => {
    if (i % 2 === 0) return part;
    if (part.startsWith('**')) return <strong>{part.slice(2, -2)}</strong>;
    if (part.startsWith('*')) return <strong>{part.slice(1, -1)}</strong>;
    if (part.startsWith('`')) return <code>{part.slice(1, -1)}</code>;
    return <em>{part.slice(1, -1)}</em>;
  });
}

/** Text from the chat side (may carry markdown) as plain text with its emphasis and line breaks. */
export function MarkdownText({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, i) => (
        <>
          {i > 0 && <br />}
          {inline(line)}
        </>
      ))}
    </>
  );
}

const ROLE_KEYS = { employee: 'role.employee', manager: 'role.manager', hr: 'role.hr', admin: 'role.admin' } as const;

/** A role in the reader's language ("经理", not "manager"); an unknown one as it is. */
export function roleName(role: string): string {
  return role in ROLE_KEYS ? t(ROLE_KEYS[role as keyof typeof ROLE_KEYS]) : role;
}
