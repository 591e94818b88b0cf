// The audit log in words (pure): each row as a sentence in the reader's language naming its target
// ("查看了第 1 期调查的报告 · 门店一组"), and its detail as labelled fields — never a raw action key or JSON.
// The raw action stays on the row for filtering and export; this is only what a person reads.
import { catalogues, type MessageKey, type Translate } from '../i18n/index.js';

/** Names for the ids a row refers to (people and units), looked up by the caller. */
export interface AuditNames {
  person(id: number): string | undefined;
  unit(id: number): string | undefined;
  /** A value tag's, reward's or survey template's name in the reader's language. */
  named?(kind: 'tag' | 'reward' | 'template', id: number): string | undefined;
}

export interface AuditRowText {
  action: string;
  subject: string | null;
  detail: string | null;
}

export interface AuditDescription {
  /** The short name of the action (the filter's option label). */
  label: string;
  /** What happened, as a sentence without its actor (who and when are shown beside it). */
  summary: string;
  fields: { label: string; value: string }[];
}

type SubjectKind =
  | 'recommendation'
  | 'wave'
  | 'request'
  | 'cycle'
  | 'template'
  | 'tag'
  | 'reward'
  | 'schedule'
  | 'followup'
  | 'announcement'
  | 'devpath'
  | 'course'
  | 'talk'
  | 'scheme'
  | 'flow'
  | 'days'
  | 'person'
  | 'unit'
  | 'export'
  | 'platform'
  | 'path'
  | 'command'
  | 'ingest'
  | 'indicator'
  | 'indicator_rule'
  | 'none';

/** What a bare subject ("12") names, per action; a prefixed one ("wave:12") says so itself. */
const SUBJECT_OF: Record<string, SubjectKind> = {
  'auth.refused': 'path',
  'access.forbidden': 'path',
  'auth.link': 'platform',
  'auth.sign_in': 'platform',
  'auth.sign_out': 'platform',
  'auth.sign_out_everywhere': 'person',
  'audit.view': 'none',
  'audit.verify': 'none',
  'sandbox.act': 'command',
  'command.forbidden': 'command',
  'profile.locale': 'person',
  'export.create': 'export',
  'export.download': 'export',
  'settings.retention': 'none',
  'retention.prune': 'none',
  'settings.anonymity_threshold': 'none',
  'settings.comment_threshold': 'none',
  'org.sync': 'platform',
  'org.import': 'platform',
  'approval.submit': 'request',
  'approval.approve': 'request',
  'approval.reject': 'request',
  'approval.return': 'request',
  'approval.resubmit': 'request',
  'approval.cancel': 'request',
  'approval.unroutable': 'request',
  'approval.reroute': 'request',
  'approval.escalate': 'request',
  'approval.delegate': 'person',
  'approval.delegate.off': 'none',
  'approval.flow.update': 'flow',
  'approval.flow.create': 'flow',
  'approval.report.view': 'days',
  'points.tag.create': 'tag',
  'points.tag.retire': 'tag',
  'points.reward.create': 'reward',
  'points.reward.retire': 'reward',
  'survey.template.create': 'template',
  'survey.launch': 'wave',
  'survey.close': 'wave',
  'survey.remind': 'wave',
  'org.transfer.apply': 'person',
  'identity.link': 'person',
  'rating.rater.move': 'person',
  'course.enrol': 'recommendation',
  'course.attended': 'recommendation',
  'course.completed': 'recommendation',
  'training.view': 'person',
  'talk.create': 'cycle',
  'talk.done': 'talk',
  'feedback.share': 'person',
  'feedback.ack': 'person',
  'survey.report.view': 'wave',
  'survey.report.export': 'wave',
  'survey.trend.view': 'template',
  'survey.schedule.create': 'schedule',
  'survey.schedule.pause': 'schedule',
  'survey.schedule.resume': 'schedule',
  'survey.schedule.failed': 'schedule',
  'followup.create': 'followup',
  'followup.status': 'followup',
  'rating.scheme.create': 'scheme',
  'rating.cycle.open': 'cycle',
  'rating.cycle.close': 'cycle',
  'rating.rate': 'cycle',
  'rating.change': 'cycle',
  'rating.import': 'cycle',
  'rating.view': 'person',
  'rating.report.view': 'cycle',
  'rating.trend.view': 'unit',
  'course.create': 'course',
  'privacy.export': 'person',
  'privacy.erase': 'person',
};

/** Prefixes the writers of the log put on subjects, and what they name. */
const PREFIX: Record<string, SubjectKind> = {
  wave: 'wave',
  request: 'request',
  cycle: 'cycle',
  template: 'template',
  unit: 'unit',
  employee: 'person',
  days: 'days',
  recommendation: 'recommendation',
  talk: 'talk',
  announcement: 'announcement',
  devpath: 'devpath',
  ingest: 'ingest',
  indicator: 'indicator',
  rule: 'indicator_rule',
};

/** Detail fields that hold a person's id (or several), or a unit's. */
const PERSON_FIELDS = new Set(['ownerId', 'subjectId', 'about', 'actorId', 'managerFrom', 'managerTo']);
const UNIT_FIELDS = new Set(['unitId', 'audienceUnitId']);
/** In these actions `from`/`to` are people (who a request or a rating went to) or units, not values. */
const FROM_TO: Record<string, 'person' | 'unit'> = {
  'approval.escalate': 'person',
  'approval.reroute': 'person',
  'rating.rater.move': 'person',
  'org.transfer.apply': 'unit',
};

