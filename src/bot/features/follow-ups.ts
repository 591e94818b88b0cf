// /followup: record an issue found in a pulse result with an owner and a due date; the owner (or the
// creator, or HR) moves it along from the card; both copies of the card update in place.
import { followUpCard, followUpListCard, type FollowUpView } from '../../../cards/follow-up.js';
import { errorCard, refusalCard, usageCard } from '../../../cards/notice.js';
import type { Db } from '../../domain/unit-of-work.js';
import { findByEmail, getPerson, listActivePeople } from '../../domain/org/employees.js';
import { allUnits, findUnit, visibleUnitIds } from '../../domain/org/units.js';
import {
  createFollowUp,
  followUpsOf,
  getFollowUp,
  latestWaveId,
  setFollowUpStatus,
  type FollowUp,
  type FollowUpStatus,
} from '../../domain/surveys/follow-ups.js';
import { translator, type MessageKey, type Translate } from '../../i18n/index.js';
import type { HandlerContext } from '../context.js';
import type { Router } from '../router.js';
import { appUrl } from '../app-links.js';
import type { Config } from '../../config.js';
import type { Notifier } from '../../domain/notify.js';

async function view(db: Db, config: Config, f: FollowUp, actionable: boolean): Promise<FollowUpView> {
  const unit = f.unitId === null ? undefined : (await allUnits(db)).find((u) => u.id === f.unitId)?.name;
  return {
    id: f.id,
    title: f.title,
    owner: (await getPerson(db, f.ownerId))?.name ?? '?',
    dueDate: f.dueDate,
    unit,
    status: f.status,
    actionable,
    appUrl: appUrl(config, '/followups'),
  };
}

/** An owner by email, or by a name that matches exactly one active person. */
async function findOwner(db: Db, ref: string): Promise<number | undefined> {
  if (ref.includes('@')) {
    const p = await findByEmail(db, ref);
    return p?.active ? p.id : undefined;
  }
  const q = ref.trim().toLowerCase();
  const hits = (await listActivePeople(db)).filter((p) => p.name.toLowerCase().includes(q));
  return hits.length === 1 ? hits[0]!.id : undefined;
}

/** The owner and the creator each get the follow-up's card — from chat or from the mini-app alike. */
export async function sendFollowUp(db: Db, notify: Notifier, config: Config, f: FollowUp): Promise<void> {
  // The card's data is the same in every language: read it once, then render each copy.
  const v = await view(db, config, f, true);
  for (const employeeId of new Set([f.ownerId, f.createdBy])) {
    await notify.toEmployee(employeeId, (locale) => followUpCard(v, translator(locale)), {
      cardKey: `followup:${f.id}`,
    });
  }
}

/** Every copy of the card redrawn after a change, but the one the actor pressed (its answer redraws it). */
export async function redrawFollowUp(
  db: Db,
  notify: Notifier,
  config: Config,
  f: FollowUp,
  pressedBy?: number,
): Promise<void> {
  const v = await view(db, config, f, true);
  for (const employeeId of new Set([f.ownerId, f.createdBy])) {
    if (employeeId !== pressedBy)
      await notify.updateCard(`followup:${f.id}`, employeeId, (locale) => followUpCard(v, translator(locale)));
  }
}

async function add(ctx: HandlerContext, rest: string): Promise<void> {
  const err = (key: MessageKey, params?: Record<string, string>) => ctx.reply(errorCard(ctx.t(key, params), ctx.t));
  const parts = rest.split(/[;；|]/).map((s) => s.trim());
  if (parts.length < 3) return ctx.reply(usageCard(ctx.t('followup.usage'), ctx.t));
  const [title, ownerRef, due, unitRef] = parts as [string, string, string, string | undefined];
  const ownerId = await findOwner(ctx.db, ownerRef);
  if (ownerId === undefined) return err('followup.error.owner', { owner: ownerRef });
  const units = await allUnits(ctx.db);
  const visible = visibleUnitIds(units, ctx.person);
  let unitId: number | null = null;
  if (unitRef) {
    const unit = findUnit(units, unitRef);
    if (!unit) return err('survey.error.unknownUnit', { unit: unitRef });
    if (!visible.has(unit.id)) return ctx.reply(refusalCard(ctx.t('report.error.forbidden'), ctx.t));
    unitId = unit.id;
  } else if (!ctx.person.roles.includes('hr') && !ctx.person.roles.includes('admin')) {
    unitId = units.find((u) => u.headEmployeeId === ctx.person.id)?.id ?? null;
  }
  const today = ctx.now.toISOString().slice(0, 10);
  const r = await createFollowUp(ctx.db, {
    title,
    ownerId,
    dueDate: due,
    waveId: (await latestWaveId(ctx.db)) ?? null,
    unitId,
    creator: ctx.person,
    today,
  });
  if (!r.ok) return err(`followup.error.${r.code}` as MessageKey);
  await sendFollowUp(ctx.db, ctx.notify, ctx.config, r.followUp);
}

async function list(ctx: HandlerContext, t: Translate): Promise<void> {
  const items = await Promise.all(
    (await followUpsOf(ctx.db, ctx.person.id)).map(async (f) => await view(ctx.db, ctx.config, f, false)),
  );
  await ctx.reply(followUpListCard(items, t, appUrl(ctx.config, '/followups')));
}

export function registerFollowUps(router: Router): Router {
  return router
    .command({
      name: 'followup',
      aliases: ['跟进', 'follow-up'],
      roles: ['hr', 'admin', 'manager'],
      summary: 'cmd.followup.summary',
      async run(ctx, args) {
        const m = /^(\S+)\s*([\s\S]*)$/.exec(args);
        const sub = m?.[1]?.toLowerCase() ?? '';
        if (sub === 'add' || sub === '新增') return await add(ctx, m?.[2] ?? '');
        return await list(ctx, ctx.t);
      },
    })
    .action({
      k: 'followup.status',
      async run(ctx, action) {
        const status = action.v as FollowUpStatus;
        const id = Number(action.id);
        if (
          !['open', 'in_progress', 'done'].includes(status) ||
          !Number.isInteger(id) ||
          !(await getFollowUp(ctx.db, id))
        ) {
          return {
            outcome: 'handled',
            card: errorCard(ctx.t('error.cardExpired.body'), ctx.t),
            toast: { text: ctx.t('error.cardExpired.toast'), tone: 'warning' },
          };
        }
        const r = await setFollowUpStatus(ctx.db, id, status, ctx.person);
        if (!r.ok) return { outcome: 'invalid', toast: { text: ctx.t('error.forbidden'), tone: 'error' } };
        await redrawFollowUp(ctx.db, ctx.notify, ctx.config, r.followUp, ctx.person.id);
        return {
          outcome: 'handled',
          card: followUpCard(await view(ctx.db, ctx.config, r.followUp, true), ctx.t),
          toast: { text: ctx.t(`followup.status.${status}`), tone: 'success' },
        };
      },
    });
}
