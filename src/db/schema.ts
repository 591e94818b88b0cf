// The database schema (drizzle). Migrations in migrations/ are generated from this file by drizzle-kit
// (`npm run db:generate`) and applied on start; never edit a migration after it has landed.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

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
  ],
);

export const ROLES = ['employee', 'manager', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];

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

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

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
  },
  (t) => [
    uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
    index('outbox_due_idx').on(t.platform, t.status, t.nextAttemptAt),
    index('outbox_card_idx').on(t.cardKey, t.platform, t.op),
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
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action)],
);

/** Tenant-wide settings (anonymity threshold, default locale overrides…), one JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});
