// Peer nomination and recognition announcements (issue 24): nominating a colleague, one's own choice to be
// announced, and HR's announced tags and channels (see endpoint.ts).
import { z } from 'zod';
import { MAX_VALUE_LENGTH } from '../domain/points/claim-value.js';
import { recognitionSchema } from '../domain/points/recognition.js';
import type { Endpoints } from './endpoint.js';
import { created, named } from './parts.js';

export const nominationEndpoints = {
  // The colleague by name or work e-mail (read like the chat command); the rest as a claim.
  'POST /nominations': {
    body: z.object({
      nominee: z.string().max(200),
      tag: z.string().max(20),
      description: z.string().max(5000),
      amount: z
        .string()
        .max(MAX_VALUE_LENGTH * 2)
        .default(''),
      unit: z.string().max(20).default('cny'),
      note: z.string().max(500).default(''),
    }),
    response: created,
  },
  /** Whether my approved claims and nominations are announced, and which tags are. */
  'GET /recognition/me': { response: z.strictObject({ announce: z.boolean(), tags: z.array(named) }) },
  'PUT /recognition/me': {
    body: z.object({ announce: z.boolean() }),
    response: z.strictObject({ announce: z.boolean() }),
  },
  'GET /hr/settings/recognition': {
    response: z.strictObject({ settings: recognitionSchema, tags: z.array(named) }),
  },
  // Checked in the domain (recognition.ts): refused whole, with the field that is wrong.
  'PUT /hr/settings/recognition': {
    body: z.record(z.string().max(40), z.unknown()),
    response: z.strictObject({ settings: recognitionSchema }),
  },
} satisfies Endpoints;
