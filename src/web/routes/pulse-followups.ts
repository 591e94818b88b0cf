// Follow-up actions in the app: the list of mine (HR: everyone's, filtered by status), creating one (a
// manager assigns within their own teams, HR anyone) and moving one along (owner, creator or HR — the
// domain's rule, the same as the chat card's). The owner gets the same `followup:<id>` card `/followup`
// sends, and a status change redraws every copy of it, as a tap on the card does.
import type { FastifyInstance } from 'fastify';
import { unitOfWork, type Db } from '../../domain/unit-of-work.js';
import { getPerson } from '../../domain/org/employees.js';
import { activePeopleIn } from '../../domain/org/people-in-units.js';
import { allUnits, visibleUnitIds, type UnitNode } from '../../domain/org/units.js';
import {
  createFollowUp,
  followUpsOf,
  getFollowUp,
  listFollowUps,
  setFollowUpStatus,
  type FollowUp,
} from '../../domain/surveys/follow-ups.js';
import { getTemplate } from '../../domain/surveys/templates.js';
import { latestWaves } from '../../domain/surveys/wave-list.js';
import { getWave } from '../../domain/surveys/waves.js';
import { type MessageKey } from '../../i18n/index.js';
import { redrawFollowUp, sendFollowUp } from '../../bot/features/follow-ups.js';
import { isHr, notifierOf, requireManager, viewerOf, type WebDeps, type Viewer } from '../context.js';
import { ApiError, fieldError } from '../errors.js';
import { serve } from '../serve.js';

/** People a viewer may make owner of a follow-up: HR anyone active, a manager the people of their teams. */
async function assignable(
  db: Db,
  v: Viewer,
  units: readonly UnitNode[],
): Promise<{ id: number; name: string; unit: string | null }[]> {
  const names = new Map(units.map((u) => [u.id, u.name]));
  return (await activePeopleIn(db, isHr(v.person) ? 'all' : [...visibleUnitIds(units, v.person)])).map((p) => ({
    id: p.id,
    name: p.name,
    unit: p.unitId === null ? null : (names.get(p.unitId) ?? null),
  }));
}

export function registerPulseFollowUpRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();

  const json = async (f: FollowUp, v: Viewer, units: readonly UnitNode[]) => ({
    id: f.id,
    title: f.title,
    owner: { id: f.ownerId, name: (await getPerson(db, f.ownerId))?.name ?? '?' },
    createdBy: { id: f.createdBy, name: (await getPerson(db, f.createdBy))?.name ?? '?' },
    dueDate: f.dueDate,
    status: f.status,
    unit: f.unitId === null ? null : (units.find((u) => u.id === f.unitId)?.name ?? null),
    waveId: f.waveId,
    updatedAt: f.updatedAt,
    // The domain's rule (setFollowUpStatus), shown so the page offers only what will work.
    canChange: f.ownerId === v.person.id || f.createdBy === v.person.id || isHr(v.person),
  });

  // Everyone may list their own (an owner need not be a manager); HR may list all, or anyone's.
  serve(api, 'GET /followups', async (req, _reply, input) => {
    const v = viewerOf(req);
    const q = input.query();
    const hr = isHr(v.person);
    if (!hr && (q.all === '1' || (q.ownerId !== undefined && q.ownerId !== v.person.id)))
      throw new ApiError(403, v.t('pulseAdmin.error.othersFollowUps'), 'forbidden');
    const units = await allUnits(db);
    const rows =
      hr && (q.all === '1' || q.ownerId !== undefined)
        ? await listFollowUps(db, { status: q.status, ownerId: q.ownerId })
        : (await followUpsOf(db, v.person.id))
            .filter(
              (f) => (q.status ? f.status === q.status : true) && (q.ownerId === undefined || f.ownerId === q.ownerId),
            )
            .sort((a, b) => b.id - a.id);
    return { followUps: await Promise.all(rows.map(async (f) => await json(f, v, units))), all: hr && q.all === '1' };
  });

  serve(api, 'GET /followups/options', async (req) => {
    const v = viewerOf(req);
    await requireManager(db, v);
    const units = await allUnits(db);
    const visible = visibleUnitIds(units, v.person);
    const waves = await latestWaves(db, 20);
    return {
      owners: await assignable(db, v, units),
      units: units.filter((u) => visible.has(u.id)).map((u) => ({ id: u.id, name: u.name, path: u.path })),
      waves: await Promise.all(
        waves.map(async (w) => ({
          id: w.id,
          title: (await getTemplate(db, w.templateId))?.name[v.locale] ?? '',
          openedAt: w.openedAt,
        })),
      ),
      today: now().toISOString().slice(0, 10),
    };
  });

  serve(api, 'POST /followups', async (req, _reply, input) => {
    const v = viewerOf(req);
    await requireManager(db, v);
    const body = input.body();
    const units = await allUnits(db);
    const visible = visibleUnitIds(units, v.person);
    const owner = await getPerson(db, body.ownerId);
    if (!owner?.active) throw fieldError(v.t, { ownerId: v.t('pulseAdmin.field.ownerUnknown') });
    // A manager assigns only inside the teams they lead (HR sees every unit, so anyone).
    const inMyTeams = owner.unitId !== null && visible.has(owner.unitId);
    if (!inMyTeams && !isHr(v.person)) throw fieldError(v.t, { ownerId: v.t('pulseAdmin.field.ownerOutside') });
    if (body.unitId !== null && !visible.has(body.unitId))
      throw fieldError(v.t, { unitId: v.t('pulseAdmin.field.unitOutside') });
    if (body.waveId !== null && !(await getWave(db, body.waveId)))
      throw fieldError(v.t, { waveId: v.t('survey.error.unknown_wave') });
    // Like `/followup add`: a manager's follow-up belongs to the unit they head unless another is named.
    const unitId =
      body.unitId ?? (isHr(v.person) ? null : (units.find((u) => u.headEmployeeId === v.person.id)?.id ?? null));
    const r = await unitOfWork(db, async (tx) => {
      const res = await createFollowUp(tx, {
        ...body,
        unitId,
        creator: v.person,
        today: now().toISOString().slice(0, 10),
      });
      if (res.ok) {
        await sendFollowUp(tx, notifierOf(deps), deps.config, res.followUp);
      }
      return res;
    });
    deps.worker.kick();
    if (!r.ok) {
      const field = r.code === 'bad_due_date' ? 'dueDate' : 'title';
      throw fieldError(v.t, { [field]: v.t(`followup.error.${r.code}` as MessageKey) });
    }
    return { followUp: await json(r.followUp, v, units) };
  });

  serve(api, 'POST /followups/:id/status', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const { status } = input.body();
    if (!(await getFollowUp(db, id))) throw new ApiError(404, v.t('pulseAdmin.error.followUpNotFound'), 'not_found');
    const units = await allUnits(db);
    const r = await unitOfWork(db, async (tx) => {
      const res = await setFollowUpStatus(tx, id, status, v.person);
      if (res.ok) {
        // Every chat copy is redrawn — including the actor's own, which no card action refreshed here.
        await redrawFollowUp(tx, notifierOf(deps), deps.config, res.followUp);
      }
      return res;
    });
    deps.worker.kick();
    if (!r.ok)
      throw new ApiError(
        r.code === 'forbidden' ? 403 : 404,
        v.t(r.code === 'forbidden' ? 'error.forbidden' : 'pulseAdmin.error.followUpNotFound'),
        r.code,
      );
    return { followUp: await json(r.followUp, v, units) };
  });
}
