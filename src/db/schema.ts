// The tables the domain queries, from the database this process runs on: src/db/sqlite/schema.ts (the
// reference, and the one-command default) or src/db/pg/schema.ts when DATABASE_URL names a PostgreSQL server.
// The domain is typed against the SQLite tables: tests/pg/schema-parity.test.ts holds the two schemas to the
// same tables, columns and TypeScript values, so a query built from these types means the same on both, and
// drizzle's pg dialect writes its SQL from the PostgreSQL tables handed out here.
import { DIALECT } from './dialect.js';
import * as sqliteTables from './sqlite/schema.js';

export type { Role } from '../vocabulary.js';
export {
  ATTENDANCE_SOURCES,
  ATTENDANCE_STATUSES,
  LEDGER_KINDS,
  OUTBOX_STATUSES,
  REQUEST_STATUSES,
} from './sqlite/schema.js';

// Imported only on PostgreSQL: drizzle's pg-core is ~70 modules that a SQLite start need not load (issue 22).
const t = (DIALECT === 'postgres' ? await import('./pg/schema.js') : sqliteTables) as unknown as typeof sqliteTables;

export const orgUnits = t.orgUnits;
export const employees = t.employees;
export const employeeRoles = t.employeeRoles;
export const platformIdentities = t.platformIdentities;
export const orgUnitLinks = t.orgUnitLinks;
export const transfers = t.transfers;
export const departures = t.departures;
export const guideState = t.guideState;
export const managerHistory = t.managerHistory;
export const inboundEvents = t.inboundEvents;
export const outbox = t.outbox;
export const auditLog = t.auditLog;
export const auditPrune = t.auditPrune;
export const sessions = t.sessions;
export const settings = t.settings;
export const surveyTemplates = t.surveyTemplates;
export const surveyDimensions = t.surveyDimensions;
export const surveyItems = t.surveyItems;
export const surveySchedules = t.surveySchedules;
export const surveyWaves = t.surveyWaves;
export const surveyParticipation = t.surveyParticipation;
export const surveyManualReminders = t.surveyManualReminders;
export const surveyReminderLog = t.surveyReminderLog;
export const surveyPool = t.surveyPool;
export const surveyResponses = t.surveyResponses;
export const surveyAnswers = t.surveyAnswers;
export const surveyComments = t.surveyComments;
export const surveyTallies = t.surveyTallies;
export const commentThreads = t.commentThreads;
export const commentMessages = t.commentMessages;
export const conversationPool = t.conversationPool;
export const followUps = t.followUps;
export const exportFiles = t.exportFiles;
export const approvalFlows = t.approvalFlows;
export const approvalRequests = t.approvalRequests;
export const approvalDecisions = t.approvalDecisions;
export const delegations = t.delegations;
export const valueTags = t.valueTags;
export const rewards = t.rewards;
export const ledgerEntries = t.ledgerEntries;
export const ratingSchemes = t.ratingSchemes;
export const ratingCycles = t.ratingCycles;
export const ratingAssignments = t.ratingAssignments;
export const ratings = t.ratings;
export const ratingFeedback = t.ratingFeedback;
export const ratingRaters = t.ratingRaters;
export const ratingResults = t.ratingResults;
export const courses = t.courses;
export const recommendations = t.recommendations;
export const trainingProgress = t.trainingProgress;
export const performanceTalks = t.performanceTalks;
export const sharedFeedback = t.sharedFeedback;
export const announcements = t.announcements;
export const announcementReceipts = t.announcementReceipts;
export const platformLookups = t.platformLookups;
export const unreachedMessages = t.unreachedMessages;
export const jobLeases = t.jobLeases;
export const rateBuckets = t.rateBuckets;
export const sandboxMessages = t.sandboxMessages;
export const ingestSystems = t.ingestSystems;
export const indicators = t.indicators;
export const indicatorValues = t.indicatorValues;
export const indicatorRules = t.indicatorRules;
export const indicatorRuleClaims = t.indicatorRuleClaims;
export const attendanceDays = t.attendanceDays;
export const developmentPaths = t.developmentPaths;
export const pathStages = t.pathStages;
export const pathStageCourses = t.pathStageCourses;
export const pathEnrolments = t.pathEnrolments;
export const pathCourseProgress = t.pathCourseProgress;
