// A refused claim's message in the reader's language: which cap, and when it resets (company time zone).
import { formatDate } from '../../../cards/survey.js';
import type { Translate } from '../../i18n/index.js';
import type { Locale } from '../../vocabulary.js';
import type { CapKind } from './caps.js';
import { getTag } from './catalogue.js';
import type { Db } from '../../db/connection.js';

export async function capRefusalText(
  db: Db,
  reader: { t: Translate; locale: Locale },
  refusal: { cap: CapKind; limit: number; resetsAt: Date },
  tagId: number,
  timeZone: string,
): Promise<string> {
  const tag = await getTag(db, tagId);
  return reader.t(`points.cap.${refusal.cap}`, {
    limit: refusal.limit,
    resets: formatDate(refusal.resetsAt, reader.locale, timeZone),
    tag: tag ? (reader.locale === 'en' ? tag.nameEn : tag.nameZh) : `#${tagId}`,
  });
}
