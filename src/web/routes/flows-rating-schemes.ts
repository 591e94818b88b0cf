// HR and admins: rating schemes — the list (with how many cycles used each) and creating one. A scheme is
// never edited in place (cycles keep a snapshot, and results compare like with like), so "change" means
// "start from a copy". Creating is the chat's `/rating scheme` (createScheme): validated and audited.
import type { FastifyInstance } from 'fastify';
import { asc, count, eq } from 'drizzle-orm';
import { inTransaction } from '../../db/connection.js';
import { employees, ratingCycles } from '../../db/schema.js';
import { findByEmail } from '../../domain/org/employees.js';
import { createScheme, findScheme, listSchemes } from '../../domain/ratings/cycles.js';
import { schemeSchema } from '../../domain/ratings/scheme.js';
import type { Translate } from '../../i18n/index.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { issueMessage, type Issue } from '../field-messages.js';

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

  api.get('/hr/schemes', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const used = new Map(
      db
        .select({ id: ratingCycles.schemeId, n: count() })
        .from(ratingCycles)
        .groupBy(ratingCycles.schemeId)
        .all()
        .map((r) => [r.id, r.n]),
    );
    return {
      schemes: listSchemes(db).map(({ id, scheme }) => ({
        id,
        key: scheme.key,
        name: scheme.name[v.locale],
        definition: scheme,
        cycles: used.get(id) ?? 0,
      })),
      // The person rater rule names someone by e-mail: the picker offers active people.
      people: db
        .select({ email: employees.email, name: employees.name })
        .from(employees)
        .where(eq(employees.active, true))
        .orderBy(asc(employees.name))
        .all()
        .filter((p): p is { email: string; name: string } => p.email !== null),
    };
  });

  api.post('/hr/schemes', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const fields = schemeFieldErrors(req.body, v.t);
    const parsed = schemeSchema.safeParse(req.body);
    if (parsed.success) {
      if (findScheme(db, parsed.data.key)) fields.key ??= v.t('fs.scheme.exists');
      parsed.data.dimensions.forEach((d, i) => {
        if (d.rater.type === 'person' && !findByEmail(db, d.rater.email)?.active)
          fields[`dimensions.${i}.rater.email`] ??= v.t('fs.scheme.noPerson');
      });
    }
    if (!parsed.success || Object.keys(fields).length)
      throw new ApiError(
        400,
        v.t('error.invalidInput'),
        'invalid',
        Object.keys(fields).length ? fields : { _: v.t('field.invalid') },
      );
    const r = inTransaction(db, () => createScheme(db, parsed.data, { kind: 'employee', employeeId: v.person.id }));
    // Checked just above; only a race with another HR creating the same key gets here.
    if (!r.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', { key: v.t('fs.scheme.exists') });
    return { id: r.id, key: parsed.data.key };
  });
}
