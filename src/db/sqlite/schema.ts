// The database schema (drizzle). Migrations in migrations/ are generated from this file by drizzle-kit
// (`npm run db:generate`) and applied on start; never edit a migration after it has landed.
import { sql } from 'drizzle-orm';
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../vocabulary.js';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const orgUnits = sqliteTable(
  'org_units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => orgUnits.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['company', 'department', 'store'] }).notNull(),
    /** The unit's head (manager of the unit). Set after employees exist, hence nullable. */
    headEmployeeId: integer('head_employee_id'),
    /** Full path of names from the root ("Qingyun/HQ/Finance"): the natural key CSV imports use. */
    path: text('path').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('org_units_path_uq').on(t.path), index('org_units_parent_idx').on(t.parentId)],
);

export const employees = sqliteTable(
  'employees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    email: text('email'),
    locale: text('locale', { enum: ['zh-CN', 'en'] }),
    timezone: text('timezone'),
    title: text('title'),
    /** On leave from/until these days (YYYY-MM-DD, inclusive, the person's own calendar): no survey cards
     *  or reminders then, and left out of the waves the leave overlaps (src/domain/org/leave.ts). */
    leaveFrom: text('leave_from'),
    leaveUntil: text('leave_until'),
    unitId: integer('unit_id').references(() => orgUnits.id),
    managerId: integer('manager_id').references((): AnySQLiteColumn => employees.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('employees_email_uq').on(t.email),
    index('employees_unit_idx').on(t.unitId),
    index('employees_manager_idx').on(t.managerId),
    index('employees_leave_idx').on(t.leaveUntil),
  ],
);

export { ROLES };
export type { Role } from '../../vocabulary.js';

export const employeeRoles = sqliteTable(
  'employee_roles',
  {
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.role] })],
);

/** One employee may be on several platforms; linked by email on first contact or by directory sync. */
export const platformIdentities = sqliteTable(
  'platform_identities',
  {
    platform: text('platform', { enum: ['slack', 'feishu', 'dingtalk', 'sandbox'] }).notNull(),
    platformUserId: text('platform_user_id').notNull(),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    linkedAt: text('linked_at').notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.platformUserId] }),
    uniqueIndex('platform_identities_employee_uq').on(t.employeeId, t.platform),
  ],
);

/** A platform directory's department id -> our org unit, so repeated syncs update rather than duplicate. */
export const orgUnitLinks = sqliteTable(
  'org_unit_links',
  {
    platform: text('platform', { enum: ['slack', 'feishu', 'dingtalk', 'sandbox'] }).notNull(),
    externalId: text('external_id').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [primaryKey({ columns: [t.platform, t.externalId] })],
);

export const transfers = sqliteTable(
  'transfers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    fromUnitId: integer('from_unit_id').references(() => orgUnits.id),
    toUnitId: integer('to_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    reason: text('reason'),
    source: text('source').notNull(),
    at: text('at').notNull().default(now),
  },
  (t) => [index('transfers_employee_idx').on(t.employeeId)],
);

/** Where a person is in their first-run guide (src/domain/guides): the step reached, and when they dismissed
 *  it (then it is no longer offered; `/guide` still opens it). One row per person, written on first use. */
export const guideState = sqliteTable(
  'guide_state',
  {
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    step: integer('step').notNull().default(0),
    dismissedAt: text('dismissed_at'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.employeeId] })],
);

/** A person leaving the organisation (the directory no longer lists them, or marks them inactive), with the
 *  unit they left from: turnover by unit and unit kind reads these with the transfers (issue 25). */
export const departures = sqliteTable(
  'departures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    unitId: integer('unit_id').references(() => orgUnits.id),
    source: text('source').notNull(),
    at: text('at').notNull().default(now),
  },
  (t) => [index('departures_at_idx').on(t.at)],
);

/** Who managed whom, in which unit, when: a row per period (`to` null while it lasts). Dates are YYYY-MM-DD. */
export const managerHistory = sqliteTable(
  'manager_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    managerId: integer('manager_id').references(() => employees.id),
    unitId: integer('unit_id').references(() => orgUnits.id),
    from: text('from').notNull(),
    to: text('to'),
    /** What changed it: `request:<id>` for a transfer, `import`, `sync`, `backfill`. */
    source: text('source').notNull(),
  },
  (t) => [index('manager_history_employee_idx').on(t.employeeId, t.from)],
);

/** Inbound events recorded before they are acted on. Redelivery windows: Slack retries 3 times within
 *  ~5 min; Feishu re-pushes for ~7 h; DingTalk redelivers unacked frames within ~60 s. Rows are kept 7 days. */
export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: text('received_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] }), index('inbound_events_received_idx').on(t.receivedAt)],
);

/** 'superseded': an update replaced by a newer update of the same card before it was sent (never sent). */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead', 'superseded'] as const;

