// Shapes of the pulse-admin API's answers (src/web/routes/pulse-*.ts), as the pages use them: inferred from
// the API contract (src/contract/pulse-*.ts), never written by hand.
import type { Answer } from '../../../../src/contract/index.js';

export type TemplateRow = Answer<'GET /hr/templates'>['templates'][number];
export type TemplateDetail = Answer<'GET /hr/templates/:id'>['template'];
/** A template as the builder edits and sends it (a stored one's spec without its id, counts and built-in key). */
export type TemplateSpec = Omit<TemplateDetail, 'id' | 'builtIn' | 'waves' | 'key'>;
export type SpecDimension = TemplateSpec['dimensions'][number];
export type SpecItem = SpecDimension['items'][number];

export type SchedulesAnswer = Answer<'GET /hr/schedules'>;
export type ScheduleRow = SchedulesAnswer['schedules'][number];

export type FollowUpRow = Answer<'GET /followups'>['followUps'][number];
export type FollowUpStatus = FollowUpRow['status'];
export type FollowUpOptions = Answer<'GET /followups/options'>;

export type TrendAnswer = Answer<'GET /hr/trend'>;

/** GET /api/hr/waves/:id — one wave for HR: state, participation (counts only), reminders. */
export type WavePage = Answer<'GET /hr/waves/:id'>;
