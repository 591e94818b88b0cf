// Shared building blocks: loading a resource with its error states, messages, form fields with their
// error shown at the field.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
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
      (error: unknown) => live && setLoad({ state: 'error', error: error instanceof ApiFailure ? error : new ApiFailure(0, t('error.network')) }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  return [load, useCallback(() => setTick((n) => n + 1), [])];
}

export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Vitality`;
  }, [title]);
  return (
    <main class="page">
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
  if (load.state === 'loading') return <p class="muted" aria-busy="true">{t('loading')}</p>;
  if (load.state === 'error') return <Failure error={load.error} />;
  return <>{children(load.data)}</>;
}

export function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' invalid' : ''}`} data-field={id}>
      <label for={id}>{label}</label>
      {children}
      {error && (
        <p class="ferr" id={`${id}-error`}>
          {error}
        </p>
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

/** Run a mutation; field errors and the message come back for the form to show. */
export function useSubmit<T>(): { busy: boolean; error?: ApiFailure; run: (fn: () => Promise<T>) => Promise<T | undefined> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure>();
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
