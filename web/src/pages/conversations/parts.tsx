// Pieces both sides of a comment conversation show: the messages under their delivery-batch labels, and the
// reply box with the server's message at the field. Each side sees its own messages on the right.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../api.js';
import { formatDateTime, t } from '../../i18n/index.js';
import type { ConversationMessage } from '../../types.js';
import './conversation.css';

type Side = 'team' | 'author';

function who(m: ConversationMessage, reader: Side): string {
  if (m.side === reader) return reader === 'team' && m.sender ? m.sender : t('conv.you');
  return m.side === 'author' ? t('conv.author') : t('conv.team');
}

/** The messages in delivery order, each batch under "Delivered at …" (or "Will be delivered at …" for the
 *  reader's own messages whose batch has not come yet). */
export function Messages({ messages, reader }: { messages: ConversationMessage[]; reader: Side }) {
  if (messages.length === 0) return <p class="muted">{t('conv.none')}</p>;
  const items: JSX.Element[] = [];
  let label = '';
  for (const m of messages) {
    const text = t(m.pending ? 'conv.willDeliver' : 'conv.delivered', { when: formatDateTime(m.releaseAt) });
    if (text !== label)
      items.push(
        <li class="conv-batch" data-release={m.releaseAt} data-pending={String(m.pending)}>
          {text}
        </li>,
      );
    label = text;
    items.push(
      <li
        class={`conv-msg${m.side === reader ? ' mine' : ''}${m.pending ? ' pending' : ''}`}
        data-side={m.side}
        data-pending={String(m.pending)}
      >
        <span class="who">{who(m, reader)}</span>
        {m.body}
      </li>,
    );
  }
  return (
    <ol class="conv-messages" aria-label={t('conv.messages')}>
      {items}
    </ol>
  );
}

/** The reply box: the text, its error at the field, and when it would be delivered. */
export function ReplyBox({
  nextRelease,
  busy,
  error,
  onSend,
  label = t('conv.yourMessage'),
}: {
  nextRelease: string;
  busy: boolean;
  error?: ApiFailure;
  onSend: (body: string) => Promise<boolean>;
  label?: string;
}) {
  const [body, setBody] = useState('');
  const fieldError = error?.fields.body;
  return (
    <form
      class="conv-reply"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onSend(body)) setBody('');
      }}
    >
      <div class={`field${fieldError ? ' invalid' : ''}`}>
        <label for="conv-body">{label}</label>
        <textarea
          id="conv-body"
          value={body}
          maxLength={1000}
          onInput={(e) => setBody(e.currentTarget.value)}
          aria-invalid={fieldError ? 'true' : undefined}
          aria-describedby={fieldError ? 'conv-body-error conv-next' : 'conv-next'}
        />
        {fieldError && (
          <p class="ferr" id="conv-body-error">
            {fieldError}
          </p>
        )}
      </div>
      {error && !fieldError && (
        <div class="notice error" role="alert" data-code={error.code}>
          {error.message}
        </div>
      )}
      <p class="muted" id="conv-next">
        {t('conv.next', { when: formatDateTime(nextRelease) })}
      </p>
      <button type="submit" class="primary" disabled={busy}>
        {t('conv.send')}
      </button>
    </form>
  );
}