const has = (key: string): key is MessageKey => key in catalogues.en;
const tr = (t: Translate, key: string, params?: Record<string, string | number>): string | undefined =>
  has(key) ? t(key, params) : undefined;

/** A coded value in words where the catalogue has it (a platform, an outcome, a reason), else as written. */
function word(t: Translate, v: string): string {
  return tr(t, `audit.value.${v}`) ?? tr(t, `approval.why.${v}`) ?? v;
}

function subjectText(kind: SubjectKind, raw: string, names: AuditNames, t: Translate): string {
  const m = /^([a-z]+):(.+)$/.exec(raw);
  // An export names what it holds: "pulse:wave:3", "privacy:employee:5".
  if (kind === 'export' || (m && m[1] === 'export')) {
    const inner = m && m[1] === 'export' ? m[2]! : raw;
    const nested = /^(?:pulse|privacy|ratings|points|turnaround):(.+)$/.exec(inner);
    return subjectText('none', nested ? nested[1]! : inner, names, t);
  }
  if (m && PREFIX[m[1]!]) return subjectText(PREFIX[m[1]!]!, m[2]!, names, t);
  const id = Number(raw);
  switch (kind) {
    case 'person':
      return (Number.isInteger(id) && names.person(id)) || t('audit.subject.person', { id: raw });
    case 'unit':
      return (Number.isInteger(id) && names.unit(id)) || t('audit.subject.unit', { id: raw });
    case 'platform':
      return word(t, raw);
    case 'tag':
    case 'reward':
    case 'template': {
      const name = Number.isInteger(id) ? names.named?.(kind, id) : undefined;
      return name ? t(`audit.subject.${kind}.named`, { name }) : t(`audit.subject.${kind}`, { id: raw });
    }
    case 'flow':
      return t('audit.subject.flow', { id: word(t, raw) });
    case 'path':
    case 'command':
    case 'none':
      return raw;
    default:
      return t(`audit.subject.${kind}`, { id: raw });
  }
}

function formatValue(field: string, v: unknown, action: string, names: AuditNames, t: Translate): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => formatValue(field, x, action, names, t)).join(t('list.separator'));
  if (typeof v === 'boolean') return t(v ? 'audit.value.yes' : 'audit.value.no');
  if (typeof v === 'number') {
    const fromTo = field === 'from' || field === 'to' ? FROM_TO[action] : undefined;
    if (PERSON_FIELDS.has(field) || fromTo === 'person') return names.person(v) ?? t('audit.subject.person', { id: v });
    if (UNIT_FIELDS.has(field) || fromTo === 'unit') return names.unit(v) ?? t('audit.subject.unit', { id: v });
    if (field === 'courseId') return t('audit.subject.course', { id: v });
    if (field === 'requestId') return t('audit.subject.request', { id: v });
    if (field === 'waveId') return t('audit.subject.wave', { id: v });
    if (field === 'templateId') return subjectText('template', String(v), names, t);
    return String(v);
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${tr(t, `audit.field.${k}`) ?? k}: ${formatValue(k, x, action, names, t)}`)
      .join(t('list.separator'));
  }
  const s = String(v as string);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
  return word(t, s);
}

/** The filter's label for an action. */
export function auditActionLabel(action: string, t: Translate): string {
  return tr(t, `audit.kind.${action}`) ?? t('audit.other');
}

export function describeAudit(row: AuditRowText, names: AuditNames, t: Translate): AuditDescription {
  let detail: Record<string, unknown> = {};
  try {
    const parsed: unknown = row.detail ? JSON.parse(row.detail) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) detail = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: shown under "More" below.
  }
  const kind = SUBJECT_OF[row.action] ?? 'none';
  const subject = row.subject ? subjectText(kind, row.subject, names, t) : '';
  const sentence = tr(t, `audit.did.${row.action}`, { subject }) ?? t('audit.did.other');
  // The unit a view or launch was about names the target ("· 门店一组").
  const unitId =
    typeof detail.unitId === 'number'
      ? detail.unitId
      : typeof detail.audienceUnitId === 'number'
        ? detail.audienceUnitId
        : undefined;
  const unit = unitId !== undefined && kind !== 'unit' ? names.unit(unitId) : undefined;
  // A named tag, reward or template is in the sentence already (in the reader's language; the detail keeps the English name).
  const named =
    (kind === 'tag' || kind === 'reward' || kind === 'template') &&
    row.subject !== null &&
    names.named?.(kind, Number(row.subject)) !== undefined;
  const fields = Object.entries(detail)
    .filter(([k]) => !(unit && (k === 'unitId' || k === 'audienceUnitId')) && !(named && k === 'name'))
    .map(([k, v]) => ({
      label: tr(t, `audit.field.${k}`) ?? t('audit.more'),
      value: formatValue(k, v, row.action, names, t),
    }));
  if (row.detail && Object.keys(detail).length === 0 && !/^\{\s*\}$/.test(row.detail))
    fields.push({ label: t('audit.more'), value: row.detail });
  if (!has(`audit.did.${row.action}`) && row.subject) fields.unshift({ label: t('audit.more'), value: subject });
  return { label: auditActionLabel(row.action, t), summary: unit ? `${sentence} · ${unit}` : sentence, fields };
}
