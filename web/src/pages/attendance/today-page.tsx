// Today's attendance for a unit (issue 25 §1, the store article): late (longest first, with minutes), not
// clocked in, absent, left early, on leave, no record yet, and how many are on time. A unit head picks among the
// units they lead, HR among all; anyone else gets the API's refusal. HR also reads the platforms now and imports
// CSV here (all or nothing: each bad line named).
import { useState } from 'preact/hooks';
import type { Answer } from '../../../../src/contract/index.js';
import { api } from '../../api.js';
import { CsvRefusal } from '../../csv-refusal.js';
import { t } from '../../i18n/index.js';
import { navigate, useLocation } from '../../router.js';
import { Field, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';

type Today = Answer<'GET /attendance/today'>;
type Synced = Answer<'POST /hr/attendance/sync'>;
type Imported = Answer<'POST /hr/attendance/import'>;

function Group({ name, title, people }: { name: string; title: string; people: { id: number; label: string }[] }) {
  return (
    <section class="card" data-group={name}>
      <h2>
        {title} <span class="muted">({people.length})</span>
      </h2>
      {people.length ? (
        <ul>
          {people.map((p) => (
            <li key={p.id}>{p.label}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('attendance.nobody')}</p>
      )}
    </section>
  );
}

function SyncForm({ platforms, done }: { platforms: Today['platforms']; done: (r: Synced) => void }) {
  const submit = useSubmit<Synced>();
  const names = platforms.map((p) => (p === 'feishu' ? 'Feishu 飞书' : 'DingTalk 钉钉')).join(', ');
  return (
    <form
      class="card"
      id="attendance-sync"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await submit.run(() => api<Synced>('POST', '/hr/attendance/sync'));
        if (r) done(r);
      }}
    >
      <h2>{t('attendance.sync.title')}</h2>
      <p class="muted">
        {platforms.length ? t('attendance.sync.help', { platforms: names }) : t('attendance.sync.none')}
      </p>
      {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
      {platforms.length > 0 && (
        <button type="submit" disabled={submit.busy}>
          {t('attendance.sync.submit')}
        </button>
      )}
    </form>
  );
}

function ImportForm({ done }: { done: (r: Imported) => void }) {
  const [csv, setCsv] = useState('employee,day,status,late_minutes\n');
  const submit = useSubmit<Imported>();
  return (
    <form
      class="card"
      id="attendance-import"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await submit.run(() => api<Imported>('POST', '/hr/attendance/import', { csv }));
        if (r) done(r);
      }}
    >
      <h2>{t('attendance.import.title')}</h2>
      <p class="muted">{t('attendance.import.help')}</p>
      <Field id="attendance-csv" label={t('attendance.import.text')}>
        <textarea id="attendance-csv" rows={6} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} />
      </Field>
      {submit.error && <CsvRefusal error={submit.error} />}
      <button type="submit" class="primary" disabled={submit.busy}>
        {t('attendance.import.submit')}
      </button>
    </form>
  );
}

export function TodayPage() {
  const { query } = useLocation();
  const unit = query.get('unit') ?? '';
  const [load, reload] = useApi<Today>(
    `/attendance/today${unit ? `?${new URLSearchParams({ unit }).toString()}` : ''}`,
  );
  const named = (list: { id: number; name: string }[]) => list.map((p) => ({ id: p.id, label: p.name }));
  // Kept here, not in the forms: a done import or sync reloads the figures, which draws the forms anew.
  const [imported, setImported] = useState<Imported>();
  const [synced, setSynced] = useState<Synced>();
  return (
    <Page title={t('attendance.title')}>
      {imported && <Notice tone="success">{t('attendance.import.done', imported)}</Notice>}
      {synced && (
        <Notice tone="success">
          <ul data-list="sync-report">
            {synced.reports
              .flatMap((r) => r.lines)
              .map((line, i) => (
                <li key={i}>{line}</li>
              ))}
          </ul>
        </Notice>
      )}
      <Loaded load={load}>
        {(r) => (
          <>
            <div class="row filters">
              <label>
                {t('attendance.unit')}{' '}
                <select
                  data-filter="unit"
                  value={String(r.unit.id)}
                  onChange={(e) => navigate(`/today?unit=${e.currentTarget.value}`)}
                >
                  {r.units.map((u) => (
                    <option key={u.id} value={String(u.id)}>
                      {u.path}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p data-summary>{t('attendance.summary', { day: r.day, onTime: r.onTime, people: r.people })}</p>
            <Group
              name="late"
              title={t('attendance.late')}
              people={r.late.map((p) => ({
                id: p.id,
                label: p.minutes === null ? p.name : `${p.name} · ${t('attendance.minutes', { minutes: p.minutes })}`,
              }))}
            />
            <Group name="not-clocked-in" title={t('attendance.notClockedIn')} people={named(r.notClockedIn)} />
            {r.absent.length > 0 && <Group name="absent" title={t('attendance.absent')} people={named(r.absent)} />}
            {r.earlyLeave.length > 0 && (
              <Group name="early-leave" title={t('attendance.earlyLeave')} people={named(r.earlyLeave)} />
            )}
            <Group name="on-leave" title={t('attendance.onLeave')} people={named(r.onLeave)} />
            {r.noRecord.length > 0 && (
              <Group name="no-record" title={t('attendance.noRecord')} people={named(r.noRecord)} />
            )}
            <p class="muted">{t('attendance.note')}</p>
            {r.hr && (
              <>
                <SyncForm
                  platforms={r.platforms}
                  done={(x) => {
                    setImported(undefined);
                    setSynced(x);
                    reload();
                  }}
                />
                <ImportForm
                  done={(x) => {
                    setSynced(undefined);
                    setImported(x);
                    reload();
                  }}
                />
              </>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