/** Messages caused by a domain change, written in the same transaction, delivered by the worker. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform', { enum: ['slack', 'feishu', 'dingtalk', 'sandbox'] }).notNull(),
    op: text('op', { enum: ['send', 'update'] }).notNull(),
    /** JSON Recipient (send) — for update, the recipient whose copy of the card to edit. */
    recipient: text('recipient').notNull(),
    /** JSON OutgoingMessage. */
    message: text('message').notNull(),
    /** Names a card across its lifetime ("help:12"), so later updates find every sent copy. */
    cardKey: text('card_key'),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Epoch ms; the worker takes rows whose time has come. */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    /** JSON SentRef once delivered. */
    sentRef: text('sent_ref'),
    createdAt: text('created_at').notNull().default(now),
    sentAt: text('sent_at'),
    /** The process sending the row (random per process) and until when (epoch ms) its claim holds: start-up
     *  recovery takes over only expired leases, never a row another live process is sending. */
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until'),
    /** Throttled attempts (429 and the like): counted apart, they never use up `attempts`. */
    throttled: integer('throttled').notNull().default(0),
    /** Epoch ms of the first throttled attempt of the current run of throttling; null once something else happens. */
    throttledSince: integer('throttled_since'),
    /** Why a dead row died, as a catalogue key suffix (delivery.reason.*): what HR is shown. */
    deadReason: text('dead_reason'),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
    index('outbox_due_idx').on(t.platform, t.status, t.nextAttemptAt),
    index('outbox_card_idx').on(t.cardKey, t.platform, t.op),
    // A claim looks for an earlier row of the same person still pending or being sent (claimRow).
    index('outbox_recipient_idx').on(t.platform, t.recipient, t.status),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(now),
    actorEmployeeId: integer('actor_employee_id'),
    /** "system" for scheduled work and imports run from the command line. */
    actorKind: text('actor_kind', { enum: ['employee', 'system'] }).notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    detail: text('detail'),
    /** sha256 of the previous row's hash and this row's fields (src/domain/audit.ts): an edit or a gap breaks
     *  the chain. Triggers in the migration refuse UPDATE and DELETE. */
    hash: text('hash'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action)],
);

/**
 * Where the audit log was pruned by retention (src/domain/retention.ts): rows up to `upto_id` are gone, and
 * `upto_hash` (the last pruned row's hash) lets the chain be verified from the first row that remains. The
 * delete trigger allows removing rows only up to the latest mark. Append-only itself.
 */
export const auditPrune = sqliteTable('audit_prune', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  uptoId: integer('upto_id').notNull(),
  uptoHash: text('upto_hash').notNull(),
  at: text('at').notNull(),
});

/**
 * Mini-app sessions, server-side so they can be ended: the signed cookie holds only the id; this table keeps
 * its sha256 (a copy of the database cannot be replayed as cookies), the person, the CSRF token and the
 * lifetimes. Sign-out and "sign out everywhere" set revoked_at.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    csrf: text('csrf').notNull(),
    via: text('via').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('sessions_employee_idx').on(t.employeeId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Tenant-wide settings (anonymity threshold, default locale overrides…), one JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

// ---------------------------------------------------------------------------------------------------
// Pulse surveys. Anonymity by construction (docs/ARCHITECTURE.md, "Anonymity"): the response tables hold
// no person, no message reference and no time; their keys are random and the tables WITHOUT ROWID, so not
// even the physical order follows the order of answering. Participation (who was asked / has answered)
// lives apart and has no link to any response.

export const surveyTemplates = sqliteTable('survey_templates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Stable key for built-in templates ("team-pulse"); null for templates HR made. */
  key: text('key').unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  scaleMin: integer('scale_min').notNull().default(1),
  scaleMax: integer('scale_max').notNull().default(5),
  commentEnabled: integer('comment_enabled', { mode: 'boolean' }).notNull().default(true),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => employees.id),
  createdAt: text('created_at').notNull().default(now),
});

export const surveyDimensions = sqliteTable('survey_dimensions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  templateId: integer('template_id')
    .notNull()
    .references(() => surveyTemplates.id),
  key: text('key').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  position: integer('position').notNull(),
});

export const surveyItems = sqliteTable(
  'survey_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    templateId: integer('template_id')
      .notNull()
      .references(() => surveyTemplates.id),
    /** Null for the eNPS item, which stands outside the dimensions. */
    dimensionId: integer('dimension_id').references(() => surveyDimensions.id),
    kind: text('kind', { enum: ['scale', 'enps'] }).notNull(),
    key: text('key').notNull(),
    textZh: text('text_zh').notNull(),
    textEn: text('text_en').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('survey_items_key_uq').on(t.templateId, t.key)],
);

export const surveySchedules = sqliteTable('survey_schedules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  templateId: integer('template_id')
    .notNull()
    .references(() => surveyTemplates.id),
  cron: text('cron').notNull(),
  timezone: text('timezone').notNull(),
  /** Null: everyone. */
  audienceUnitId: integer('audience_unit_id').references(() => orgUnits.id),
  durationDays: integer('duration_days').notNull(),
  /** JSON number[]: days after opening to remind; the last day is always a reminder day when > 0. */
  reminderDays: text('reminder_days').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** The scheduled time (ISO) of the latest run launched, so a restart never launches one twice. */
  lastRunFor: text('last_run_for'),
  /** Null: every wave asks the whole template. 3–5: the short weekly format — each wave asks this many items,
   *  rotating through the template so every item is asked once per cycle (src/domain/surveys/short-format.ts). */
  shortSize: integer('short_size'),
  createdBy: integer('created_by').references(() => employees.id),
  createdAt: text('created_at').notNull().default(now),
});

