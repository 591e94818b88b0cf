// Sign-in: inside Feishu/DingTalk silently with the client's auth code; Sign in with Slack; and the
// sandbox persona picker when the sandbox is on. Afterwards, back to the page the person was on.
import { useEffect, useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api, ApiFailure } from '../api.js';
import { t } from '../i18n/index.js';
import { detectClient, dingtalkCode, feishuCode } from '../platform-sdk.js';
import { useLocation } from '../router.js';
import { Loaded, Notice, Page, roleName, useApi } from '../ui.js';

type Options = Answer<'GET /auth/options'>;

/** A page of the app, or a download link from a chat card (which needs the session of who made it). */
function safeNext(raw: string | null): string {
  if (raw && /^\/exports\/[\w-]{20,64}$/.test(raw)) return raw;
  return raw && /^\/app(\/|$|\?)/.test(raw) && !raw.includes('//') ? raw : '/app/';
}

export function SignIn({ onSignedIn }: { onSignedIn: (next: string) => void }) {
  const { query } = useLocation();
  const next = safeNext(query.get('next'));
  const [options] = useApi<Options>('/auth/options');
  const [error, setError] = useState<string | undefined>(
    query.get('error') ? t(query.get('error') === 'not_in_org' ? 'signin.notInOrg' : 'signin.failed') : undefined,
  );
  const [busy, setBusy] = useState(false);

  const finish = async (p: Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await p;
      onSignedIn(next);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : t('signin.failed'));
    } finally {
      setBusy(false);
    }
  };

  // Inside a chat client: sign in without a click.
  useEffect(() => {
    if (options.state !== 'ok') return;
    const client = detectClient();
    const o = options.data;
    if (client === 'feishu' && o.feishu)
      void finish(feishuCode(o.feishu.appId).then((code) => api('POST', '/auth/feishu', { code })));
    // DingTalk opens the homepage with ?corpId=…; after the redirect here it travels inside `next`.
    const corpId = query.get('corpId') ?? new URLSearchParams(next.split('?')[1] ?? '').get('corpId') ?? '';
    if (client === 'dingtalk' && o.dingtalk)
      void finish(dingtalkCode(corpId).then((code) => api('POST', '/auth/dingtalk', { code })));
  }, [options.state]);

  return (
    <Page title={t('signin.title')}>
      {error && <Notice tone="error">{error}</Notice>}
      {busy && (
        <p class="muted" aria-busy="true">
          {t('signin.busy')}
        </p>
      )}
      <Loaded load={options}>
        {(o) => (
          <>
            {o.slack && (
              <a class="button primary block" href={`/api/auth/slack/start?next=${encodeURIComponent(next)}`}>
                {t('signin.slack')}
              </a>
            )}
            {(o.feishu || o.dingtalk) && <p class="muted">{t('signin.inClient')}</p>}
            {o.sandbox && (
              <section class="card">
                <h2>{t('signin.sandbox')}</h2>
                <p class="muted">{t('signin.sandboxNote')}</p>
                <ul class="people">
                  {o.sandbox.map((p) => (
                    <li key={p.id}>
                      <button
                        type="button"
                        class="person"
                        disabled={busy}
                        onClick={() => void finish(api('POST', '/auth/sandbox', { employeeId: p.id }))}
                      >
                        <span class="name">{p.name}</span>
                        <span class="muted">
                          {p.unit ?? ''}
                          {p.roles.filter((r) => r !== 'employee').map((r) => ` · ${roleName(r)}`)}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {!o.sandbox && !o.slack && !o.feishu && !o.dingtalk && <Notice tone="info">{t('signin.none')}</Notice>}
          </>
        )}
      </Loaded>
    </Page>
  );
}
