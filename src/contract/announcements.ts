// Announcements with read receipts (issue 25 §3; see endpoint.ts): my notices (everyone), and for HR and unit
// heads the compose options, the notices they sent with counts, one notice's read/unread names and the one
// reminder. Not anonymous: who has read a notice is the point.
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { idParams, unitRef } from './parts.js';

const texts = {
  titleZh: z.string().max(1000).default(''),
  titleEn: z.string().max(1000).default(''),
  bodyZh: z.string().max(10000).default(''),
  bodyEn: z.string().max(10000).default(''),
};

const sent = z.strictObject({
  id: z.number(),
  /** In the reader's language, else the other one. */
  title: z.string(),
  /** The unit's name; null for the whole company. */
  audience: z.string().nullable(),
  sender: z.string(),
  createdAt: z.string(),
  remindedAt: z.string().nullable(),
  total: z.number(),
  read: z.number(),
  /** Only the sender may remind, once, while someone has not read it. */
  canRemind: z.boolean(),
});

const receipt = z.strictObject({ id: z.number(), name: z.string(), readAt: z.string().nullable() });

export const announcementEndpoints = {
  /** The notices I received, newest first, with when I acknowledged each. */
  'GET /announcements/mine': {
    response: z.strictObject({
      notices: z.array(
        z.strictObject({
          id: z.number(),
          title: z.string(),
          body: z.string(),
          sender: z.string(),
          audience: z.string().nullable(),
          createdAt: z.string(),
          readAt: z.string().nullable(),
        }),
      ),
    }),
  },
  'POST /announcements/:id/ack': {
    params: idParams,
    response: z.strictObject({ readAt: z.string(), first: z.boolean() }),
  },
  /** What a sender may address: every unit and the company for HR, the headed subtrees for a unit head. */
  'GET /announcements/options': {
    response: z.strictObject({ company: z.boolean(), units: z.array(unitRef) }),
  },
  /** The notices the viewer sent (HR: everyone's), with read counts. */
  'GET /announcements/sent': {
    response: z.strictObject({ announcements: z.array(sent) }),
  },
  'POST /announcements': {
    body: z.object({ unitId: z.number().int().positive().nullable(), ...texts }),
    response: z.strictObject({ id: z.number(), recipients: z.number(), onLeave: z.number() }),
  },
  /** Read and unread by name: the sender and HR only. */
  'GET /announcements/:id/receipts': {
    params: idParams,
    response: z.strictObject({ announcement: sent, read: z.array(receipt), unread: z.array(receipt) }),
  },
  'POST /announcements/:id/remind': {
    params: idParams,
    response: z.strictObject({ reminded: z.number(), remindedAt: z.string() }),
  },
} satisfies Endpoints;
