// What the data-layer bench times on one database: the pulse report as HR reads it (the domain function the
// bot's /report pulse calls, and the whole command through the core), the multi-wave trend, the same figures
// from one hand-written SQL aggregate, and a manager pressing "approve" as a platform event would arrive.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { registerApprovals } from '../../src/bot/features/approvals.js';
import { registerFlows } from '../../src/bot/features/flows.js';
import { registerFollowUps } from '../../src/bot/features/follow-ups.js';
import { registerOrg } from '../../src/bot/features/org.js';
import { registerPoints } from '../../src/bot/features/points.js';
import { registerPrivacy } from '../../src/bot/features/privacy.js';
import { registerRatings } from '../../src/bot/features/ratings.js';
import { registerSurveys } from '../../src/bot/features/surveys.js';
import { registerBasics } from '../../src/bot/basics.js';
import { createBotCore } from '../../src/bot/core.js';
import type { CoreResponse, InboundEvent } from '../../src/bot/port.js';
import { Router } from '../../src/bot/router.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/connection.js';
import { findByEmail, type Person } from '../../src/domain/org/employees.js';
import { buildPulseReport } from '../../src/domain/surveys/report.js';
import { pulseTrend } from '../../src/domain/surveys/trend.js';
import type { SurveyTemplate } from '../../src/domain/surveys/templates.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { sqlFor } from '../../tests/support/sql.js';
import { HR_EMAIL, type PendingClaim } from './fixture.js';

/** The figures both paths must agree on, per wave: participation, responses and dimension averages of the
 *  whole organisation; `responses` and `dims` undefined when K hides the wave. */