export const surveyWaves = sqliteTable(
  'survey_waves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    templateId: integer('template_id')
      .notNull()
      .references(() => surveyTemplates.id),
    scheduleId: integer('schedule_id').references(() => surveySchedules.id),
    scheduledFor: text('scheduled_for'),
    audienceUnitId: integer('audience_unit_id').references(() => orgUnits.id),
    openedAt: text('opened_at').notNull(),
    closesAt: text('closes_at').notNull(),
    closedAt: text('closed_at'),
    /** JSON number[] of reminder days (see surveySchedules.reminderDays). */
    reminderDays: text('reminder_days').notNull(),
    launchedBy: integer('launched_by').references(() => employees.id),
    /** The anonymity threshold the wave was sent under: every report of it uses this (or a later, higher one). */
    k: integer('k').notNull().default(5),
    /** The comment threshold (≥ k) the wave was sent under. */
    commentK: integer('comment_k').notNull().default(5),
    /** JSON WaveUnit[]: the unit tree at launch. Reports of the wave group by it, whatever the tree is today. */
    tree: text('tree').notNull().default('[]'),
    /** JSON { units: number[]; comments: number[] }: the groups published when the wave closed; null while open. */
    published: text('published'),
    /** JSON number[]: the template items this wave asks (the short format); null: all of them. */
    itemIds: text('item_ids'),
  },
  (t) => [uniqueIndex('survey_waves_schedule_run_uq').on(t.scheduleId, t.scheduledFor)],
);

/** Who was asked and whether they answered — never which response is theirs. */
export const surveyParticipation = sqliteTable(
  'survey_participation',
  {
    waveId: integer('wave_id')
      .notNull()
      .references(() => surveyWaves.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    /** The unit the person was in at launch: reports group by it. */
    unitId: integer('unit_id').references(() => orgUnits.id),
    answered: integer('answered', { mode: 'boolean' }).notNull().default(false),
    remindersSent: integer('reminders_sent').notNull().default(0),
    /** False while no running platform can reach the person: they were not asked, so they count nowhere
     *  (neither asked nor in the rate) until they become reachable and get the card. */
    reachable: integer('reachable', { mode: 'boolean' }).notNull().default(true),
    /** A card or reminder waiting for the person's delivery time (local hour, quiet hours, weekend, leave):
     *  sent by the minute tick once send_after has passed (src/domain/surveys/delivery-queue.ts). */
    pending: text('pending', { enum: ['invite', 'remind'] }),
    sendAfter: text('send_after'),
  },
  (t) => [
    primaryKey({ columns: [t.waveId, t.employeeId] }),
    index('survey_participation_unit_idx').on(t.waveId, t.unitId),
    index('survey_participation_send_idx').on(t.sendAfter),
  ],
);

/**
 * Survey reminders sent to a person (planned or by hand), for the weekly cap across all open waves: kept a week,
 * then pruned by the minute tick. Who was reminded says nothing about answers (participation already holds it).
 */
export const surveyReminderLog = sqliteTable(
  'survey_reminder_log',
  {
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    waveId: integer('wave_id')
      .notNull()
      .references(() => surveyWaves.id),
    sentAt: text('sent_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.employeeId, t.sentAt, t.waveId] }),
    index('survey_reminder_log_sent_idx').on(t.sentAt),
  ],
);

/**
 * Reminders HR sent by hand ("remind non-respondents now"): at most one per wave per calendar day in the
 * company's time zone — the primary key is the cap. Counts only; who was reminded is not kept here.
 */
export const surveyManualReminders = sqliteTable(
  'survey_manual_reminders',
  {
    waveId: integer('wave_id')
      .notNull()
      .references(() => surveyWaves.id),
    /** YYYY-MM-DD in the company's time zone. */
    day: text('day').notNull(),
    sentAt: text('sent_at').notNull(),
    sentBy: integer('sent_by').references(() => employees.id),
    recipients: integer('recipients').notNull(),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.day] })],
);

/**
 * Submissions of an open wave, each sealed (AES-256-GCM, padded to one size) with a key that is not in the
 * database; random key, WITHOUT ROWID, no person and no time. Emptied when the wave closes (secure_delete).
 */
export const surveyPool = sqliteTable('survey_pool', {
  id: text('id').primaryKey(),
  waveId: integer('wave_id')
    .notNull()
    .references(() => surveyWaves.id),
  sealed: blob('sealed', { mode: 'buffer' }).notNull(),
});

/**
 * One row per submission of a closed wave: a random key, the wave, and the respondent's *group* — the
 * smallest group published at close that contains the respondent's unit (so every group holds ≥ K rows).
 * Written at close in shuffled order; submissions outside every published group are never written.
 */
export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: text('id').primaryKey(),
    waveId: integer('wave_id')
      .notNull()
      .references(() => surveyWaves.id),
    unitId: integer('unit_id').references(() => orgUnits.id),
  },
  (t) => [index('survey_responses_wave_idx').on(t.waveId, t.unitId)],
);

export const surveyAnswers = sqliteTable(
  'survey_answers',
  {
    responseId: text('response_id')
      .notNull()
      .references(() => surveyResponses.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => surveyItems.id),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.itemId] })],
);

