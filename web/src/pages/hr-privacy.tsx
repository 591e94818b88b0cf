// HR: export everything held about one person (an access or portability request). Pick the person by name or
// email, export, then download the zip; the link needs an HR session, and the server audits both steps.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';
import { ErasePerson } from './hr-privacy-erase.js';

type People = Answer<'GET /hr/people'>;
type PersonHit = People['people'][number];
type Exported = Answer<'POST /hr/people/:id/export'>;

export function HrPrivacy() {
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<PersonHit>();
  const [done, setDone] = useState<Exported>();
  const query = q.trim();
  const [people] = useApi<People>(query ? `/hr/people?q=${encodeURIComponent(query)}` : null);
  const submit = useSubmit<Exported>();
  const pick = (p: PersonHit) => {
    setPicked(p);
    setDone(undefined);
  };
  return (
    <Page title={t('nav.privacy')}>
      <p class="muted">{t('privacy.intro')}</p>
      <label>
        {t('privacy.search')}
        <input id="person-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      {query && (
        <Loaded load={people}>
          {(r) =>
            r.people.length === 0 ? (
              <p class="muted">{t('privacy.none')}</p>
            ) : (
              <ul class="list people">
                {r.people.map((p) => (
                  <li class="card" data-person={p.id}>
                    <strong>{p.name}</strong> {p.email && <small class="muted">{p.email}</small>}{' '}
                    {p.unit && <small class="muted">· {p.unit}</small>}{' '}
                    {!p.active && <small class="muted">· {t('privacy.left')}</small>}{' '}
                    <button type="button" onClick={() => pick(p)} aria-pressed={picked?.id === p.id}>
                      {t('privacy.pick')}
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      )}
      {picked && (
        <div class="card" data-selected={picked.id}>
          <p>{t('privacy.selected', { name: picked.name })}</p>
          <button
            id="export-person"
            class="primary"
            type="button"
            disabled={submit.busy}
            onClick={async () => {
              const r = await submit.run(() => api('POST', `/hr/people/${picked.id}/export`));
              if (r) setDone(r);
            }}
          >
            {t('privacy.export')}
          </button>
          <ErasePerson key={picked.id} person={picked} />
        </div>
      )}
      {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
      {done && (
        <Notice tone="success">
          <p>{t('privacy.ready')}</p>
          <a id="person-download" href={done.url} download={done.filename}>
            {t('privacy.download', { file: done.filename })}
          </a>
        </Notice>
      )}
    </Page>
  );
}
