// HR and admins: rating schemes — the list (with how many cycles used each) and creating one. A scheme is
// never edited in place (cycles keep a snapshot, and results compare like with like), so "change" means
// "start from a copy". Creating is the chat's `/rating scheme` (createScheme): validated and audited.
import type { FastifyInstance } from 'fastify';
import { findByEmail } from '../../domain/org/employees.js';
import { activePeopleByName } from '../../domain/org/pickers.js';
import { cyclesPerScheme } from '../../domain/ratings/cycle-list.js';
import { createScheme, findScheme, listSchemes } from '../../domain/ratings/cycles.js';
import { schemeSchema } from '../../domain/ratings/scheme.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { Translate } from '../../i18n/index.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { issueMessage, type Issue } from '../field-messages.js';
import { serve } from '../serve.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Every problem of a scheme form at its field, in the viewer's language. The scheme-wide rules (weights
 * sum to 100, unique keys) are checked here too, because zod skips refinements while a field is bad —
 * and the form should show the weights error together with the others.
 */
export function schemeFieldErrors(input: unknown, t: Translate): Record<string, string> {
  const fields: Record<string, string> = {};
  const r = schemeSchema.safeParse(input, { reportInput: true });
  const dims =
    isRecord(input) && Array.isArray(input.dimensions)
      ? input.dimensions.map((d: unknown) => (isRecord(d) ? d : {}))
      : []; // same indices as the issues' paths
  const special = (i: Issue): [string, string] | undefined => {
    if (i.code !== 'custom') return undefined;
    if (i.path.length <= 1) return ['', '']; // scheme-wide refines: handled below
    const d = dims[Number(i.path[1])];
    const mismatch = d && (d.kind === 'indicator') !== (isRecord(d.rater) && d.rater.type === 'import');
    return mismatch
      ? [`dimensions.${String(i.path[1])}.rater`, t('fs.scheme.indicatorRater')]
      : [`dimensions.${String(i.path[1])}.indicator.min`, t('fs.scheme.indicatorRange')];
  };
  for (const i of r.success ? [] : r.error.issues) {
    const s = special(i);
    if (s && s[0] === '') continue;
    const [field, message] = s ?? [i.path.map(String).join('.') || '_', issueMessage(i, t)];
    fields[field] ??= message;
  }
  if (dims.length) {
    const total = dims.reduce(
      (sum, d) => sum + (typeof d.weight === 'number' && Number.isFinite(d.weight) ? d.weight : 0),
      0,
    );
    if (total !== 100) fields.weights = t('fs.scheme.weights', { total });
    dims.forEach((d, i) => {
      if (typeof d.key === 'string' && dims.findIndex((e) => e.key === d.key) < i)
        fields[`dimensions.${i}.key`] ??= t('fs.scheme.duplicateKey');
    });
  }
  return fields;
}

export function registerSchemeRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  serve(api, 'GET /hr/schemes', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const used = await cyclesPerScheme(db);
    return {
      schemes: (await listSchemes(db)).map(({ id, scheme }) => ({
        id,
        key: scheme.key,
        name: scheme.name[v.locale],
        definition: scheme,
        cycles: used.get(id) ?? 0,
      })),
      // The person rater rule names someone by e-mail: the picker offers active people.
      people: (await activePeopleByName(db)).flatMap((p) =>
        p.email === null ? [] : [{ email: p.email, name: p.name }],
      ),
    };
  });

  serve(api, 'POST /hr/schemes', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    // Every problem of the form at its field (schemeFieldErrors); the contract's parse only once it is valid.
    const fields = schemeFieldErrors(req.body, v.t);
    const scheme = schemeSchema.safeParse(req.body).success ? input.body() : undefined;
    if (scheme) {
      if (await findScheme(db, scheme.key)) fields.key ??= v.t('fs.scheme.exists');
      for (const [i, d] of scheme.dimensions.entries())
        if (d.rater.type === 'person' && !(await findByEmail(db, d.rater.email))?.active)
          fields[`dimensions.${i}.rater.email`] ??= v.t('fs.scheme.noPerson');
    }
    if (!scheme || Object.keys(fields).length)
      throw new ApiError(
        400,
        v.t('error.invalidInput'),
        'invalid',
        Object.keys(fields).length ? fields : { _: v.t('field.invalid') },
      );
    const r = await unitOfWork(
      db,
      async (tx) => await createScheme(tx, scheme, { kind: 'employee', employeeId: v.person.id }),
    );
    // Checked just above; only a race with another HR creating the same key gets here.
    if (!r.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', { key: v.t('fs.scheme.exists') });
    return { id: r.id, key: scheme.key };
  });
}
