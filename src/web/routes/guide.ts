// The first-run guide in the mini-app: the same steps as the chat's /guide, in the reader's language; the step
// reached and the dismissal saved for the person (so the home page stops offering it once dismissed).
import type { FastifyInstance } from 'fastify';
import { clampStep, GUIDES } from '../../domain/guides/guides.js';
import { guideRoleFor, guideStateOf, saveGuideState } from '../../domain/guides/guide-state.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { MessageKey } from '../../i18n/index.js';
import { viewerOf, type Viewer, type WebDeps } from '../context.js';
import { serve } from '../serve.js';

export function registerGuideRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();

  async function answer(v: Viewer, state: { step: number; dismissed: boolean }) {
    const role = await guideRoleFor(db, v.person);
    return {
      role,
      step: clampStep(role, state.step),
      dismissed: state.dismissed,
      steps: GUIDES[role].map((s) => ({
        title: v.t(`${s.key}.title` as MessageKey),
        body: v.t(`${s.key}.body` as MessageKey),
        command: s.command ?? null,
        appPath: s.appPath ?? null,
      })),
    };
  }

  serve(api, 'GET /guide', async (req) => {
    const v = viewerOf(req);
    return await answer(v, await guideStateOf(db, v.person.id));
  });

  serve(api, 'PUT /guide', async (req, _reply, input) => {
    const v = viewerOf(req);
    const body = input.body();
    const state = await unitOfWork(db, async (tx) => await saveGuideState(tx, v.person.id, body, now()));
    return await answer(v, state);
  });
}
