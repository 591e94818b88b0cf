// The author's side of a conversation on their comment (/conversation#k=…). The key in the address is moved to
// this device's storage and out of the address bar; the page needs no sign-in and sends nothing but the key (in a
// POST body), so the server cannot tell who reads or writes. Several comments: their conversations are listed.
import { useEffect, useState } from 'preact/hooks';
import type { Answer } from '../../../../src/contract/index.js';
import { api, ApiFailure } from '../../api.js';
import {
  forgetConversation,
  keepConversation,
  keptConversations,
  takeKeyFromAddress,
  type KeptConversation,
} from '../../conversation-keys.js';
import { formatDateTime, t } from '../../i18n/index.js';
import type { AuthorThread } from '../../types.js';
import { Failure, Notice, Page, useSubmit } from '../../ui.js';
import { Messages, ReplyBox } from './parts.js';

type Load = { state: 'loading' } | { state: 'ok'; thread: AuthorThread } | { state: 'error'; error: ApiFailure };

function Conversation({ convKey, onGone }: { convKey: string; onGone: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const reply = useSubmit<Answer<'POST /conversation/author/reply'>>();
  const close = useSubmit<Answer<'POST /conversation/author/close'>>();
  useEffect(() => {
    let live = true;
    api<Answer<'POST /conversation/author'>>('POST', '/conversation/author', { key: convKey }).then(
      (r) => {
        if (!live) return;
        keepConversation(convKey, r.thread.comment);
        setLoad({ state: 'ok', thread: r.thread });
      },
      (e: unknown) =>
        live && setLoad({ state: 'error', error: e instanceof ApiFailure ? e : new ApiFailure(0, t('error.network')) }),
    );
    return () => {
      live = false;
    };
  }, [convKey, tick]);
  const reload = () => setTick((n) => n + 1);

  if (load.state === 'loading') return <p class="muted">{t('loading')}</p>;
  if (load.state === 'error')
    return load.error.code === 'unknown_key' ? (
      <Notice tone="info">
        {t('conv.mine.unknown')}{' '}
        <button type="button" class="link" onClick={onGone}>
          {t('conv.mine.forget')}
        </button>
      </Notice>
    ) : (
      <Failure error={load.error} />
    );
  const th = load.thread;
  return (
    <section class="card conv-page" data-status={th.status}>
      <h2>{t('conv.comment')}</h2>
      <blockquote class="conv-comment">{th.comment}</blockquote>
      {th.status === 'none' ? (
        <p class="muted">{t('conv.mine.noThread')}</p>
      ) : (
        <>
          <h2>{t('conv.messages')}</h2>
          <Messages messages={th.messages} reader="author" />
        </>
      )}
      {th.status === 'closed' && (
        <Notice tone="info">
          <span data-closed="true">{t('conv.mine.closedByYou', { when: formatDateTime(th.closedAt ?? '') })}</span>
        </Notice>
      )}
      {th.status === 'open' && (
        <>
          <ReplyBox
            nextRelease={th.nextRelease}
            busy={reply.busy}
            error={reply.error}
            onSend={async (body) => {
              const r = await reply.run(() => api('POST', '/conversation/author/reply', { key: convKey, body }));
              if (r) reload();
              return r !== undefined;
            }}
          />
          {close.error && <Failure error={close.error} />}
          <p>
            <button
              type="button"
              class="danger"
              disabled={close.busy}
              onClick={async () => {
                if (!confirm(t('conv.mine.closeConfirm'))) return;
                const r = await close.run(() => api('POST', '/conversation/author/close', { key: convKey }));
                if (r) reload();
              }}
            >
              {t('conv.mine.close')}
            </button>
          </p>
        </>
      )}
      <p class="muted">{t('conv.batches')}</p>
    </section>
  );
}

export function AuthorConversationPage() {
  const [kept, setKept] = useState<KeptConversation[]>(() => keptConversations());
  const [current, setCurrent] = useState<string | undefined>(() => {
    const fromAddress = takeKeyFromAddress();
    if (fromAddress) keepConversation(fromAddress);
    return fromAddress ?? (keptConversations().length === 1 ? keptConversations()[0]!.key : undefined);
  });
  useEffect(() => setKept(keptConversations()), [current]);
  const others = kept.filter((c) => c.key !== current);
  return (
    <Page title={t('conv.mine.title')}>
      <p class="muted">{t('conv.mine.intro')}</p>
      {current && (
        <Conversation
          key={current}
          convKey={current}
          onGone={() => {
            forgetConversation(current);
            setCurrent(undefined);
          }}
        />
      )}
      {!current && kept.length === 0 && <Notice tone="info">{t('conv.mine.empty')}</Notice>}
      {others.length > 0 && (
        <section class="card">
          <h2>{current ? t('conv.mine.others') : t('conv.mine.list')}</h2>
          <ul class="list">
            {others.map((c) => (
              <li>
                <button type="button" class="link" onClick={() => setCurrent(c.key)}>
                  <q>{c.preview || '…'}</q>
                </button>{' '}
                <button
                  type="button"
                  class="link"
                  onClick={() => {
                    forgetConversation(c.key);
                    setKept(keptConversations());
                  }}
                >
                  {t('conv.mine.forget')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
