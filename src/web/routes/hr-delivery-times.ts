// HR: when survey cards and reminders reach people (delivery-settings.ts), and a person's leave (org/leave.ts).
// Bad input is refused whole with the field that is wrong; each change is audited in the same transaction.
import type { FastifyInstance } from 'fastify';
import { parseLeave, setLeave } from '../../domain/org/leave.js';
import { deliveryRules, setDeliverySettings } from '../../domain/surveys/delivery-settings.js';
import { MAX_WEEKLY_REMINDER_CAP, SUGGESTED_QUIET_HOURS } from '../../domain/surveys/delivery-time.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

export function registerHrDeliveryTimeRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();

  serve(api, 'GET /hr/settings/delivery', async (req) => {
    requireHr(viewerOf(req));
    return {
      ...(await deliveryRules(db, config.defaultTimezone)),
      suggestedQuietHours: { ...SUGGESTED_QUIET_HOURS },
      maximumCap: MAX_WEEKLY_REMINDER_CAP,
    };
  });

  serve(api, 'PUT /hr/settings/delivery', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await setDeliverySettings(tx, body, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) {
      const { field, code } = r.problem;
      const value = field === 'localHour' ? String(body.localHour) : String(body.timeZone);
      const message = v.t(`delivery.error.${code}`, { value, field });
      throw new ApiError(400, message, code, { [field]: message });
    }
    return r.rules;
  });

  serve(api, 'PUT /hr/people/:id/leave', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const body = input.body();
    const leave = parseLeave(body.from, body.until);
    if (!leave.ok) {
      const message = v.t(`leave.error.${leave.problem}`);
      throw new ApiError(400, message, leave.problem, { until: message });
    }
    const r = await unitOfWork(
      db,
      async (tx) => await setLeave(tx, id, leave.leave, { kind: 'employee', employeeId: v.person.id }, now()),
    );
    if (!r.ok) throw new ApiError(404, v.t('leave.error.unknown_employee'), r.code);
    return { from: leave.leave?.from ?? null, until: leave.leave?.until ?? null };
  });
}
