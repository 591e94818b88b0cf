// HR: import the org chart from a CSV (bad rows reported by line, nothing imported then) and sync it from
// a platform directory, with the change report.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api, ApiFailure } from '../api.js';
import { t } from '../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';
import { OrgLeave } from './hr-org-leave.js';
import { StatusPeopleCard } from './person-status/people-card.js';

type SyncReport = Answer<'POST /hr/org/sync'>['report'];
type Imported = Answer<'POST /hr/org/import'>;

const SECTIONS: [
  keyof SyncReport,
  (
    | 'org.unitsCreated'
    | 'org.unitsRenamed'
    | 'org.peopleCreated'
    | 'org.peopleUpdated'
    | 'org.peopleMoved'
    | 'org.peopleDeactivated'
    | 'org.peopleRejected'
  ),
][] = [
  ['unitsCreated', 'org.unitsCreated'],
  ['unitsRenamed', 'org.unitsRenamed'],
  ['peopleCreated', 'org.peopleCreated'],
  ['peopleUpdated', 'org.peopleUpdated'],
  ['peopleMoved', 'org.peopleMoved'],
  ['peopleDeactivated', 'org.peopleDeactivated'],
  ['peopleRejected', 'org.peopleRejected'],
];

export function HrOrg() {
  const [info] = useApi<Answer<'GET /hr/org'>>('/hr/org');
  const [csv, setCsv] = useState('');
  const [imported, setImported] = useState<Imported>();
  const [problems, setProblems] = useState<{ line: number; message: string }[]>([]);
  const [report, setReport] = useState<{ platform: string; report: SyncReport }>();
  const importing = useSubmit<Imported>();
  const syncing = useSubmit<Answer<'POST /hr/org/sync'>>();
  const forbidden = forbiddenOf(info);
  if (forbidden) return <ForbiddenPage title={t('nav.org')} error={forbidden} />;
  return (
    <Page title={t('nav.org')}>
      <form
        class="card"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setImported(undefined);
          setProblems([]);
          const r = await importing.run(async () => {
            try {
              return await api<Imported>('POST', '/hr/org/import', { csv });
            } catch (err) {
              // Bad rows come back as a list, one per line of the file.
              if (err instanceof ApiFailure && err.code === 'invalid_rows') setProblems(err.problems);
              throw err;
            }
          });
          if (r) setImported(r);
        }}
      >
        <h2>{t('org.import')}</h2>
        <p class="muted">{t('org.importHelp')}</p>
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label={t('org.file')}
          onChange={async (e) => {
            const f = e.currentTarget.files?.[0];
            if (f) setCsv(await f.text());
          }}
        />
        <textarea id="csv" aria-label="CSV" value={csv} onInput={(e) => setCsv(e.currentTarget.value)} rows={8} />
        {imported && <Notice tone="success">{t('org.imported', imported)}</Notice>}
        {importing.error && <Notice tone="error">{importing.error.message}</Notice>}
        {problems.length > 0 && (
          <ul class="list problems">
            {problems.map((p) => (
              <li class="ferr">{t('org.line', { line: p.line, message: p.message })}</li>
            ))}
          </ul>
        )}
        <button type="submit" class="primary" disabled={importing.busy || !csv.trim()}>
          {t('org.importSubmit')}
        </button>
      </form>
      <section class="card">
        <h2>{t('org.sync')}</h2>
        <Loaded load={info}>
          {(i) =>
            i.directories.length === 0 ? (
              <p class="muted">{t('org.noDirectory')}</p>
            ) : (
              <div class="row">
                {i.directories.map((p) => (
                  <button
                    type="button"
                    disabled={syncing.busy}
                    onClick={async () => {
                      const r = await syncing.run(() => api('POST', '/hr/org/sync', { platform: p }));
                      if (r) setReport({ platform: p, report: r.report });
                    }}
                  >
                    {t('org.syncFrom', { platform: p })}
                  </button>
                ))}
              </div>
            )
          }
        </Loaded>
        {syncing.error && <Notice tone="error">{syncing.error.message}</Notice>}
        {report && (
          <div class="sync-report" data-platform={report.platform}>
            <h3>{t('org.synced', { platform: report.platform })}</h3>
            <dl class="fields">
              {SECTIONS.map(([k, label]) => (
                <>
                  <dt>{t(label)}</dt>
                  <dd data-section={k}>{report.report[k].length ? report.report[k].join(', ') : '—'}</dd>
                </>
              ))}
            </dl>
          </div>
        )}
      </section>
      <OrgLeave />
      <StatusPeopleCard />
    </Page>
  );
}
