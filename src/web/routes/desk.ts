// The desks (issue 23 item 2): HR's home over the whole organisation and a manager's over the units they
// head. Every figure comes from the domain's own read models — wave participation (waveStatus,
// participationIn: counts only), waiting requests (waitingByFlow: the turnaround report's counting),
// follow-ups (followUpsDue) and the last closed wave's pulse report (buildPulseReport: K-protected, and the
// view audited) — this only picks the scope and words it in the reader's language.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { deskSchema } from '../../contract/desk.js';
import { waitingByFlow } from '../../domain/approvals/waiting.js';
import { getPerson } from '../../domain/org/employees.js';
import { allUnits, subtreeIds, visibleUnitIds, type UnitNode } from '../../domain/org/units.js';
import { listFollowUps } from '../../domain/surveys/follow-ups.js';
import { DUE_WITHIN_DAYS, followUpsDue } from '../../domain/surveys/follow-ups-due.js';
import { buildPulseReport } from '../../domain/surveys/report.js';
import { participationIn, waveUnits } from '../../domain/surveys/results.js';
import { getTemplate } from '../../domain/surveys/templates.js';
import { latestWaves } from '../../domain/surveys/wave-list.js';
import { waveStatus } from '../../domain/surveys/wave-status.js';
import { getWave, isOpen, type Wave } from '../../domain/surveys/waves.js';
import { unitOfWork, type Db } from '../../domain/unit-of-work.js';
import { isHr, requireHr, requireManager, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { serve } from '../serve.js';

type Desk = z.input<typeof deskSchema>;

/** How far back the desk looks for open waves and the last closed one (waves, newest first). */
const WAVES_LOOKED_AT = 50;
/** Follow-ups listed by name on the desk (the counts cover all of them). */
const FOLLOW_UPS_LISTED = 8;

/** The units of a scope that are not under another of its units: a manager's top units, HR's root. */
function topUnits(units: readonly UnitNode[], scope: ReadonlySet<number>): UnitNode[] {
  return units.filter((u) => scope.has(u.id) && (u.parentId === null || !scope.has(u.parentId)));
}

const ref = (u: UnitNode) => ({ id: u.id, name: u.name, path: u.path });

async function openWaves(db: Db, v: Viewer, waves: readonly Wave[], now: Date): Promise<Desk['openWaves']> {
  const out: Desk['openWaves'] = [];
  for (const wave of waves.filter((w) => isOpen(w, now))) {
    const units = await waveUnits(db, wave);
    const scope = visibleUnitIds(units, v.person);
    if (scope.size === 0) continue;
    const status = await waveStatus(db, wave, now);
    const shown = status.units.filter((u) => scope.has(u.unitId));
    // HR: the wave's own totals (the wave page's); a manager: the people placed in their units only.
    const participation = isHr(v.person)
      ? { asked: status.asked, answered: status.answered, rate: status.rate }
      : await participationIn(db, wave, scope);
    if (participation.asked === 0) continue;
    const top = Math.min(...shown.map((u) => u.depth));
    out.push({
      id: wave.id,
      title: (await getTemplate(db, wave.templateId))?.name[v.locale] ?? '',
      closesAt: wave.closesAt.toISOString(),
      k: status.k,
      participation,
      units: shown.map((u) => ({ ...u, depth: u.depth - top })),
    });
  }
  return out;
}

/** The last published wave that asked people in the viewer's units (HR: the last published wave): its
 *  report for each top unit of the viewer's scope in that wave's own tree. */
async function headlines(db: Db, v: Viewer, waves: readonly Wave[]): Promise<Desk['headlines']> {
  let wave: Wave | undefined;
  let tops: UnitNode[] = [];
  for (const w of waves.filter((x) => x.published)) {
    const units = await waveUnits(db, w);
    // A wave's tree holds units its audience left out: only the viewer's units where it asked someone.
    tops = [];
    for (const u of topUnits(units, visibleUnitIds(units, v.person)))
      if ((await participationIn(db, w, subtreeIds(units, u.id))).asked > 0) tops.push(u);
    if (tops.length > 0) {
      wave = w;
      break;
    }
  }
  if (!wave) return [];
  const out: Desk['headlines'] = [];
  for (const unit of tops) {
    const r = await unitOfWork(
      db,
      async (tx) => await buildPulseReport(tx, { viewer: v.person, waveId: wave.id, unitId: unit.id }),
    );
    if (!r.ok) continue;
    const p = r.report;
    out.push({
      waveId: p.wave.id,
      title: p.template.name[v.locale],
      closedAt: (p.wave.closedAt ?? p.wave.closesAt).toISOString(),
      unit: ref(p.unit),
      k: p.k,
      participation: p.participation,
      visible: p.visible,
      hidden: p.hidden ?? null,
      responses: p.responses ?? null,
      dimensions: p.dimensions.map((d) => ({
        key: d.key,
        name: d.name[v.locale],
        avg: d.avg,
        previousAvg: d.previousAvg ?? null,
      })),
      lowest: p.lowest.map((i) => ({ text: i.text[v.locale], avg: i.avg })),
    });
  }
  return out;
}

async function desk(deps: WebDeps, v: Viewer): Promise<Desk> {
  const { db, config } = deps;
  const now = deps.now?.() ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const hr = isHr(v.person);
  const units = await allUnits(db);
  const scope = visibleUnitIds(units, v.person);
  const waves = (
    await Promise.all((await latestWaves(db, WAVES_LOOKED_AT)).map(async (w) => await getWave(db, w.id)))
  ).flatMap((w) => w ?? []);

  const overdueHours = config.approvals.remindAfterHours;
  const flows = await waitingByFlow(db, {
    now,
    overdueAfterMs: overdueHours * 3_600_000,
    approverId: hr ? undefined : v.person.id,
  });

  // HR: every follow-up; a manager: those recorded for one of their units.
  const followUps = (await listFollowUps(db)).filter((f) => hr || (f.unitId !== null && scope.has(f.unitId)));
  const due = followUpsDue(followUps, today);
  const unitName = new Map(units.map((u) => [u.id, u.name]));

  return {
    scope: hr ? 'organisation' : 'subtree',
    units: topUnits(units, scope).map(ref),
    today,
    openWaves: await openWaves(db, v, waves, now),
    requests: { overdueHours, flows: flows.map((f) => ({ ...f, name: f.name[v.locale] })) },
    followUps: {
      dueWithinDays: DUE_WITHIN_DAYS,
      open: due.open,
      due: due.due,
      overdue: due.overdue,
      items: await Promise.all(
        due.items.slice(0, FOLLOW_UPS_LISTED).map(async (f) => ({
          id: f.id,
          title: f.title,
          owner: (await getPerson(db, f.ownerId))?.name ?? '?',
          unit: f.unitId === null ? null : (unitName.get(f.unitId) ?? null),
          dueDate: f.dueDate,
          status: f.status,
          overdue: f.dueDate < today,
        })),
      ),
    },
    headlines: await headlines(db, v, waves),
  };
}

export function registerDeskRoutes(api: FastifyInstance, deps: WebDeps): void {
  serve(api, 'GET /hr/desk', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    return await desk(deps, v);
  });

  serve(api, 'GET /team/desk', async (req) => {
    const v = viewerOf(req);
    await requireManager(deps.db, v);
    return await desk(deps, v);
  });
}