/** Comments are kept apart from the scores too, so a comment cannot be joined to a set of answers; unit_id is
 *  the smallest group whose comment list was published (≥ the comment threshold), as for responses. */
export const surveyComments = sqliteTable(
  'survey_comments',
  {
    id: text('id').primaryKey(),
    waveId: integer('wave_id')
      .notNull()
      .references(() => surveyWaves.id),
    unitId: integer('unit_id').references(() => orgUnits.id),
    text: text('text').notNull(),
    /** sha256 (hex) of the author's reply key (conversation-rules.ts), written with the text at close; null when
     *  the comment predates conversations. The key itself is only ever with the author. */
    replyKeyHash: text('reply_key_hash'),
  },
  (t) => [index('survey_comments_wave_idx').on(t.waveId, t.unitId)],
);

/**
 * Answer counts of a closed wave per (group, item, value), written at close in the same unit of work as the
 * response rows they count (the report and the trend read these, not the answers: issue 22). Only groups that
 * hold response rows have tallies, i.e. groups published at close (each ≥ K); a tally is the GROUP BY of those
 * rows, so it says no more than the response tables already do — and less (no answers of one response joined).
 * Whether a group is shown today is still decided at read time from the group sizes and today's threshold.
 */
export const surveyTallies = sqliteTable(
  'survey_tallies',
  {
    waveId: integer('wave_id')
      .notNull()
      .references(() => surveyWaves.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => surveyItems.id),
    value: integer('value').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.unitId, t.itemId, t.value] })],
);

/** Issues found from a result ("approval takes too long"), with an owner and a due date. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    waveId: integer('wave_id').references(() => surveyWaves.id),
    unitId: integer('unit_id').references(() => orgUnits.id),
    title: text('title').notNull(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => employees.id),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: ['open', 'in_progress', 'done'] })
      .notNull()
      .default('open'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => employees.id),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    /** When it was last marked done (null while not done): the report's time to resolve. */
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('follow_ups_wave_idx').on(t.waveId)],
);

/** Short-lived downloads (CSV exports, person-data zips) behind an unguessable token; every creation is audited. */
export const exportFiles = sqliteTable('exports', {
  token: text('token').primaryKey(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  body: text('body').notNull(),
  /** How `body` holds the file: text as is, or a binary file (a zip) as base64. */
  encoding: text('encoding', { enum: ['utf8', 'base64'] })
    .notNull()
    .default('utf8'),
  createdBy: integer('created_by')
    .notNull()
    .references(() => employees.id),
  /** What was exported ("pulse:wave:3"), for the download's audit row. */
  what: text('what').notNull().default(''),
  expiresAt: text('expires_at').notNull(),
  createdAt: text('created_at').notNull().default(now),
});

// ---------------------------------------------------------------------------------------------------
// Approvals and points. Flows are data (validated with zod in src/domain/approvals/flow-schema.ts);
// requests move through them by pure transitions; every decision is a row; the ledger is append-only
// (triggers in the migration refuse UPDATE and DELETE).

export const approvalFlows = sqliteTable('approval_flows', {
  key: text('key').primaryKey(),
  /** JSON FlowDefinition. */
  definition: text('definition').notNull(),
  /** Bumped on each change, so an edit based on an old version is refused (stale edit). */
  version: integer('version').notNull().default(1),
  updatedBy: integer('updated_by').references(() => employees.id),
  updatedAt: text('updated_at').notNull().default(now),
});

export const REQUEST_STATUSES = ['pending', 'returned', 'approved', 'rejected', 'cancelled'] as const;

export const approvalRequests = sqliteTable(
  'approval_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    flowKey: text('flow_key')
      .notNull()
      .references(() => approvalFlows.key),
    /** The flow definition as it was when the request was made: later edits don't move running requests. */
    flowSnapshot: text('flow_snapshot').notNull(),
    applicantId: integer('applicant_id')
      .notNull()
      .references(() => employees.id),
    /** JSON payload of the kind (point claim, redemption, transfer). */
    payload: text('payload').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('pending'),
    stepIndex: integer('step_index').notNull().default(0),
    /** JSON number[]: who may decide the current step (one person, or every member of a role). */
    approvers: text('approvers').notNull().default('[]'),
    /** JSON number[]: everyone who has been asked so far, so every copy of the card can be updated. */
    asked: text('asked').notNull().default('[]'),
    /** Why the current approvers were chosen when not by the rule (self-approval skipped, nobody found…). */
    routingNote: text('routing_note'),
    /** Optimistic concurrency: every transition bumps it; a decision based on an older version loses. */
    version: integer('version').notNull().default(1),
    stepStartedAt: text('step_started_at').notNull(),
    remindedAt: text('reminded_at'),
    /** JSON: the current step's rounds (who decides, in which mode, who approved), the steps passed, CC (issue 24). Null on older rows. */
    seats: text('seats'),
    /** JSON: a point claim's duplicate check, done once at submission (duplicates.ts): {of: the earlier claim or null}. Null: not checked (older rows). */
    similar: text('similar'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    // The minute tick's overdue scan walks these in slices, reading only what is due (issue 22): steps by
    // age (escalation, keyset on the id), and reminders by when last sent (never = null). Both begin with the
    // status, so they also serve every status-only lookup the former (status) index did.
    index('approval_requests_status_started_idx').on(t.status, t.stepStartedAt, t.id),
    index('approval_requests_status_reminded_idx').on(t.status, t.remindedAt, t.stepStartedAt),
    // Approved transfers waiting for their effective day, without reading every approved request.
    index('approval_requests_flow_status_idx').on(t.flowKey, t.status),
    index('approval_requests_applicant_idx').on(t.applicantId),
  ],
);

export const approvalDecisions = sqliteTable(
  'approval_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => approvalRequests.id),
    stepIndex: integer('step_index').notNull(),
    actorId: integer('actor_id').references(() => employees.id),
    kind: text('kind', {
      enum: [
        'submit',
        'approve',
        'reject',
        'return',
        'resubmit',
        'cancel',
        'skip',
        'escalate',
        'reroute',
        'hand_over',
        'add_sign',
        'send_back',
        'cc',
        'urge',
      ],
    }).notNull(),
    comment: text('comment'),
    /** JSON: what an action named — the person handed to or added (and where), the step sent back to, who was copied. */
    detail: text('detail'),
    at: text('at').notNull().default(now),
  },
  (t) => [index('approval_decisions_request_idx').on(t.requestId)],
);

