// HR and admins: find a person and export everything held about them (one zip; see
// src/domain/privacy/person-export.ts). The download link needs an HR session too (GET /exports/:token).
import type { FastifyInstance } from 'fastify';
import { exportPersonData } from '../../domain/privacy/person-export.js';
import { erasePerson } from '../../domain/privacy/erase-person.js';
import { conversationSealKey } from '../../db/seal-key.js';
import { searchPeople } from '../../domain/privacy/person-search.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

const PICKER_LIMIT = 20;

export function registerPrivacyRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  // The person picker: by name or email, leavers included (they may be the ones asking).
  serve(api, 'GET /hr/people', async (req, _reply, input) => {
    requireHr(viewerOf(req));
    const { q } = input.query();
    const people = await searchPeople(db, q, PICKER_LIMIT);
    return { people };
  });

  serve(api, 'POST /hr/people/:id/export', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const r = await unitOfWork(
      db,
      async (tx) =>
        await exportPersonData(tx, {
          employeeId: id,
          actor: { kind: 'employee', employeeId: v.person.id },
          now: deps.now?.() ?? new Date(),
        }),
    );
    if (!r) throw new ApiError(404, v.t('web.person.unknown'), 'not_found');
    return { url: `/exports/${r.token}`, filename: r.filename };
  });

  // Erase a person who has left (see src/domain/privacy/erase-person.ts); the page asks for confirmation first.
  serve(api, 'POST /hr/people/:id/erase', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const r = await unitOfWork(
      db,
      async (tx) =>
        await erasePerson(tx, id, { kind: 'employee', employeeId: v.person.id }, deps.now?.() ?? new Date(), {
          conversationKey: conversationSealKey(deps.config),
        }),
    );
    if (r.ok) return { pseudonym: r.pseudonym, remaining: r.remaining };
    if (r.code === 'unknown_person') throw new ApiError(404, v.t('web.person.unknown'), 'not_found');
    if (r.code === 'still_active')
      throw new ApiError(409, v.t('privacy.erase.stillActive', { name: r.name ?? `#${id}` }), 'still_active');
    throw new ApiError(409, v.t('privacy.erase.alreadyErased', { id }), 'already_erased');
  });
}
