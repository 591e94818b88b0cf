// HR: survey templates — the list (built-in and HR's own, with how often each was sent), one template in
// both languages, and a new one from the builder. A template is never edited in place once created:
// reports of its waves depend on its items, so "edit" in the app means "save as a new template".
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inTransaction } from '../../db/connection.js';
import {
  createTemplate,
  duplicateKeys,
  ensureDefaultTemplate,
  templateSpecOf,
  templateSpecSchema,
  templateSummaries,
  templateWaveCount,
} from '../../domain/surveys/templates.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { fieldError, parse } from '../errors.js';

export function registerPulseTemplateRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  api.get('/hr/templates', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    inTransaction(db, () => ensureDefaultTemplate(db));
    return {
      templates: templateSummaries(db).map((t) => ({
        id: t.id,
        builtIn: t.builtIn,
        name: t.name[v.locale],
        dimensions: t.dimensions,
        items: t.items,
        waves: t.waves,
      })),
    };
  });

  api.get('/hr/templates/:id', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    const spec = templateSpecOf(db, id);
    if (!spec) throw new ApiError(404, v.t('pulseAdmin.error.templateNotFound'), 'not_found');
    const builtIn = templateSummaries(db).find((t) => t.id === id)?.builtIn ?? false;
    return { template: { id, builtIn, waves: templateWaveCount(db, id), ...spec } };
  });

  api.post('/hr/templates', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const spec = parse(templateSpecSchema, req.body);
    const dupes = duplicateKeys(spec);
    if (dupes.length)
      throw fieldError(v.t, Object.fromEntries(dupes.map((f) => [f, v.t('pulseAdmin.field.duplicate')])));
    const id = inTransaction(db, () => createTemplate(db, spec, { kind: 'employee', employeeId: v.person.id }));
    return { id };
  });
}