export const delegations = sqliteTable('delegations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fromId: integer('from_id')
    .notNull()
    .references(() => employees.id),
  toId: integer('to_id')
    .notNull()
    .references(() => employees.id),
  until: text('until').notNull(),
  createdAt: text('created_at').notNull().default(now),
});

export const valueTags = sqliteTable('value_tags', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionZh: text('description_zh').notNull(),
  descriptionEn: text('description_en').notNull(),
  category: text('category').notNull(),
  points: integer('points').notNull(),
  /** How far an approver may adjust the points, with a reason. */
  minPoints: integer('min_points').notNull(),
  maxPoints: integer('max_points').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(now),
});

export const rewards = sqliteTable('rewards', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  category: text('category', { enum: ['bonus', 'leave', 'training', 'other'] }).notNull(),
  cost: integer('cost').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const LEDGER_KINDS = ['award', 'hold', 'release', 'adjustment'] as const;

/** Append-only. A balance is the sum of an employee's entries. */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    points: integer('points').notNull(),
    /** What caused it: "request:12", "adjustment:hr". */
    source: text('source').notNull(),
    note: text('note'),
    at: text('at').notNull().default(now),
  },
  (t) => [index('ledger_employee_idx').on(t.employeeId, t.at)],
);

// ---------------------------------------------------------------------------------------------------
// Manager ratings. Not anonymous by design (a person's own results, visible to them, their rater chain
// and HR) — and never joined with survey answers.

export const ratingSchemes = sqliteTable('rating_schemes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  /** JSON SchemeDefinition (src/domain/ratings/scheme.ts). */
  definition: text('definition').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => employees.id),
  createdAt: text('created_at').notNull().default(now),
});

export const ratingCycles = sqliteTable('rating_cycles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  schemeId: integer('scheme_id')
    .notNull()
    .references(() => ratingSchemes.id),
  /** The scheme as it was when the cycle opened. */
  schemeSnapshot: text('scheme_snapshot').notNull(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => orgUnits.id),
  openedAt: text('opened_at').notNull(),
  closesAt: text('closes_at').notNull(),
  closedAt: text('closed_at'),
  openedBy: integer('opened_by').references(() => employees.id),
});

/** Who is rated in a cycle, and by whom for each dimension (resolved when the cycle opens). */
export const ratingAssignments = sqliteTable(
  'rating_assignments',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => ratingCycles.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => employees.id),
    dimension: text('dimension').notNull(),
    /** Null for an indicator imported from another system, or when nobody may rate (see noRaterReason). */
    raterId: integer('rater_id').references(() => employees.id),
    /** Why a rated dimension has no rater (e.g. the rule named the person themselves and nobody is above them). */
    noRaterReason: text('no_rater_reason', { enum: ['self_top', 'nobody'] }),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.subjectId, t.dimension] }),
    index('rating_assignments_rater_idx').on(t.cycleId, t.raterId),
  ],
);

/** The current score per (cycle, person, dimension); changes until the cycle closes are audited. */
export const ratings = sqliteTable(
  'ratings',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => ratingCycles.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => employees.id),
    dimension: text('dimension').notNull(),
    value: real('value').notNull(),
    raterId: integer('rater_id').references(() => employees.id),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.subjectId, t.dimension] })],
);

export const ratingFeedback = sqliteTable(
  'rating_feedback',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => ratingCycles.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => employees.id),
    raterId: integer('rater_id')
      .notNull()
      .references(() => employees.id),
    comment: text('comment').notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.subjectId, t.raterId] })],
);

export const ratingRaters = sqliteTable(
  'rating_raters',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => ratingCycles.id),
    raterId: integer('rater_id')
      .notNull()
      .references(() => employees.id),
    remindersSent: integer('reminders_sent').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.raterId] })],
);

