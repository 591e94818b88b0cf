// HR: who is on leave now or soon, for the org page's leave section (the change itself: hr-delivery-times.ts).
import type { FastifyInstance } from 'fastify';
import { currentAndComingLeave } from '../../domain/org/leave-list.js';
import { calendarDay } from '../../domain/surveys/calendar-day.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { serve } from '../serve.js';

export function registerHrLeaveRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;

  serve(api, 'GET /hr/leave', async (req) => {
    requireHr(viewerOf(req));
    const today = calendarDay(deps.now?.() ?? new Date(), config.defaultTimezone);
    return { today, people: await currentAndComingLeave(db, today) };
  });
}
