// Guided scenario demos in the mini-app (issue 25 §5): the same runs and steps as the chat's /demo, shared
// state (a run started in chat can go on here), answered in the reader's language.
import type { FastifyInstance } from 'fastify';
import { surveySealKey } from '../../db/seal-key.js';
import {
  blockedText,
  narrate,
  scenarioSummary,
  scenarioTitle,
  whyStopped,
} from '../../domain/demo-scenarios/narration.js';
import { demoBlocker, playStep, startScenario, type PlayAnswer } from '../../domain/demo-scenarios/play.js';
import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from '../../domain/demo-scenarios/scenarios.js';
import { ApiError } from '../errors.js';
import { viewerOf, type Viewer, type WebDeps } from '../context.js';
import { serve } from '../serve.js';

export function registerDemoScenarioRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const input = (v: Viewer, name: ScenarioName) => ({
    name,
    viewer: v.person,
    config,
    key: surveySealKey(config),
    now: now(),
  });

  function answer(v: Viewer, name: ScenarioName, r: PlayAnswer, run: number) {
    const title = scenarioTitle(name, v.t);
    if (r.ok)
      return {
        name,
        title,
        run: r.view.run,
        step: r.view.step,
        total: r.view.total,
        status: 'played' as const,
        text: narrate(name, r.view.played, v.t, v.locale),
        at: r.view.at,
        link: r.view.played.link ?? null,
        done: r.view.done,
      };
    if (r.code === 'blocked') throw new ApiError(403, blockedText(r.blocker, v.t), 'demo_blocked');
    if (r.code === 'refused')
      return {
        name,
        title,
        run,
        step: r.step,
        total: r.total,
        status: 'stopped' as const,
        text: v.t('demo.stopped', { n: r.step + 1, total: r.total, why: whyStopped(r.reason, v.t) }),
        at: null,
        link: null,
        done: false,
      };
    throw new ApiError(409, v.t('demo.stale', { name }), 'demo_stale');
  }

  serve(api, 'GET /demos', async (req) => {
    const v = viewerOf(req);
    const blocker = await demoBlocker(db, config);
    return {
      blocked: blocker ? blockedText(blocker, v.t) : null,
      demos: SCENARIO_NAMES.map((name) => ({
        name,
        title: scenarioTitle(name, v.t),
        summary: scenarioSummary(name, v.t),
        steps: SCENARIOS[name].steps.length,
      })),
    };
  });

  serve(api, 'POST /demos/:name/start', async (req, _reply, parts) => {
    const v = viewerOf(req);
    const { name } = parts.params();
    // A refused first step keeps no run: its retry is another start (run 0 tells the page so).
    return answer(v, name, await startScenario(db, input(v, name)), 0);
  });

  serve(api, 'POST /demos/:name/next', async (req, _reply, parts) => {
    const v = viewerOf(req);
    const { name } = parts.params();
    const press = parts.body();
    return answer(v, name, await playStep(db, { ...input(v, name), press }), press.run);
  });
}
