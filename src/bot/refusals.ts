// Refusals that say what the person may do instead, where "instead" depends on who they are. Each matches
// what the command really allows (the rule lives next to the command; this only words it).
import { refusalCard } from '../../cards/notice.js';
import type { CardView } from '../../cards/view.js';
import type { UnitNode } from '../domain/org/units.js';
import type { HandlerContext } from './context.js';

/**
 * `/points top <unit>` for a unit outside the person's reach. The leaderboard allows (points.ts,
 * leaderboardReply): HR any unit; anyone their own unit; a manager also the teams they lead.
 */
export function leaderboardRefusal(
  ctx: Pick<HandlerContext, 'person' | 't'>,
  units: readonly UnitNode[],
  asked: UnitNode,
): CardView {
  const own = units.find((u) => u.id === ctx.person.unitId)?.name ?? '—';
  const led = units.filter((u) => u.headEmployeeId === ctx.person.id && u.id !== ctx.person.unitId).map((u) => u.name);
  const instead = led.length
    ? ctx.t('points.top.insteadLead', { unit: own, units: led.join(ctx.t('list.separator')) })
    : ctx.t('points.top.insteadOwn', { unit: own });
  return refusalCard(ctx.t('points.top.refused', { unit: asked.name }), ctx.t, instead);
}