/** Computed when a cycle closes: the basis of the person's view, trends and recommendations. */
export const ratingResults = sqliteTable(
  'rating_results',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => ratingCycles.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    /** JSON Record<dimension, score> (scale 1–5, indicators normalised). */
    scores: text('scores').notNull(),
    composite: real('composite'),
    /** JSON string[] of dimensions without a score (the composite was renormalised without them). */
    missing: text('missing').notNull(),
    computedAt: text('computed_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.employeeId] }), index('rating_results_employee_idx').on(t.employeeId)],
);

export const courses = sqliteTable('courses', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** The rating dimension key the course helps with. */
  dimension: text('dimension').notNull(),
  url: text('url'),
  /** What to read or watch for the course: free text with links, shown on the person's training page. */
  materials: text('materials'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const recommendations = sqliteTable(
  'recommendations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => ratingCycles.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    dimension: text('dimension').notNull(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    reason: text('reason', { enum: ['low', 'drop'] }).notNull(),
    /** The approval request created when the person asked to enrol. */
    requestId: integer('request_id').references(() => approvalRequests.id),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('recommendations_uq').on(t.cycleId, t.employeeId, t.dimension)],
);

/**
 * How far a person has got with a course they were approved for (a recommendation whose training request was
 * approved): enrolled → attended → completed (src/domain/growth). No row yet means enrolled; each mark is audited.
 */
export const trainingProgress = sqliteTable(
  'training_progress',
  {
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    state: text('state', { enum: ['enrolled', 'attended', 'completed'] }).notNull(),
    attendedAt: text('attended_at'),
    completedAt: text('completed_at'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.recommendationId] })],
);

/**
 * A performance conversation a manager is asked to hold when a person's dimension dropped in two consecutive
 * cycles (src/domain/growth/talks.ts): created when the cycle closes, once per cycle, person and dimension,
 * with a due time; the manager marks it done.
 */
export const performanceTalks = sqliteTable(
  'performance_talks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => ratingCycles.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    managerId: integer('manager_id')
      .notNull()
      .references(() => employees.id),
    dimension: text('dimension').notNull(),
    /** JSON number[]: the dimension's scores in the three cycles, oldest first (the talking points quote them). */
    scores: text('scores').notNull(),
    dueAt: text('due_at').notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    createdAt: text('created_at').notNull().default(now),
    doneAt: text('done_at'),
  },
  (t) => [
    uniqueIndex('performance_talks_uq').on(t.cycleId, t.employeeId, t.dimension),
    index('performance_talks_manager_idx').on(t.managerId, t.status),
  ],
);

/**
 * Feedback a rater shares with a person right away (not only at a cycle's close): the person gets it at once
 * and can acknowledge it; the rater sees when they did (src/domain/growth/feedback.ts).
 */
export const sharedFeedback = sqliteTable(
  'shared_feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    raterId: integer('rater_id')
      .notNull()
      .references(() => employees.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => employees.id),
    comment: text('comment').notNull(),
    createdAt: text('created_at').notNull().default(now),
    acknowledgedAt: text('acknowledged_at'),
  },
  (t) => [index('shared_feedback_subject_idx').on(t.subjectId), index('shared_feedback_rater_idx').on(t.raterId)],
);

/**
 * The last failed lookup of a person on a platform (findUsers found nobody, or could not ask): remembered
 * briefly so a fan-out to thousands does not re-ask for the same unknown e-mail every minute, and so HR is
 * told the reason. A success deletes the row; a later lookup (next launch, the link job) tries again.
 */
export const platformLookups = sqliteTable(
  'platform_lookups',
  {
    platform: text('platform', { enum: ['slack', 'feishu', 'dingtalk', 'sandbox'] }).notNull(),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    /** The e-mail asked about: a changed e-mail is looked up again at once. */
    email: text('email'),
    reason: text('reason', {
      enum: ['no_email', 'not_found', 'ambiguous', 'inactive', 'forbidden', 'error'],
    }).notNull(),
    /** What to fix, when the platform said (e.g. the missing scope). */
    detail: text('detail'),
    triedAt: text('tried_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.employeeId] })],
);

/**
 * A message for a person no running platform could reach when it was sent (e.g. an approval card for a
 * manager who never opened the app): kept, in their language, and delivered once they become reachable.
 */
export const unreachedMessages = sqliteTable(
  'unreached_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    cardKey: text('card_key'),
    /** The rendered CardView (JSON). A later update of the same card replaces it. */
    card: text('card').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('unreached_messages_employee_idx').on(t.employeeId)],
);

/**
 * Who runs a scheduled job now (the minute tick, the nightly jobs) when several instances share the database:
 * a process (random id per process) holds the job's lease until `until` (epoch ms); another takes it only once
 * it has expired. One row per job, taken and renewed in one statement (src/domain/job-leases.ts).
 */
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  until: integer('until').notNull(),
});

/** Platform rate buckets shared by every instance on this database (issue 21): one row per platform, taken
 *  from by one atomic statement (src/domain/delivery/rate-buckets.ts), so N instances together send at the
 *  platform's rate, not N times it. */
export const rateBuckets = sqliteTable('rate_buckets', {
  key: text('key').primaryKey(),
  /** Tokens left at `updated_at` (fractional: they refill continuously). */
  tokens: real('tokens').notNull(),
  /** Epoch ms of the last refill. */
  updatedAt: integer('updated_at').notNull(),
  /** Epoch ms until which the platform asked for no calls (a throttled answer's Retry-After); 0 when none. */
  pausedUntil: integer('paused_until').notNull().default(0),
  /** 1 when the last take got a token: the take's statement returns it (RETURNING sees only the new row). */
  granted: integer('granted').notNull().default(0),
});

