// Report exports for the mini-app's download control: the pulse report, the points ledger and its
// distribution by unit and by tag, a rating cycle's named results, and approval turnaround — as CSV or
// XLSX, headers in the viewer's language. Each checks the same access as its report page, refuses an empty
// period with a message rather than an empty file, and is written to the audit log with what was read.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatDate } from '../../../cards/survey.js';
import { approvalsReport } from '../../domain/approvals/turnaround.js';
import { audit } from '../../domain/audit.js';
import { periodOf } from '../../domain/exports/period.js';
import { ledgerRows, pulseRows, ratingsRows } from '../../domain/exports/reads.js';
import type { ExportFormat, Table } from '../../domain/exports/table.js';
import {
  byTagTable,
  byUnitTable,
  ledgerTable,
  pulseTable,
  ratingsTable,
  turnaroundTable,
  valueSourcesTable,
} from '../../domain/exports/tables.js';
import { writeTable } from '../../domain/exports/write.js';
import { hourlyCost } from '../../domain/points/hourly-cost.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { isHr, requireHr, requireManager, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

/** RFC 6266: an ASCII name for old clients, the real one (it may hold 中文) in filename*. */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

async function send(reply: FastifyReply, table: Table, format: ExportFormat, basename: string) {
  const file = await writeTable(table, format, basename);
  return reply.type(file.contentType).header('content-disposition', disposition(file.filename)).send(file.body);
}

export function registerExportRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const actor = (v: Viewer) => ({ kind: 'employee', employeeId: v.person.id }) as const;

  // The pulse report (HR, like its CSV in hr.ts): published groups only, so K holds in the file too.
  serve(api, 'GET /exports/pulse', async (req, reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { wave, format } = input.query();
    const r = await unitOfWork(db, async (tx) => {
      const rows = await pulseRows(tx, wave);
      if (rows.ok && rows.rows.units.length)
        await audit(tx, actor(v), 'survey.report.export', `wave:${wave}`, { format });
      return rows;
    });
    if (!r.ok && r.code === 'unknown_wave') throw new ApiError(404, v.t('survey.error.unknown_wave'), 'not_found');
    if (!r.ok)
      throw new ApiError(
        409,
        v.t('report.csv.open', { wave, date: formatDate(r.wave.closesAt, v.locale, config.defaultTimezone) }),
        'open',
      );
    if (!r.rows.units.length) throw new ApiError(404, v.t('export.error.empty.pulse', { wave }), 'empty');
    return await send(reply, pulseTable(r.rows, v.t, v.locale), format, `pulse-wave-${wave}`);
  });

  // The points ledger names everyone's entries: HR only. The distributions are sums of the same rows.
  serve(api, 'GET /exports/points', async (req, reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { from, to, view, format } = input.query();
    const period = periodOf(from, to, config.defaultTimezone);
    if (!period.ok)
      throw new ApiError(400, v.t('export.error.period', { from, to }), 'invalid', {
        to: v.t('export.error.period', { from, to }),
      });
    const rows = await unitOfWork(db, async (tx) => {
      const rows = await ledgerRows(tx, period.start, period.until, config.defaultTimezone);
      if (rows.length) await audit(tx, actor(v), 'report.export', `points:${view}:${from}..${to}`, { format });
      return rows;
    });
    if (!rows.length) throw new ApiError(404, v.t('export.error.empty.points', { from, to }), 'empty');
    const table =
      view === 'units'
        ? byUnitTable(rows, v.t)
        : view === 'tags'
          ? byTagTable(rows, v.t, v.locale)
          : view === 'value'
            ? valueSourcesTable(rows, v.t, v.locale, await hourlyCost(db))
            : ledgerTable(rows, v.t, v.locale);
    return await send(reply, table, format, `points-${view}-${from}-${to}`);
  });

  // Where value comes from: the same rows as the points export, summed by unit and tag, read on the page.
  serve(api, 'GET /hr/value', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { from, to } = input.query();
    const period = periodOf(from, to, config.defaultTimezone);
    if (!period.ok)
      throw new ApiError(400, v.t('export.error.period', { from, to }), 'invalid', {
        to: v.t('export.error.period', { from, to }),
      });
    const rows = await ledgerRows(db, period.start, period.until, config.defaultTimezone);
    const cost = await hourlyCost(db);
    const table = valueSourcesTable(rows, v.t, v.locale, cost);
    // After the unit, its people and one column per tag; money and hours follow (three or four columns).
    return { ...table, pointsColumn: table.headers.length - (cost === undefined ? 3 : 4) };
  });

  // Named results: no K, but the ratings access rules — HR everyone, a manager their reports, others nothing.
  serve(api, 'GET /exports/ratings', async (req, reply, input) => {
    const v = viewerOf(req);
    if (!isHr(v.person)) await requireManager(db, v);
    const { cycle, format } = input.query();
    const r = await unitOfWork(db, async (tx) => {
      const r = await ratingsRows(tx, v.person, cycle);
      if (r.ok && r.rows.people.length)
        await audit(tx, actor(v), 'report.export', `cycle:${cycle}`, { format, people: r.rows.people.length });
      return r;
    });
    if (!r.ok) throw new ApiError(404, v.t('rating.error.unknown_cycle'), 'not_found');
    if (!r.rows.people.length) throw new ApiError(404, v.t('export.error.empty.ratings', { cycle }), 'empty');
    return await send(reply, ratingsTable(r.rows, v.t, v.locale), format, `ratings-cycle-${cycle}`);
  });

  // Approval turnaround per flow over the last N days, as the turnaround page shows it (HR only).
  serve(api, 'GET /exports/turnaround', async (req, reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { days, format } = input.query();
    const r = await unitOfWork(db, async (tx) => {
      const r = await approvalsReport(tx, {
        viewer: v.person,
        days,
        now: now(),
        overdueAfterMs: config.approvals.remindAfterHours * 60 * 60 * 1000,
      });
      if (r.ok && r.report.flows.length) await audit(tx, actor(v), 'report.export', `days:${days}`, { format });
      return r;
    });
    if (!r.ok) throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
    if (!r.report.flows.length) throw new ApiError(404, v.t('export.error.empty.turnaround', { days }), 'empty');
    return await send(reply, turnaroundTable(r.report.flows, v.t, v.locale), format, `turnaround-${days}d`);
  });
}
