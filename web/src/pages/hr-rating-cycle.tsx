// HR: one rating cycle — how far each dimension is filled, who has no rater and why, the indicator import
// (upload a CSV file or paste its lines; problems are listed per line, and the valid rows can then be taken
// on their own) and closing, which first shows what would be left out and asks for a confirmation.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api, ApiFailure } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';
import { ExportDownload } from '../export-download.js';

type CycleDetail = Answer<'GET /hr/ratings/cycles/:id'>;
type Coverage = CycleDetail['coverage'][number];
export type Closed = Answer<'POST /hr/ratings/cycles/:id/close'>;

const leftOut = (c: readonly Coverage[]) => c.filter((d) => d.filled < d.of);

/** "Close and publish": closes at once when everything is filled, else shows what is missing and asks to confirm. */
export function CloseCycle({
  cycleId,
  label,
  onClosed,
}: {
  cycleId: number;
  label: string;
  onClosed: (r: Closed) => void;
}) {
  const [pending, setPending] = useState<{ missing: Coverage[]; fingerprint: string; stale: boolean }>();
  const close = useSubmit<Closed | undefined>();
  const send = async (confirm: string | undefined) => {
    const r = await close.run(async () => {
      try {
        return await api<Closed>('POST', `/hr/ratings/cycles/${cycleId}/close`, { confirm });
      } catch (e) {
        // Something changed since the summary (a rating, an import): show the new one to confirm again.
        if (e instanceof ApiFailure && (e.code === 'stale' || e.code === 'needs_confirm')) {
          const now = await api<CycleDetail>('GET', `/hr/ratings/cycles/${cycleId}`);
          setPending({ missing: leftOut(now.coverage), fingerprint: now.fingerprint, stale: true });
          return undefined;
        }
        throw e;
      }
    });
    if (r) {
      setPending(undefined);
      onClosed(r);
    }
  };
  return (
    <div class="close-cycle" data-close={cycleId}>
      {close.error && <Notice tone="error">{close.error.message}</Notice>}
      {pending ? (
        <div class="notice info confirm-close" role="status">
          {pending.stale && <p>{t('x.rt.close.stale')}</p>}
          <p>{t('x.rt.close.missingIntro')}</p>
          <ul>
            {pending.missing.map((m) => (
              <li data-dimension={m.key}>
                {t('x.rt.close.line', { name: m.name, missing: m.of - m.filled, of: m.of })}
              </li>
            ))}
          </ul>
          <div class="row">
            <button type="button" class="danger" disabled={close.busy} onClick={() => send(pending.fingerprint)}>
              {t('x.rt.close.confirm')}
            </button>
            <button type="button" disabled={close.busy} onClick={() => setPending(undefined)}>
              {t('x.rt.close.keepOpen')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          disabled={close.busy}
          onClick={async () => {
            // Ask for the summary first: with nothing missing it closes straight away.
            const now = await api<CycleDetail>('GET', `/hr/ratings/cycles/${cycleId}`).catch(() => undefined);
            if (now && leftOut(now.coverage).length)
              setPending({ missing: leftOut(now.coverage), fingerprint: now.fingerprint, stale: false });
            else await send(now?.fingerprint);
          }}
        >
          {label}
        </button>
      )}
    </div>
  );
}

type ImportOk = Answer<'POST /hr/ratings/cycles/:id/indicators'>;

/** The import's result is reported by the page: reloading the cycle after an import redraws this form. */
function IndicatorImport({
  cycleId,
  names,
  onImported,
}: {
  cycleId: number;
  names: string;
  onImported: (r: ImportOk) => void;
}) {
  const [csv, setCsv] = useState('');
  const [problems, setProblems] = useState<{ line: number; message: string }[]>([]);
  const [valid, setValid] = useState(0);
  const importing = useSubmit<ImportOk>();
  const send = async (skipInvalid: boolean) => {
    const r = await importing.run(async () => {
      try {
        return await api<ImportOk>('POST', `/hr/ratings/cycles/${cycleId}/indicators`, { csv, skipInvalid });
      } catch (e) {
        // Bad rows come back one per line; the count of valid rows lets HR take those on their own.
        if (e instanceof ApiFailure && e.code === 'invalid_rows') {
          setProblems(e.problems);
          // Only row problems leave other rows to take (a bad header or unreadable file leaves none).
          const rows = csv.split(/\r?\n/).filter((l) => l.trim()).length - 1;
          setValid(e.problems.every((p) => p.line > 1) ? rows - e.problems.length : 0);
        }
        throw e;
      }
    });
    if (r) {
      setProblems([]);
      setValid(0);
      setCsv('');
      onImported(r);
    }
  };
  return (
    <form
      class="card"
      id="indicator-import"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send(false);
      }}
    >
      <h2>{t('x.rt.import.title', { names })}</h2>
      <p class="muted">{t('x.rt.import.help')}</p>
      <label for="indicator-file">{t('x.rt.import.file')}</label>
      <input
        id="indicator-file"
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={async (e) => {
          const f = e.currentTarget.files?.[0];
          if (f) setCsv(await f.text());
          setProblems([]);
        }}
      />
      <label for="indicator-csv">{t('x.rt.import.paste')}</label>
      <textarea
        id="indicator-csv"
        rows={6}
        placeholder={'email,dimension,value\n…'}
        value={csv}
        onInput={(e) => setCsv(e.currentTarget.value)}
      />
      {importing.error && <Notice tone="error">{importing.error.message}</Notice>}
      {problems.length > 0 && (
        <ul class="list problems">
          {problems.map((p) => (
            <li class="ferr" data-line={p.line}>
              {t('x.rt.import.line', { line: p.line, message: p.message })}
            </li>
          ))}
        </ul>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={importing.busy || !csv.trim()}>
          {t('x.rt.import.submit')}
        </button>
        {problems.length > 0 && valid > 0 && (
          <button type="button" disabled={importing.busy} onClick={() => void send(true)}>
            {t('x.rt.import.skipInvalid', { n: valid })}
          </button>
        )}
      </div>
    </form>
  );
}

export function HrRatingCycle({ id }: { id: string }) {
  const [load, reload] = useApi<CycleDetail>(`/hr/ratings/cycles/${encodeURIComponent(id)}`);
  const [closed, setClosed] = useState<Closed>();
  const [imported, setImported] = useState<ImportOk>();
  const forbidden = forbiddenOf(load);
  const title = t('x.rt.cycle.title', { id });
  if (forbidden) return <ForbiddenPage title={title} error={forbidden} />;
  return (
    <Page title={title}>
      <p>
        <a href="/app/hr/ratings">{t('x.rt.cycle.back')}</a>
      </p>
      {closed && (
        <Notice tone="success">
          {t('hrRatings.closed', { id: closed.id, people: closed.people, recs: closed.recommendations })}
          {closed.leftOut.length > 0 &&
            ` ${t('x.rt.close.leftOut', { dims: closed.leftOut.map((c) => c.name).join(', ') })}`}
        </Notice>
      )}
      {imported && (
        <Notice tone="success">
          {t('x.rt.import.done', { n: imported.imported })}
          {imported.skipped.length > 0 &&
            ` ${t('x.rt.import.skipped', { n: imported.skipped.length })} ${imported.skipped.map((p) => t('x.rt.import.line', { line: p.line, message: p.message })).join('; ')}`}
        </Notice>
      )}
      <Loaded load={load}>
        {(c) => (
          <>
            <section class="card" id="cycle" data-cycle={c.id}>
              <h2>
                {c.scheme} · {c.unit}
              </h2>
              <p class="muted">
                {c.closedAt
                  ? t('hrRatings.closedOn', { date: formatDateTime(c.closedAt) })
                  : t('hrRatings.openUntil', { date: formatDateTime(c.closesAt) })}
              </p>
              <ExportDownload
                id="ratings-download"
                csv={`/api/exports/ratings?cycle=${c.id}&format=csv`}
                xlsx={`/api/exports/ratings?cycle=${c.id}&format=xlsx`}
              />
              <h3>{t('x.rt.cycle.coverage')}</h3>
              <ul class="list" id="coverage">
                {c.coverage.map((d) => (
                  <li data-dimension={d.key}>
                    <span class="row spread">
                      <span>{d.name}</span>
                      <strong>{t('x.rt.cycle.filled', { filled: d.filled, of: d.of })}</strong>
                    </span>
                    <div
                      class={`bar${d.filled < d.of ? ' missing' : ''}`}
                      role="img"
                      aria-label={`${d.name}: ${d.filled} / ${d.of}`}
                    >
                      <span style={{ width: `${d.of ? Math.round((100 * d.filled) / d.of) : 0}%` }} />
                    </div>
                  </li>
                ))}
              </ul>
              {c.noRater.length > 0 && (
                <>
                  <h3>{t('x.rt.cycle.noRater')}</h3>
                  <ul class="list" id="no-rater">
                    {c.noRater.map((n) => (
                      <li>{t('x.rt.cycle.noRaterLine', n)}</li>
                    ))}
                  </ul>
                </>
              )}
              {!c.closedAt && (
                <CloseCycle
                  cycleId={c.id}
                  label={t('hrRatings.close')}
                  onClosed={(r) => {
                    setImported(undefined);
                    setClosed(r);
                    reload();
                  }}
                />
              )}
            </section>
            {!c.closedAt && c.indicators.length > 0 && (
              <IndicatorImport
                cycleId={c.id}
                names={c.indicators.map((i) => i.name).join(', ')}
                onImported={(r) => {
                  setImported(r);
                  reload();
                }}
              />
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
