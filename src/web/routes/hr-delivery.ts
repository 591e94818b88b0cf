// HR: messages the outbox gave up on (the chat's `/report delivery`), and re-queuing them.
import type { FastifyInstance } from 'fastify';
import { waitingForReach } from '../../bot/delivery-report.js';
import { listDeadLetters, retryDeadLetters } from '../../domain/delivery/dead-letters.js';
import { THROTTLE_GIVE_UP_HOURS } from '../../domain/delivery/reasons.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { serve } from '../serve.js';

export function registerHrDeliveryRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  serve(api, 'GET /hr/delivery', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const dead = await listDeadLetters(db, 1000);
    return {
      waiting: await waitingForReach(db, v.t),
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
  serve(api, 'POST /hr/delivery/retry', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { ids } = input.body();
    const now = deps.now?.() ?? new Date();
    const retried = await unitOfWork(
      db,
      async (tx) =>
        await retryDeadLetters(tx, { kind: 'employee', employeeId: v.person.id }, { ids, now: now.getTime() }),
    );
    if (retried > 0) deps.worker.kick();
    return { retried };
  });
}
