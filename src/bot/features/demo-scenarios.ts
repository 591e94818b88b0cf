// /demo: guided scenario demos in the sandbox chat (issue 25 §5). `/demo` lists the three; `/demo <name>` (or
// Play) starts a fresh run and posts its first step; each step's "Next step" plays the next one and posts its
// card (narration, when in the story, the page it made); Play all plays the rest. A double press or a platform retry of the same Next
// shows that step again; a card from an older run is refused. Only in the sandbox on the demo company.
import {
  demoListCard,
  demoStepCard,
  demoStoppedCard,
  DEMO_ALL_ACTION,
  DEMO_NEXT_ACTION,
  DEMO_START_ACTION,
} from '../../../cards/demo-scenario.js';
import { refusalCard } from '../../../cards/notice.js';
import { surveySealKey } from '../../db/seal-key.js';
import {
  blockedText,
  narrate,
  scenarioSummary,
  scenarioTitle,
  whyStopped,
} from '../../domain/demo-scenarios/narration.js';
import { playStep, startScenario, type PlayAnswer } from '../../domain/demo-scenarios/play.js';
import { SCENARIO_NAMES, SCENARIOS, scenarioNamed, type ScenarioName } from '../../domain/demo-scenarios/scenarios.js';
import { dateTimeFormat } from '../../intl-format.js';
import { appUrl } from '../app-links.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse } from '../port.js';
import type { Router } from '../router.js';

const input = (ctx: HandlerContext, name: ScenarioName) => ({
  name,
  viewer: ctx.person,
  config: ctx.config,
  key: surveySealKey(ctx.config),
  now: ctx.now,
});

/** Post what a press or a start gave: the step's card, why it stopped, or why demos cannot run here. */
async function answer(ctx: HandlerContext, name: ScenarioName, r: PlayAnswer, run?: number): Promise<CoreResponse> {
  const { t } = ctx;
  if (r.ok) {
    const v = r.view;
    await ctx.reply(
      demoStepCard(
        {
          name,
          title: scenarioTitle(name, t),
          run: v.run,
          step: v.step,
          total: v.total,
          narration: narrate(name, v.played, t, ctx.locale),
          when: dateTimeFormat(ctx.locale, {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone: ctx.person.timezone ?? ctx.config.defaultTimezone,
          }).format(new Date(v.at)),
          ...(v.played.link ? { appUrl: appUrl(ctx.config, v.played.link) } : {}),
        },
        t,
      ),
    );
    return { outcome: 'handled' };
  }
  if (r.code === 'blocked') {
    await ctx.reply(refusalCard(blockedText(r.blocker, t), t));
    return { outcome: 'handled' };
  }
  if (r.code === 'refused') {
    await ctx.reply(
      demoStoppedCard(
        {
          name,
          title: scenarioTitle(name, t),
          ...(run !== undefined ? { run } : {}),
          step: r.step,
          total: r.total,
          why: whyStopped(r.reason, t),
        },
        t,
      ),
    );
    return { outcome: 'handled' };
  }
  return { outcome: 'invalid', toast: { text: t('demo.stale', { name }), tone: 'error' } };
}

function listCard(ctx: HandlerContext) {
  return demoListCard(
    SCENARIO_NAMES.map((name) => ({ name, title: scenarioTitle(name, ctx.t), summary: scenarioSummary(name, ctx.t) })),
    ctx.t,
    appUrl(ctx.config, '/demos'),
  );
}

/** `cook:3:4` → the scenario, run 3, step index 4; anything else is a forged or broken payload. */
function parseNext(id: string | undefined): { name: ScenarioName; run: number; step: number } | undefined {
  const m = /^([a-z]+):(\d{1,9}):(\d{1,3})$/.exec(id ?? '');
  const name = m ? SCENARIO_NAMES.find((n) => n === m[1]) : undefined;
  return m && name ? { name, run: Number(m[2]), step: Number(m[3]) } : undefined;
}

export function registerDemoScenarios(router: Router): Router {
  return router
    .command({
      name: 'demo',
      aliases: ['演示'],
      summary: 'cmd.demo.summary',
      async run(ctx, args) {
        const word = args.trim();
        if (!word) return void (await ctx.reply(listCard(ctx)));
        const s = scenarioNamed(word);
        if (!s) return void (await ctx.reply(refusalCard(ctx.t('demo.unknown', { word }), ctx.t)));
        await answer(ctx, s.name, await startScenario(ctx.db, input(ctx, s.name)));
      },
    })
    .action({
      k: DEMO_START_ACTION,
      async run(ctx, action) {
        const name = SCENARIO_NAMES.find((n) => n === action.id);
        if (!name) return { outcome: 'invalid', toast: { text: ctx.t('error.cardExpired.toast'), tone: 'error' } };
        return await answer(ctx, name, await startScenario(ctx.db, input(ctx, name)));
      },
    })
    .action({
      k: DEMO_NEXT_ACTION,
      async run(ctx, action) {
        const press = parseNext(action.id);
        if (!press) return { outcome: 'invalid', toast: { text: ctx.t('error.cardExpired.toast'), tone: 'error' } };
        const r = await playStep(ctx.db, { ...input(ctx, press.name), press: { run: press.run, step: press.step } });
        return await answer(ctx, press.name, r, press.run);
      },
    })
    .action({
      k: DEMO_ALL_ACTION,
      async run(ctx, action) {
        const press = parseNext(action.id);
        if (!press) return { outcome: 'invalid', toast: { text: ctx.t('error.cardExpired.toast'), tone: 'error' } };
        // Each step in its own transaction, posted as it is played; the first refusal or the end stops.
        let out: CoreResponse = { outcome: 'handled' };
        for (let step = press.step; step < SCENARIOS[press.name].steps.length; step++) {
          const r = await playStep(ctx.db, { ...input(ctx, press.name), press: { run: press.run, step } });
          out = await answer(ctx, press.name, r, press.run);
          if (!r.ok || r.replayed || r.view.done) break;
        }
        return out;
      },
    });
}
