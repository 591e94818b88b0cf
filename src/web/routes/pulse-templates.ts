// HR: survey templates — the list (built-in and HR's own, with how often each was sent), one template in
// both languages, and a new one from the builder. A template is never edited in place once created:
// reports of its waves depend on its items, so "edit" in the app means "save as a new template".
import type { FastifyInstance } from 'fastify';
import {
  createTemplate,
  duplicateKeys,
  ensureDefaultTemplate,
  templateSpecOf,
  templateSummaries,
  templateWaveCount,
} from '../../domain/surveys/templates.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError, fieldError } from '../errors.js';
import { serve } from '../serve.js';

export function registerPulseTemplateRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  serve(api, 'GET /hr/templates', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    await unitOfWork(db, async (tx) => await ensureDefaultTemplate(tx));
    return {
      templates: (await templateSummaries(db)).map((t) => ({
        id: t.id,
        builtIn: t.builtIn,
        name: t.name[v.locale],
        dimensions: t.dimensions,
        items: t.items,
        waves: t.waves,
      })),
    };
  });

  serve(api, 'GET /hr/templates/:id', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const spec = await templateSpecOf(db, id);
    if (!spec) throw new ApiError(404, v.t('pulseAdmin.error.templateNotFound'), 'not_found');
    const builtIn = (await templateSummaries(db)).find((t) => t.id === id)?.builtIn ?? false;
    return { template: { id, builtIn, waves: await templateWaveCount(db, id), ...spec } };
  });

  serve(api, 'POST /hr/templates', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const spec = input.body();
    const dupes = duplicateKeys(spec);
    if (dupes.length)
      throw fieldError(v.t, Object.fromEntries(dupes.map((f) => [f, v.t('pulseAdmin.field.duplicate')])));
    const id = await unitOfWork(
      db,
      async (tx) => await createTemplate(tx, spec, { kind: 'employee', employeeId: v.person.id }),
    );
    return { id };
  });
}
