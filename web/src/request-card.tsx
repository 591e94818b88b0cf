// One approval request: what, who, status, the timeline of every step; approvers get Approve, Adjust points
// (a point claim, within its tag's range, as in chat), Return for changes (where the step allows it) and
// Reject (final) — all but Approve ask for a reason first.
import { useState } from 'preact/hooks';
import type { Answer } from '../../src/contract/index.js';
import { api } from './api.js';
import { t } from './i18n/index.js';
import type { RequestView } from './types.js';
import { Field, MarkdownText, Notice, useSubmit } from './ui.js';
import { RequestMore } from './request-more.js';

export function StatusBadge({ status }: { status: RequestView['status'] }) {
  return <span class={`badge ${status}`}>{t(`status.${status}`)}</span>;
}

/** The approvals list adds `adjust` (what the adjust form needs) to a point claim its viewer may adjust. */
export function RequestCard({ request, onDecided }: { request: RequestView; onDecided?: (r: RequestView) => void }) {
  const [asking, setAsking] = useState<'reject' | 'return' | 'adjust' | null>(null);
  const [reason, setReason] = useState('');
  const [points, setPoints] = useState(String(request.adjust?.points ?? ''));
  const submit = useSubmit<Answer<'POST /approvals/:id/decision'>>();
  const decide = async (decision: 'approve' | 'reject' | 'return' | 'adjust') => {
    const body =
      decision === 'approve'
        ? { decision, version: request.version }
        : decision === 'adjust'
          ? { decision: 'approve', version: request.version, points: Number(points), reason }
          : { decision, version: request.version, reason };
    const r = await submit.run(() => api('POST', `/approvals/${request.id}/decision`, body));
    if (r) onDecided?.(r.request);
  };
  return (
    <article class="card request" data-request={request.id}>
      <header>
        <h3>
          {request.flowName} #{request.id}
        </h3>
        <StatusBadge status={request.status} />
      </header>
      <dl class="fields">
        <dt>{t('request.applicant')}</dt>
        <dd>{request.applicant}</dd>
        {request.fields.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </>
        ))}
      </dl>
      {request.description && (
        <p class="description">
          <MarkdownText text={request.description} />
        </p>
      )}
      {/* A claim close to an earlier one by the same person: a flag for its reviewers, linking the earlier one. */}
      {request.similar && (
        <p class="notice info" data-similar={request.similar.id}>
          {t('request.similar', { name: request.similar.name, date: request.similar.date })}{' '}
          <a href={`/app/requests/${request.similar.id}`}>#{request.similar.id}</a> <q>{request.similar.text}</q>
        </p>
      )}
      {request.status === 'pending' && request.currentStep && (
        <p class="muted">{t('request.waiting', { step: request.currentStep, who: request.waitingOn.join(', ') })}</p>
      )}
      {request.routingNote && <p class="muted">{request.routingNote}</p>}
      {request.copied && <p class="muted">{t('more.copied')}</p>}
      <h4>{t('request.timeline')}</h4>
      <ol class="timeline">
        {request.timeline.map((e) => (
          <li>
            <time>{e.at}</time> <strong>{e.who}</strong> {e.what}
            {e.comment && <q>{e.comment}</q>}
          </li>
        ))}
      </ol>
      {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
      {request.canDecide && onDecided && (
        <div class="decide">
          {asking === 'adjust' && request.adjust ? (
            <>
              <p class="muted">{t('layout.adjust.hint', { points: request.adjust.points })}</p>
              <Field
                id={`points-${request.id}`}
                label={t('layout.adjust.points', { min: request.adjust.min, max: request.adjust.max })}
                error={submit.error?.fields.points}
              >
                <input
                  id={`points-${request.id}`}
                  type="number"
                  inputMode="numeric"
                  step={1}
                  min={request.adjust.min}
                  max={request.adjust.max}
                  value={points}
                  onInput={(e) => setPoints(e.currentTarget.value)}
                />
              </Field>
              <Field
                id={`adjust-reason-${request.id}`}
                label={t('layout.adjust.reason')}
                error={submit.error?.fields.reason}
              >
                <textarea
                  id={`adjust-reason-${request.id}`}
                  value={reason}
                  onInput={(e) => setReason(e.currentTarget.value)}
                  maxLength={500}
                />
              </Field>
              <div class="row">
                <button type="button" class="primary" disabled={submit.busy} onClick={() => void decide('adjust')}>
                  {t('layout.adjust.confirm')}
                </button>
                <button type="button" onClick={() => setAsking(null)}>
                  {t('cancel')}
                </button>
              </div>
            </>
          ) : asking && asking !== 'adjust' ? (
            <>
              <p class="muted">{t(asking === 'reject' ? 'request.rejectHint' : 'request.returnHint')}</p>
              <Field id={`reason-${request.id}`} label={t('request.reason')} error={submit.error?.fields.reason}>
                <textarea
                  id={`reason-${request.id}`}
                  value={reason}
                  onInput={(e) => setReason(e.currentTarget.value)}
                  maxLength={500}
                />
              </Field>
              <div class="row">
                <button
                  type="button"
                  class={asking === 'reject' ? 'danger' : 'primary'}
                  disabled={submit.busy}
                  onClick={() => void decide(asking)}
                >
                  {t(asking === 'reject' ? 'request.confirmReject' : 'request.confirmReturn')}
                </button>
                <button type="button" onClick={() => setAsking(null)}>
                  {t('cancel')}
                </button>
              </div>
            </>
          ) : (
            <div class="row">
              <button type="button" class="primary" disabled={submit.busy} onClick={() => void decide('approve')}>
                {t('request.approve')}
              </button>
              {request.adjust && (
                <button type="button" onClick={() => setAsking('adjust')}>
                  {t('layout.adjust.open')}
                </button>
              )}
              {request.canReturn && (
                <button type="button" onClick={() => setAsking('return')}>
                  {t('request.return')}
                </button>
              )}
              <button type="button" class="danger" onClick={() => setAsking('reject')}>
                {t('request.reject')}
              </button>
            </div>
          )}
        </div>
      )}
      {/* Issue 24: hand over, add an approver, send back, copy, comment; the applicant's urge. */}
      {onDecided && <RequestMore request={request} onDone={onDecided} />}
    </article>
  );
}
