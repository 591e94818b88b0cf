// "Reply" / "Open conversation" on a published comment in a report (HR's report, a manager's team page). The first
// reply starts the thread and opens its page; the author is never named, and the server decides who may answer.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../../src/contract/index.js';
import { api } from '../../api.js';
import { t } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import type { ReportComment } from '../../types.js';
import { useSubmit } from '../../ui.js';

export function CommentAction({ item }: { item: ReportComment }) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const start = useSubmit<Answer<'POST /conversations'>>();
  if (item.threadId !== null)
    return (
      <a class="conv-action" href={`/app/hr/conversations/${item.threadId}`} data-status={item.threadStatus}>
        {t(item.threadStatus === 'closed' ? 'conv.openClosed' : 'conv.open')}
      </a>
    );
  if (!item.replyable) return null;
  const fieldId = `conv-start-${item.id}`;
  const fieldError = start.error?.fields.body;
  return (
    <span class="conv-action">
      {!open ? (
        <button type="button" class="link" aria-expanded="false" onClick={() => setOpen(true)}>
          {t('conv.reply')}
        </button>
      ) : (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await start.run(() => api('POST', '/conversations', { commentId: item.id, body }));
            if (r) navigate(`/hr/conversations/${r.threadId}`);
          }}
        >
          <div class={`field${fieldError ? ' invalid' : ''}`}>
            <label for={fieldId}>{t('conv.replyTo')}</label>
            <textarea
              id={fieldId}
              value={body}
              maxLength={1000}
              onInput={(e) => setBody(e.currentTarget.value)}
              aria-invalid={fieldError ? 'true' : undefined}
              aria-describedby={`${fieldId}-help${fieldError ? ` ${fieldId}-error` : ''}`}
            />
            {fieldError && (
              <p class="ferr" id={`${fieldId}-error`}>
                {fieldError}
              </p>
            )}
            <p class="muted" id={`${fieldId}-help`}>
              {t('conv.replyHelp')}
            </p>
          </div>
          {start.error && !fieldError && (
            <div class="notice error" role="alert" data-code={start.error.code}>
              {start.error.message}
            </div>
          )}
          <button type="submit" class="primary" disabled={start.busy}>
            {t('conv.send')}
          </button>{' '}
          <button type="button" class="link" onClick={() => setOpen(false)}>
            {t('cancel')}
          </button>
        </form>
      )}
    </span>
  );
}
