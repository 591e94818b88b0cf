// HR: erase a person who has left (PIPL Art. 47, GDPR erasure), from the person-data page. Two steps, since it
// cannot be undone; the server refuses anyone still here, and says so.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { Notice, useSubmit } from '../ui.js';

type Erased = Answer<'POST /hr/people/:id/erase'>;

export function ErasePerson({ person }: { person: { id: number; name: string; active: boolean } }) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<Erased>();
  const submit = useSubmit<Erased>();
  if (person.active) return <p class="muted">{t('privacy.eraseOnlyLeavers')}</p>;
  if (done) {
    const n = done.remaining.reduce((sum, r) => sum + r.rows, 0);
    return (
      <Notice tone="success">
        <p id="erase-done">{t('privacy.erased', { pseudonym: done.pseudonym })}</p>
        {n > 0 && <p>{t('privacy.eraseRemaining', { n })}</p>}
      </Notice>
    );
  }
  return (
    <div class="erase">
      {!asking ? (
        <button id="erase-person" class="danger" type="button" onClick={() => setAsking(true)}>
          {t('privacy.erase')}
        </button>
      ) : (
        <>
          <p id="erase-question">{t('privacy.eraseConfirm', { name: person.name })}</p>
          <button
            id="erase-confirm"
            class="danger"
            type="button"
            disabled={submit.busy}
            onClick={async () => {
              const r = await submit.run(() => api('POST', `/hr/people/${person.id}/erase`));
              if (r) setDone(r);
            }}
          >
            {t('privacy.eraseYes')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            {t('cancel')}
          </button>
        </>
      )}
      {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
    </div>
  );
}
