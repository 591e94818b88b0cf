// HR: messages the outbox gave up on (the chat's `/report delivery`), and re-queuing them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inTransaction } from '../../db/connection.js';
import { waitingForReach } from '../../bot/delivery-report.js';
import { listDeadLetters, retryDeadLetters } from '../../domain/delivery/dead-letters.js';
import { THROTTLE_GIVE_UP_HOURS } from '../../domain/delivery/reasons.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { parse } from '../errors.js';

const retrySchema = z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000).optional() }).strict();

export function registerHrDeliveryRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  api.get('/hr/delivery', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const dead = listDeadLetters(db, 1000);
    return {
      waiting: waitingForReach(db, v.t),
      total: dead.total,
      rows: dead.rows.map((r) => ({
        ...r,
        platformName: v.t(`delivery.platform.${r.platform}`),
        reasonText: v.t(`delivery.reason.${r.reason}`, { hours: THROTTLE_GIVE_UP_HOURS }),
        fix: v.t(`delivery.fix.${r.reason}`),
      })),
    };
  });

  /** Re-queue the dead rows named (`ids`), or all of them; audited. */
  api.post('/hr/delivery/retry', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { ids } = parse(retrySchema, req.body ?? {});
    const now = deps.now?.() ?? new Date();
    const retried = inTransaction(db, () =>
      retryDeadLetters(db, { kind: 'employee', employeeId: v.person.id }, { ids, now: now.getTime() }),
    );
    if (retried > 0) deps.worker.kick();
    return { retried };
  });
}
