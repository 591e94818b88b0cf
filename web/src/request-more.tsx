// A request's further actions in the mini-app (issue 24), as on the chat card: an approver may approve with a
// comment, hand the step over, add an approver before or after themselves, send it back to an earlier step or
// copy people; the applicant may urge the approvers. One panel at a time; the server's refusal shows at its field.
import { useState } from 'preact/hooks';
import type { Answer } from '../../src/contract/index.js';
import { api } from './api.js';
import { t } from './i18n/index.js';
import type { RequestView } from './types.js';
import { Field, Notice, useApi, useSubmit } from './ui.js';

type Panel = 'comment' | 'hand_over' | 'add_sign' | 'send_back' | 'cc';
type MoreAnswer = Answer<'POST /approvals/:id/more'>;

/** The people a current approver may name, loaded when a panel that needs them opens. */
function PersonSelect(props: {
  requestId: number;
  id: string;
  value: string;
  onChange: (v: string) => void;
  multi?: boolean;
}) {
  const [load] = useApi<Answer<'GET /approvals/:id/people'>>(`/approvals/${props.requestId}/people`);
  const people = load.state === 'ok' ? load.data.people : [];
  return (
    <select
      id={props.id}
      multiple={props.multi}
      value={props.multi ? undefined : props.value}
      onChange={(e) =>
        props.onChange(
          props.multi ? [...e.currentTarget.selectedOptions].map((o) => o.value).join(',') : e.currentTarget.value,
        )
      }
    >
      {!props.multi && <option value="">{t('more.choose')}</option>}
      {people.map((p) => (
        <option value={String(p.id)}>{p.name}</option>
      ))}
    </select>
  );
}

export function RequestMore({ request, onDone }: { request: RequestView; onDone: (r: RequestView) => void }) {
  const [panel, setPanel] = useState<Panel | null>(null);
  const [person, setPerson] = useState('');
  const [position, setPosition] = useState<'before' | 'after'>('before');
  const [step, setStep] = useState(request.more?.sendBack[0]?.id ?? '');
  const [text, setText] = useState('');
  const submit = useSubmit<MoreAnswer>();
  const [done, setDone] = useState<string>();
  const send = async (body: Record<string, unknown>) => {
    const r = await submit.run(() =>
      api<MoreAnswer>('POST', `/approvals/${request.id}/more`, { version: request.version, ...body }),
    );
    if (r) {
      setDone(t(`more.done.${r.outcome}` as 'more.done.urged'));
      setPanel(null);
      onDone(r.request);
    }
  };
  const open = (p: Panel) => {
    setPanel(p);
    setPerson('');
    setText('');
  };
  const err = submit.error?.fields;
  const ids = (s: string) => s.split(',').filter(Boolean).map(Number);
  const personId = Number(person);
  const actions: Record<Panel, () => Promise<void>> = {
    comment: () => send({ action: 'approve', comment: text }),
    hand_over: () => send({ action: 'hand_over', personId, reason: text }),
    add_sign: () => send({ action: 'add_sign', personId, position, reason: text }),
    send_back: () => send({ action: 'send_back', toStep: step, reason: text }),
    cc: () => send({ action: 'cc', people: ids(person) }),
  };
  const canDecide = request.canDecide && request.more;
  if (!canDecide && !request.canUrge) return done ? <Notice tone="success">{done}</Notice> : null;
  return (
    <div class="more" data-more={request.id}>
      {done && <Notice tone="success">{done}</Notice>}
      {submit.error && !err?.personId && !err?.reason && !err?.toStep && !err?.people && (
        <Notice tone="error">{submit.error.message}</Notice>
      )}
      {panel ? (
        <div class="more-panel" data-panel={panel}>
          {(panel === 'hand_over' || panel === 'add_sign' || panel === 'cc') && (
            <Field
              id={`more-person-${request.id}`}
              label={t(panel === 'cc' ? 'more.people' : 'more.person')}
              error={err?.personId ?? err?.people}
            >
              <PersonSelect
                requestId={request.id}
                id={`more-person-${request.id}`}
                value={person}
                onChange={setPerson}
                multi={panel === 'cc'}
              />
            </Field>
          )}
          {panel === 'add_sign' && (
            <Field id={`more-position-${request.id}`} label={t('more.position')}>
              <select
                id={`more-position-${request.id}`}
                value={position}
                onChange={(e) => setPosition(e.currentTarget.value === 'after' ? 'after' : 'before')}
              >
                <option value="before">{t('more.before')}</option>
                <option value="after">{t('more.after')}</option>
              </select>
            </Field>
          )}
          {panel === 'send_back' && (
            <Field id={`more-step-${request.id}`} label={t('more.step')} error={err?.toStep}>
              <select id={`more-step-${request.id}`} value={step} onChange={(e) => setStep(e.currentTarget.value)}>
                {(request.more?.sendBack ?? []).map((s) => (
                  <option value={s.id}>{s.name}</option>
                ))}
              </select>
            </Field>
          )}
          {panel !== 'cc' && (
            <Field
              id={`more-text-${request.id}`}
              label={t(panel === 'comment' ? 'more.comment' : 'more.reason')}
              error={err?.reason}
            >
              <textarea
                id={`more-text-${request.id}`}
                value={text}
                maxLength={500}
                onInput={(e) => setText(e.currentTarget.value)}
              />
            </Field>
          )}
          <div class="row">
            <button type="button" class="primary" disabled={submit.busy} onClick={() => void actions[panel]()}>
              {t(`more.confirm.${panel}`)}
            </button>
            <button type="button" onClick={() => setPanel(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="row">
          {canDecide && (
            <>
              <button type="button" onClick={() => open('comment')}>
                {t('more.open.comment')}
              </button>
              <button type="button" onClick={() => open('hand_over')}>
                {t('more.open.hand_over')}
              </button>
              <button type="button" onClick={() => open('add_sign')}>
                {t('more.open.add_sign')}
              </button>
              {request.more!.sendBack.length > 0 && (
                <button type="button" onClick={() => open('send_back')}>
                  {t('more.open.send_back')}
                </button>
              )}
              <button type="button" onClick={() => open('cc')}>
                {t('more.open.cc')}
              </button>
            </>
          )}
          {request.canUrge && (
            <button type="button" disabled={submit.busy} onClick={() => void send({ action: 'urge' })}>
              {t('more.urge')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