/** The sandbox's chat (demo data; every instance serves any page): one conversation per person, the last 200
 *  messages of each kept. `version` is global and bumped on every change so the page polls for news. */
export const sandboxMessages = sqliteTable(
  'sandbox_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversation: text('conversation').notNull(),
    sender: text('sender', { enum: ['user', 'bot'] }).notNull(),
    text: text('text'),
    /** JSON CardView. */
    card: text('card'),
    version: integer('version').notNull(),
    /** A resend after a crash carries the same key: one message. */
    idempotencyKey: text('idempotency_key'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('sandbox_messages_idempotency_uq').on(t.idempotencyKey),
    uniqueIndex('sandbox_messages_version_uq').on(t.version),
    index('sandbox_messages_conversation_idx').on(t.conversation, t.id),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Conversations on a published comment (issue 23, src/domain/surveys/conversations.ts). Nothing here links the
// author to anything: the author holds a reply key, the thread only its hash; the author's messages have no
// sender and no time but their batch release time. The team side is named (started_by, sender_id).

export const commentThreads = sqliteTable(
  'comment_threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The survey_comments row; no foreign key, so a thread outlives an erased comment and refuses replies. */
    commentId: text('comment_id').notNull(),
    waveId: integer('wave_id')
      .notNull()
      .references(() => surveyWaves.id),
    unitId: integer('unit_id').references(() => orgUnits.id),
    keyHash: text('key_hash').notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    /** The team member who started it (not anonymous). */
    startedBy: integer('started_by')
      .notNull()
      .references(() => employees.id),
    createdAt: text('created_at').notNull().default(now),
    /** When the close becomes visible: the batch time after the author closed (never the time they acted). */
    closedAt: text('closed_at'),
    /** The close was counted in its batch's audit row (releaseDue). */
    closeReleased: integer('close_released', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('comment_threads_comment_uq').on(t.commentId), index('comment_threads_key_idx').on(t.keyHash)],
);

/** Messages of a thread. Random keys, WITHOUT ROWID on SQLite (added by hand to the migration), so the storage order says nothing of the order of writing. */
export const commentMessages = sqliteTable(
  'comment_messages',
  {
    id: text('id').primaryKey(),
    threadId: integer('thread_id')
      .notNull()
      .references(() => commentThreads.id),
    side: text('side', { enum: ['team', 'author'] }).notNull(),
    /** The team member who wrote it; always null for the author. */
    senderId: integer('sender_id').references(() => employees.id),
    body: text('body').notNull(),
    /** The batch time from which the other side sees it: an author message's only time. */
    releaseAt: text('release_at').notNull(),
    /** Counted in its batch's audit row (releaseDue). */
    released: integer('released', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('comment_messages_thread_idx').on(t.threadId, t.releaseAt),
    index('comment_messages_release_idx').on(t.released, t.releaseAt),
  ],
);

/**
 * The author's conversation actions (a reply or a close) until their batch time, each sealed (AES-256-GCM, padded
 * to one size) with a key that is not in the database: a random key, WITHOUT ROWID (added by hand to the
 * migration), the sealed blob and nothing else — no thread, no key hash, no time. releaseDue opens the due ones
 * at the batch time and writes them to comment_messages / comment_threads, so only the tick writes rows that
 * name a thread (src/domain/surveys/conversation-pool.ts).
 */
export const conversationPool = sqliteTable('conversation_pool', {
  id: text('id').primaryKey(),
  sealed: blob('sealed', { mode: 'buffer' }).notNull(),
});

/**
 * A notice HR or a unit head sent to a unit's subtree (audienceUnitId) or the whole company (null), in zh-CN
 * and/or en (src/domain/announcements). Not anonymous: the receipts below say who has read it. remindedAt is
 * set by the one reminder allowed.
 */
export const announcements = sqliteTable(
  'announcements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    senderId: integer('sender_id')
      .notNull()
      .references(() => employees.id),
    audienceUnitId: integer('audience_unit_id').references(() => orgUnits.id),
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
    bodyZh: text('body_zh'),
    bodyEn: text('body_en'),
    createdAt: text('created_at').notNull().default(now),
    remindedAt: text('reminded_at'),
  },
  (t) => [index('announcements_sender_idx').on(t.senderId)],
);

/** One row per person an announcement was sent to: when it was queued for them, and when they acknowledged it. */
export const announcementReceipts = sqliteTable(
  'announcement_receipts',
  {
    announcementId: integer('announcement_id')
      .notNull()
      .references(() => announcements.id),
    personId: integer('person_id')
      .notNull()
      .references(() => employees.id),
    deliveredAt: text('delivered_at').notNull().default(now),
    readAt: text('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.personId] }),
    index('announcement_receipts_person_idx').on(t.personId),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Indicators from business systems (issue 25 §2): per-system tokens, the indicators HR names, the values the
// systems push, and point rules over them (src/domain/indicators/).

/** A system allowed to push indicators (an ERP, a BI job). Only the token's sha-256 is kept. */
export const ingestSystems = sqliteTable('ingest_systems', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: integer('created_by').references(() => employees.id),
  createdAt: text('created_at').notNull().default(now),
  revokedAt: text('revoked_at'),
});

/** An indicator a system may push: its key (as in a rating scheme's indicator dimension), names and unit. */
export const indicators = sqliteTable('indicators', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** percent: values 0–100; number: any finite value. */
  unit: text('unit', { enum: ['percent', 'number'] }).notNull(),
  createdAt: text('created_at').notNull().default(now),
});

/** One value per (system, indicator, subject, period): a re-push updates it in place. */
export const indicatorValues = sqliteTable(
  'indicator_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    systemId: integer('system_id')
      .notNull()
      .references(() => ingestSystems.id),
    indicatorKey: text('indicator_key').notNull(),
    subjectKind: text('subject_kind', { enum: ['person', 'unit'] }).notNull(),
    subjectId: integer('subject_id').notNull(),
    /** YYYY-MM or YYYY-Qn. */
    period: text('period').notNull(),
    value: real('value').notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('indicator_values_uq').on(t.systemId, t.indicatorKey, t.subjectKind, t.subjectId, t.period),
    index('indicator_values_subject_idx').on(t.subjectKind, t.subjectId, t.indicatorKey),
  ],
);

/** "indicator op threshold → points, tag": a value meeting it becomes a point claim for the manager to confirm. */
export const indicatorRules = sqliteTable('indicator_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  indicatorKey: text('indicator_key').notNull(),
  op: text('op', { enum: ['<', '<=', '>', '>='] }).notNull(),
  threshold: real('threshold').notNull(),
  points: integer('points').notNull(),
  tagId: integer('tag_id')
    .notNull()
    .references(() => valueTags.id),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => employees.id),
  createdAt: text('created_at').notNull().default(now),
});

