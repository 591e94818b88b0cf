// Reading a point claim (tag, what was done, the value created, a note) into a request payload, with field
// errors in the reader's language. One function for the chat form, the /claim text command and the mini-app.
import { z } from 'zod';
import type { Locale } from '../../vocabulary.js';
import type { Db } from '../../db/connection.js';
import type { Translate } from '../../i18n/index.js';
import type { RequestPayload } from '../approvals/requests.js';
import { getTag } from './catalogue.js';
import { parseClaimValue, QUANTITY_UNITS } from './claim-value.js';
import { claimValueError } from './claim-value-text.js';

export type PointClaimPayload = Extract<RequestPayload, { kind: 'point_claim' }>;
export type ClaimReading =
  { ok: true; payload: PointClaimPayload } | { ok: false; fieldErrors: Record<string, string> };

// A form sends strings (a select may send a one-element list); anything else counts as empty.
const field = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? (v[0] ?? '') : v))
  .catch('');
const claimFields = z.object({ tag: field, description: field, amount: field, unit: field, note: field }).partial();

/**
 * `unit` is the form's unit select: the unit of numbers typed without one. A unit typed in the value wins
 * over it ("15%" with ¥ selected is 15%), so nothing typed is dropped. Without a select (the /claim text
 * command) a bare number stays a plain number.
 */
export async function readClaim(
  db: Db,
  reader: { t: Translate; locale: Locale },
  values: unknown,
): Promise<ClaimReading> {
  const { t, locale } = reader;
  const raw = claimFields.catch({}).parse(values ?? {});
  const str = (k: keyof typeof raw) => raw[k] ?? '';
  const fieldErrors: Record<string, string> = {};
  const tag = await getTag(db, Number(str('tag')));
  if (!tag) fieldErrors.tag = t('claim.error.tag');
  else if (!tag.active) fieldErrors.tag = t('claim.error.retired');
  const description = str('description').trim();
  if (!description) fieldErrors.description = t('claim.error.description');
  else if (description.length > 1000) fieldErrors.description = t('claim.error.tooLong');
  const unit = QUANTITY_UNITS.find((u) => u === (str('unit') || 'other'));
  if (!unit) fieldErrors.unit = t('claim.error.unit');
  const value = parseClaimValue(str('amount'), unit ?? 'other');
  if (!value.ok) fieldErrors.amount = claimValueError(value, locale, t);
  const note = str('note').trim();
  if (Object.keys(fieldErrors).length || !tag || !value.ok) return { ok: false, fieldErrors };
  return {
    ok: true,
    payload: {
      kind: 'point_claim',
      tagId: tag.id,
      description,
      quantities: value.quantities,
      note: note || undefined,
      points: tag.points,
    },
  };
}