export interface WaveFigures {
  asked: number;
  answered: number;
  responses?: number;
  dims?: Record<string, number>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The hand-written aggregate: one statement, both dialects, over the waves `ids` (all waves when omitted).
 *  K as the report applies it: the wave's own, or a higher one set since. */
function handSql(ids: readonly number[] | undefined): { text: string; params: number[] } {
  const only = (col: string) => (ids ? `${col} in (${ids.map(() => '?').join(', ')})` : '1 = 1');
  const text = `
    with part as (
      select wave_id, sum(case when reachable then 1 else 0 end) as asked,
             sum(case when reachable and answered then 1 else 0 end) as answered
      from survey_participation where ${only('wave_id')} group by wave_id),
    resp as (
      select wave_id, count(*) as n from survey_responses
      where unit_id is not null and ${only('wave_id')} group by wave_id),
    raised as (select cast(value as integer) as k from settings where key = 'anonymity.k'),
    shown as (
      select resp.wave_id, resp.n from resp join survey_waves w on w.id = resp.wave_id
      where resp.n >= case when w.k >= coalesce((select k from raised), 0) then w.k else (select k from raised) end),
    dims as (
      select r.wave_id, i.dimension_id, sum(a.value) as total, count(*) as n
      from survey_responses r
      join survey_answers a on a.response_id = r.id
      join survey_items i on i.id = a.item_id
      where r.unit_id is not null and i.dimension_id is not null and ${only('r.wave_id')}
        and r.wave_id in (select wave_id from shown)
      group by r.wave_id, i.dimension_id)
    select part.wave_id as waveId, part.asked as asked, part.answered as answered, shown.n as responses,
           dims.dimension_id as dimensionId, dims.total as total, dims.n as n
    from part
    left join shown on shown.wave_id = part.wave_id
    left join dims on dims.wave_id = part.wave_id
    order by part.wave_id, dims.dimension_id`;
  return { text, params: ids ? [...ids, ...ids, ...ids] : [] };
}

export async function handFigures(
  db: Db,
  template: SurveyTemplate,
  ids?: readonly number[],
): Promise<Map<number, WaveFigures>> {
  const q = handSql(ids);
  const rows = await sqlFor(db).rows<Record<string, unknown>>(q.text, ...q.params);
  const dimKey = new Map(template.dimensions.map((d) => [d.id, d.key]));
  const out = new Map<number, WaveFigures>();
  for (const r of rows) {
    const waveId = Number(r.waveId);
    const f = out.get(waveId) ?? { asked: Number(r.asked), answered: Number(r.answered) };
    if (r.responses !== null) f.responses = Number(r.responses);
    if (r.dimensionId !== null)
      (f.dims ??= {})[dimKey.get(Number(r.dimensionId))!] = round2(Number(r.total) / Number(r.n));
    out.set(waveId, f);
  }
  return out;
}

/** Fails loudly: the bench is worthless if the two paths do not compute the same figures. */
export function assertSame(what: string, report: Map<number, WaveFigures>, hand: Map<number, WaveFigures>): void {
  const a = JSON.stringify([...report].sort((x, y) => x[0] - y[0]));
  const b = JSON.stringify([...hand].sort((x, y) => x[0] - y[0]));
  if (a !== b) {
    const first = [...report].find(([id, f]) => JSON.stringify(f) !== JSON.stringify(hand.get(id)));
    throw new Error(
      `${what}: the report and the hand-written SQL disagree, e.g. wave ${first?.[0]}: ` +
        `report ${JSON.stringify(first?.[1])} vs SQL ${JSON.stringify(first && hand.get(first[0]))}`,
    );
  }
}

export interface Bench {
  hr: Person;
  waveIds: number[];
  template: SurveyTemplate;
  handle(event: InboundEvent): Promise<CoreResponse>;
}

export async function benchOn(db: Db, waveIds: number[], template: SurveyTemplate): Promise<Bench> {
  const router = registerPrivacy(
    registerFlows(
      registerRatings(
        registerOrg(
          registerApprovals(registerPoints(registerFollowUps(registerSurveys(registerBasics(new Router()))))),
        ),
      ),
    ),
  );
  const config = loadConfig({ DATABASE_PATH: ':memory:' });
  const core = createBotCore({
    db,
    config,
    router,
    logger: pino({ level: 'silent' }),
    platforms: new Set(['sandbox']),
  });
  const hr = await findByEmail(db, HR_EMAIL);
  if (!hr) throw new Error('no HR person in the fixture');
  return { hr, waveIds, template, handle: (e) => core.handle(e) };
}

/** /report pulse's domain read of one wave (the latest when undefined), in a unit of work as the core runs it. */
export async function reportFigures(db: Db, b: Bench, waveId?: number): Promise<[number, WaveFigures]> {
  const r = await unitOfWork(db, async (tx) => await buildPulseReport(tx, { viewer: b.hr, waveId }));
  if (!r.ok) throw new Error(`report refused: ${r.code}`);
  const rep = r.report;
  const f: WaveFigures = { asked: rep.participation.asked, answered: rep.participation.answered };
  if (rep.visible) {
    f.responses = rep.responses;
    f.dims = Object.fromEntries(rep.dimensions.map((d) => [d.key, d.avg]));
  }
  return [rep.wave.id, f];
}

export async function trendFigures(db: Db, b: Bench): Promise<Map<number, WaveFigures>> {
  const r = await unitOfWork(db, async (tx) => await pulseTrend(tx, { viewer: b.hr }));
  if (!r.ok) throw new Error(`trend refused: ${r.code}`);
  return new Map(
    r.trend.waves.map((w) => {
      const f: WaveFigures = { asked: w.participation.asked, answered: w.participation.answered };
      if (w.visible)
        f.dims = Object.fromEntries(Object.entries(w.dims).filter((e): e is [string, number] => e[1] !== null));
      return [w.waveId, f];
    }),
  );
}

/** The whole command as HR types it: core → router → handler → report → card in the outbox. */
export async function reportCommand(b: Bench): Promise<void> {
  const user = String(b.hr.id);
  const r = await b.handle({
    type: 'command',
    platform: 'sandbox',
    eventId: randomUUID(),
    user: { platformUserId: user },
    replyTo: { kind: 'user', platformUserId: user },
    name: 'report',
    args: 'pulse',
  });
  if (r.outcome !== 'handled') throw new Error(`/report pulse: ${r.outcome}`);
}

/** The approver presses "approve" on each claim's card, one event after another. */
export async function pressApprove(b: Bench, claims: readonly PendingClaim[]): Promise<void> {
  for (const c of claims) {
    const user = String(c.approver);
    const r = await b.handle({
      type: 'action',
      platform: 'sandbox',
      eventId: randomUUID(),
      user: { platformUserId: user },
      replyTo: { kind: 'user', platformUserId: user },
      action: { k: 'approval.approve', id: String(c.id), v: String(c.version) },
    });
    if (r.outcome !== 'handled' || r.toast?.tone !== 'success')
      throw new Error(`approve #${c.id}: ${r.outcome} ${r.toast?.text ?? ''}`);
  }
}

/** Without the timing: every pressed claim is approved and each press left outbox rows. */
export async function checkPressed(db: Db, claims: readonly PendingClaim[], outboxBefore: number): Promise<number> {
  const sql = sqlFor(db);
  const ids = claims.map((c) => c.id);
  const approved = await sql.row<{ n: number }>(
    `select count(*) as n from approval_requests where status = 'approved' and id in (${ids.map(() => '?').join(', ')})`,
    ...ids,
  );
  if (Number(approved?.n) !== claims.length) throw new Error(`${approved?.n} of ${claims.length} claims approved`);
  const outbox = Number((await sql.row<{ n: number }>('select count(*) as n from outbox'))?.n);
  if (outbox - outboxBefore < claims.length) throw new Error('the presses wrote fewer outbox rows than presses');
  return outbox;
}

export async function outboxCount(db: Db): Promise<number> {
  return Number((await sqlFor(db).row<{ n: number }>('select count(*) as n from outbox'))?.n);
}