/** The claim a rule made for a person and period: at most one, whatever the re-pushes. */
export const indicatorRuleClaims = sqliteTable(
  'indicator_rule_claims',
  {
    ruleId: integer('rule_id')
      .notNull()
      .references(() => indicatorRules.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    period: text('period').notNull(),
    requestId: integer('request_id')
      .notNull()
      .references(() => approvalRequests.id),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.employeeId, t.period] })],
);

export const ATTENDANCE_STATUSES = ['on_time', 'late', 'early_leave', 'absent', 'on_leave', 'not_clocked_in'] as const;
export const ATTENDANCE_SOURCES = ['feishu', 'dingtalk', 'csv'] as const;

/** A person's attendance on one day of the company calendar (src/domain/attendance): read from Feishu or
 *  DingTalk attendance, or imported from CSV. One row per person and day: a re-sync overwrites it. */
export const attendanceDays = sqliteTable(
  'attendance_days',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => employees.id),
    /** YYYY-MM-DD in the company's time zone. */
    day: text('day').notNull(),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
    lateMinutes: integer('late_minutes'),
    source: text('source', { enum: ATTENDANCE_SOURCES }).notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.personId, t.day] }), index('attendance_days_day_idx').on(t.day)],
);

// ---------------------------------------------------------------------------------------------------
// Development paths (issue 25 §4): HR's paths per role as ordered stages of catalogue courses, the people on
// them and the courses they completed (src/domain/growth/paths*.ts). Apart from training_progress, which is tied
// to a rating cycle's recommendations.

export const developmentPaths = sqliteTable('development_paths', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** Whom it is for, in the company's words ("门店店员"): a label, since employees carry no job role. */
  role: text('role').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => employees.id),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

/** A path's stages in order (position 0, 1, …); months count from the person's start on the path. */
export const pathStages = sqliteTable(
  'path_stages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pathId: integer('path_id')
      .notNull()
      .references(() => developmentPaths.id),
    position: integer('position').notNull(),
    fromMonth: integer('from_month').notNull(),
    toMonth: integer('to_month').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
  },
  (t) => [uniqueIndex('path_stages_uq').on(t.pathId, t.position)],
);

export const pathStageCourses = sqliteTable(
  'path_stage_courses',
  {
    stageId: integer('stage_id')
      .notNull()
      .references(() => pathStages.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.courseId] })],
);

/**
 * A person on a path (one path per person): when they started, the stage they are on (0-based; the number of
 * stages once finished), who assigned it. headNoticeTo: the receiving head a transfer still has to tell.
 */
export const pathEnrolments = sqliteTable(
  'path_enrolments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    pathId: integer('path_id')
      .notNull()
      .references(() => developmentPaths.id),
    startedOn: text('started_on').notNull(),
    currentStage: integer('current_stage').notNull().default(0),
    finishedAt: text('finished_at'),
    assignedBy: integer('assigned_by').references(() => employees.id),
    headNoticeTo: integer('head_notice_to').references(() => employees.id),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('path_enrolments_employee_uq').on(t.employeeId), index('path_enrolments_path_idx').on(t.pathId)],
);

/** A course of the path completed: when, and who marked it (the person, their manager or HR). */
export const pathCourseProgress = sqliteTable(
  'path_course_progress',
  {
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => pathEnrolments.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    completedAt: text('completed_at').notNull(),
    markedBy: integer('marked_by')
      .notNull()
      .references(() => employees.id),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.courseId] })],
);
