// The way to a person's status page from the team page and HR's org page: the people the reader may open
// (their chain below them; everyone for HR), filtered by name. Nothing is shown to someone with nobody.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../../src/contract/index.js';
import { t } from '../../i18n/index.js';
import { useApi } from '../../ui.js';

export function StatusPeopleCard() {
  const [load] = useApi<Answer<'GET /people/status'>>('/people/status');
  const [filter, setFilter] = useState('');
  if (load.state !== 'ok' || load.data.people.length === 0) return null;
  const q = filter.trim().toLowerCase();
  const shown = load.data.people.filter((p) => !q || p.name.toLowerCase().includes(q));
  return (
    <section class="card" id="status-people">
      <h2>{t('status.people')}</h2>
      <p class="muted">{t('status.people.help')}</p>
      <label for="status-people-filter">{t('status.people.filter')}</label>
      <input id="status-people-filter" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      {shown.length === 0 ? (
        <p class="muted">{t('status.people.none')}</p>
      ) : (
        <ul class="list" data-list="status-people">
          {shown.slice(0, 50).map((p) => (
            <li key={p.id}>
              <a href={`/app/people/${p.id}`}>{p.name}</a>
              {p.unit && <span class="muted"> · {p.unit}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
