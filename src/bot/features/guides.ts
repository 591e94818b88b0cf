// /guide: the person's first-run guide for their role, one card per step with Back / Next and "Don't show again"
// (issue 25 §5). A press redraws the card in place and records the step; a repeated press (a double click, a
// platform retry) lands on the same step again. A step past the end finishes the guide.
import { guideCard, GUIDE_DISMISS_ACTION, GUIDE_STEP_ACTION } from '../../../cards/guide.js';
import { confirmationCard } from '../../../cards/notice.js';
import type { CardView } from '../../../cards/view.js';
import { clampStep, GUIDES, type GuideRole } from '../../domain/guides/guides.js';
import { guideRoleFor, saveGuideState } from '../../domain/guides/guide-state.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { appUrl } from '../app-links.js';
import type { CoreResponse } from '../port.js';
import type { HandlerContext } from '../context.js';
import type { Router } from '../router.js';

function stepCard(ctx: HandlerContext, role: GuideRole, step: number): CardView {
  const steps = GUIDES[role];
  const s = steps[step]!;
  return guideCard(
    {
      key: s.key,
      step,
      total: steps.length,
      command: s.command,
      appUrl: s.appPath ? appUrl(ctx.config, s.appPath) : undefined,
    },
    ctx.t,
  );
}

async function pressStep(ctx: HandlerContext, raw: string | undefined): Promise<CoreResponse> {
  const role = await guideRoleFor(ctx.db, ctx.person);
  const asked = Number(raw);
  if (!Number.isInteger(asked) || asked < 0)
    return { outcome: 'invalid', toast: { text: ctx.t('error.cardExpired.toast'), tone: 'error' } };
  // Past the last step: the guide is done (remembered as read to its end, not as dismissed).
  if (asked >= GUIDES[role].length) {
    await unitOfWork(ctx.db, async (tx) => await saveGuideState(tx, ctx.person.id, { step: asked }, ctx.now));
    return { outcome: 'handled', card: confirmationCard(ctx.t('guide.done'), ctx.t('guide.finished')) };
  }
  const step = clampStep(role, asked);
  await unitOfWork(ctx.db, async (tx) => await saveGuideState(tx, ctx.person.id, { step }, ctx.now));
  return { outcome: 'handled', card: stepCard(ctx, role, step) };
}

export function registerGuides(router: Router): Router {
  return router
    .command({
      name: 'guide',
      aliases: ['引导', '指南'],
      summary: 'cmd.guide.summary',
      async run(ctx) {
        // Always from the first step: someone asking for the guide wants it from the start.
        const role = await guideRoleFor(ctx.db, ctx.person);
        await unitOfWork(ctx.db, async (tx) => await saveGuideState(tx, ctx.person.id, { step: 0 }, ctx.now));
        await ctx.reply(stepCard(ctx, role, 0));
      },
    })
    .action({ k: GUIDE_STEP_ACTION, run: async (ctx, action) => await pressStep(ctx, action.id) })
    .action({
      k: GUIDE_DISMISS_ACTION,
      async run(ctx) {
        await unitOfWork(ctx.db, async (tx) => await saveGuideState(tx, ctx.person.id, { dismissed: true }, ctx.now));
        return { outcome: 'handled', card: confirmationCard(ctx.t('guide.dismiss'), ctx.t('guide.dismissed')) };
      },
    });
}
