// The mini-app's endpoints for every signed-in person: who they are, signing in and out, and (in the
// people-*.ts files spread below) their home, surveys, points, requests, approvals, ratings and HR's privacy
// pages (see endpoint.ts).
import { z } from 'zod';
import { ROLES } from '../vocabulary.js';
import type { Endpoints } from './endpoint.js';
import { ok } from './parts.js';
import { peopleApprovalEndpoints } from './people-approvals.js';
import { peopleHomeEndpoints } from './people-home.js';
import { peoplePrivacyEndpoints } from './people-privacy.js';
import { peopleRatingEndpoints } from './people-ratings.js';

const locale = z.enum(['zh-CN', 'en']);

export const meSchema = z.strictObject({
  id: z.number(),
  name: z.string(),
  unit: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  locale,
  isManager: z.boolean(),
  isHr: z.boolean(),
  /** Rates someone in an open rating cycle. */
  isRater: z.boolean(),
  csrf: z.string(),
  /** The generated demo company (npm start's demo data). */
  demo: z.boolean().optional(),
});

/** What the sign-in page may offer. */
export const signInOptionsSchema = z.strictObject({
  /** The sandbox's persona picker (only with the sandbox on). */
  sandbox: z
    .array(
      z.strictObject({ id: z.number(), name: z.string(), unit: z.string().nullable(), roles: z.array(z.enum(ROLES)) }),
    )
    .nullable(),
  feishu: z.strictObject({ appId: z.string() }).nullable(),
  dingtalk: z.boolean(),
  slack: z.boolean(),
  demo: z.boolean(),
});

const codeBody = z.object({ code: z.string().trim().min(1).max(512) });

/** A page inside the app (or an export link) to return to; anything else (another host, //evil) is refused: no open redirect. */
export const nextPath = z
  .string()
  .max(500)
  .regex(/^\/app(\/[^\\\s]*)?(\?[^\s]*)?$|^\/exports\/[\w-]{20,64}$/)
  .refine((p) => !p.includes('//'));

const signInEndpoints = {
  'GET /auth/options': { response: signInOptionsSchema },
  'POST /auth/sandbox': { body: z.object({ employeeId: z.number().int().positive() }), response: ok },
  'POST /auth/feishu': { body: codeBody, response: ok },
  'POST /auth/dingtalk': { body: codeBody, response: ok },
  // Sign in with Slack: redirects to slack.com and back.
  'GET /auth/slack/start': { query: z.object({ next: nextPath.optional() }), response: 'raw' },
  'GET /auth/slack/callback': {
    query: z.object({
      code: z.string().min(1).max(512).optional(),
      state: z.string().max(100).optional(),
      error: z.string().max(200).optional(),
    }),
    response: 'raw',
  },
} satisfies Endpoints;

export const peopleEndpoints = {
  'GET /me': { response: meSchema },
  'PUT /me/locale': { body: z.object({ locale }), response: z.strictObject({ locale }) },
  'DELETE /session': { response: ok },
  ...signInEndpoints,
  ...peopleHomeEndpoints,
  ...peopleApprovalEndpoints,
  ...peopleRatingEndpoints,
  ...peoplePrivacyEndpoints,
} satisfies Endpoints;
