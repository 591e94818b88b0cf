// HR and admins: find a person and export everything held about them (one zip; see
// src/domain/privacy/person-export.ts). The download link needs an HR session too (GET /exports/:token).
import type { FastifyInstance } from 'fastify';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { employees, orgUnits } from '../../db/schema.js';
import { inTransaction } from '../../db/connection.js';
import { exportPersonData } from '../../domain/privacy/person-export.js';
import { erasePerson } from '../../domain/privacy/erase-person.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError, parse } from '../errors.js';

const PICKER_LIMIT = 20;

export function registerPrivacyRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  // The person picker: by name or email, leavers included (they may be the ones asking).
  api.get('/hr/people', async (req) => {
    requireHr(viewerOf(req));
    const { q } = parse(z.object({ q: z.string().trim().max(100).default('') }), req.query);
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const people = db
      .select({
        id: employees.id,
        name: employees.name,
        email: employees.email,
        unit: orgUnits.name,
        active: employees.active,
      })
      .from(employees)
      .leftJoin(orgUnits, eq(orgUnits.id, employees.unitId))
      .where(
        q
          ? sql`(lower(${employees.name}) like ${like} escape '\\' or lower(coalesce(${employees.email}, '')) like ${like} escape '\\')`
          : undefined,
      )
      .orderBy(asc(employees.name))
      .limit(PICKER_LIMIT)
      .all();
    return { people };
  });

  api.post('/hr/people/:id/export', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    const r = inTransaction(db, () =>
      exportPersonData(db, {
        employeeId: id,
        actor: { kind: 'employee', employeeId: v.person.id },
        now: deps.now?.() ?? new Date(),
      }),
    );
    if (!r) throw new ApiError(404, v.t('web.person.unknown'), 'not_found');
    return { url: `/exports/${r.token}`, filename: r.filename };
  });

  // Erase a person who has left (see src/domain/privacy/erase-person.ts); the page asks for confirmation first.
  api.post('/hr/people/:id/erase', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    const r = inTransaction(db, () =>
      erasePerson(db, id, { kind: 'employee', employeeId: v.person.id }, deps.now?.() ?? new Date()),
    );
    if (r.ok) return { pseudonym: r.pseudonym, remaining: r.remaining };
    if (r.code === 'unknown_person') throw new ApiError(404, v.t('web.person.unknown'), 'not_found');
    if (r.code === 'still_active')
      throw new ApiError(409, v.t('privacy.erase.stillActive', { name: r.name ?? `#${id}` }), 'still_active');
    throw new ApiError(409, v.t('privacy.erase.alreadyErased', { id }), 'already_erased');
  });
}
