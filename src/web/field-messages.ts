// Field messages for invalid requests. zod's own messages are English and technical, so none reaches a
// person: each issue becomes a catalogue message (src/i18n/issues.ts) in the reader's language, keyed by the
// field's path ("dimensions.1.items.0.en") so the page shows it at the field.
import type { Translate } from '../i18n/index.js';
import { issueMessage, type Issue } from '../i18n/issues.js';

export { issueMessage, type Issue };

/** Field path → message; the first issue per field wins. */
export function fieldMessages(issues: readonly Issue[], t: Translate): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.path.map(String).join('.') || '_'] ??= issueMessage(i, t);
  return fields;
}
