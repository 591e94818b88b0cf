// Development paths in the mini-app (issue 25 §4): HR defines and edits paths; a person sees their stage and
// courses; HR or a manager assigns a path to someone they lead; the person, their manager or HR marks a course
// completed (a stage move tells the person through the outbox); the team page lists the team's progress.
import type { FastifyInstance } from 'fastify';
import {
  assignPath,
  markPathCourse,
  progressOf,
  teamProgress,
  viewProgress,
  type PathProgress,
} from '../../domain/growth/path-enrolments.js';
import { courseNames, enrolledCounts, loadPaths, savePath } from '../../domain/growth/paths.js';
import { getPerson, listActivePeople } from '../../domain/org/employees.js';
import { listCourses } from '../../domain/ratings/courses.js';
import { leadsOrIs } from '../../domain/ratings/access.js';
import { unitOfWork, type Db } from '../../domain/unit-of-work.js';
import type { MessageKey } from '../../i18n/index.js';
import { companyToday, publishStageMove } from '../../bot/features/paths.js';
import { isHr, notifierOf, requireHr, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError, InvalidInput } from '../errors.js';
import { serve } from '../serve.js';

async function progressJson(db: Db, v: Viewer, p: PathProgress) {
  const en = v.locale === 'en';
  const names = await courseNames(
    db,
    p.path.stages.flatMap((s) => s.courseIds),
  );
  const markers = new Map<number, string>();
  for (const { markedBy } of p.completed.values())
    if (!markers.has(markedBy)) markers.set(markedBy, (await getPerson(db, markedBy))?.name ?? '?');
  return {
    path: en ? p.path.nameEn : p.path.nameZh,
    role: p.path.role,
    startedOn: p.enrolment.startedOn,
    finishedAt: p.enrolment.finishedAt,
    stage: p.status.stage,
    behind: p.status.behind,
    done: p.status.done,
    total: p.status.total,
    monthsElapsed: p.status.monthsElapsed,
    stages: p.path.stages.map((s, i) => ({
      name: en ? s.nameEn : s.nameZh,
      fromMonth: s.fromMonth,
      toMonth: s.toMonth,
      state:
        i < p.status.stage ? ('done' as const) : i === p.status.stage ? ('current' as const) : ('upcoming' as const),
      courses: s.courseIds.map((id) => {
        const c = names.get(id);
        const done = p.completed.get(id);
        return {
          id,
          name: c ? (en ? c.nameEn : c.nameZh) : `#${id}`,
          url: c?.url ?? null,
          completedAt: done?.completedAt ?? null,
          markedBy: done ? (markers.get(done.markedBy) ?? null) : null,
        };
      }),
    })),
  };
}

export function registerPathRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const today = async () => await companyToday(db, config, now());

  serve(api, 'GET /hr/paths', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const counts = await enrolledCounts(db);
    return {
      paths: (await loadPaths(db)).map((p) => ({
        id: p.id,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        role: p.role,
        active: p.active,
        enrolled: counts.get(p.id) ?? 0,
        stages: p.stages.map((s) => ({
          nameZh: s.nameZh,
          nameEn: s.nameEn,
          fromMonth: s.fromMonth,
          toMonth: s.toMonth,
          courseIds: s.courseIds,
        })),
      })),
      courses: (await listCourses(db)).map((c) => ({ id: c.id, name: v.locale === 'en' ? c.nameEn : c.nameZh })),
    };
  });

  const save = async (v: Viewer, id: number | undefined, body: unknown) => {
    const r = await unitOfWork(db, async (tx) => await savePath(tx, { id, body, actor: v.person, now: now() }));
    if (r.ok) return { id: r.id };
    if (r.code === 'invalid') throw new InvalidInput(r.issues);
    throw new ApiError(r.code === 'forbidden' ? 403 : 404, v.t(`path.error.${r.code}`), r.code);
  };
  serve(api, 'POST /hr/paths', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    return await save(v, undefined, input.body());
  });
  serve(api, 'PUT /hr/paths/:id', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    return await save(v, input.params().id, input.body());
  });

  serve(api, 'GET /path', async (req, _reply, input) => {
    const v = viewerOf(req);
    const subjectId = input.query().person ?? v.person.id;
    const r = await unitOfWork(
      db,
      async (tx) => await viewProgress(tx, { viewer: v.person, employeeId: subjectId, today: await today() }),
    );
    if (!r.ok) throw new ApiError(403, v.t('path.error.not_found'), 'forbidden');
    const person = (await getPerson(db, subjectId))!;
    return {
      person: { id: person.id, name: person.name },
      own: subjectId === v.person.id,
      // The person, their managers, the head of their unit and HR may mark (leadsOrIs: whoever may see it).
      canMark: r.progress !== undefined && r.progress.enrolment.finishedAt === null,
      progress: r.progress ? await progressJson(db, v, r.progress) : null,
    };
  });

  serve(api, 'POST /path/assign', async (req, _reply, input) => {
    const v = viewerOf(req);
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) =>
        await assignPath(tx, {
          actor: v.person,
          employeeId: body.employeeId,
          pathId: body.pathId,
          startedOn: body.startedOn || undefined,
          today: await today(),
          now: now(),
        }),
    );
    if (r.ok) return { id: r.enrolmentId };
    const name = (await getPerson(db, body.employeeId))?.name ?? '';
    const message = v.t(`path.error.${r.code}` as MessageKey, { name });
    if (r.code === 'bad_date') throw new ApiError(400, message, r.code, { startedOn: message });
    throw new ApiError(r.code === 'not_found' ? 404 : r.code === 'forbidden' ? 403 : 409, message, r.code);
  });

  serve(api, 'POST /path/mark', async (req, _reply, input) => {
    const v = viewerOf(req);
    const body = input.body();
    const r = await unitOfWork(db, async (tx) => {
      const marked = await markPathCourse(tx, { actor: v.person, ...body, now: now() });
      if (marked.ok) await publishStageMove(tx, notifierOf(deps), config, marked.marked, now());
      return marked;
    });
    if (!r.ok) {
      const message = v.t(`path.error.${r.code}` as MessageKey, { n: (r.stage ?? 0) + 1 });
      throw new ApiError(r.code === 'not_found' ? 404 : 409, message, r.code);
    }
    deps.worker.kick();
    return { stage: r.marked.to, moved: r.marked.moved, finished: r.marked.finished };
  });

  serve(api, 'GET /team/paths', async (req) => {
    const v = viewerOf(req);
    const en = v.locale === 'en';
    const day = await today();
    const team = await teamProgress(db, v.person, day);
    const on = new Set(team.map((x) => x.person.id));
    const unassigned = [];
    for (const p of await listActivePeople(db))
      if (p.id !== v.person.id && !on.has(p.id) && (await leadsOrIs(db, v.person, p.id)))
        if (!(await progressOf(db, p.id, day))) unassigned.push({ id: p.id, name: p.name });
    if (team.length === 0 && unassigned.length === 0 && !isHr(v.person))
      throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
    return {
      people: team.map(({ person, progress: p }) => {
        const s = p.path.stages[p.status.stage];
        return {
          id: person.id,
          name: person.name,
          path: en ? p.path.nameEn : p.path.nameZh,
          stage: p.status.stage,
          stages: p.path.stages.length,
          stageName: s ? (en ? s.nameEn : s.nameZh) : null,
          done: p.status.done,
          total: p.status.total,
          behind: p.status.behind,
          finished: p.status.finished,
        };
      }),
      unassigned,
      paths: (await loadPaths(db)).filter((p) => p.active).map((p) => ({ id: p.id, name: en ? p.nameEn : p.nameZh })),
    };
  });
}
