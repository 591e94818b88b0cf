// Shapes of the API's answers, as the pages use them: inferred from the API contract (src/contract), never
// written by hand, so the server and the pages cannot disagree.
import type { Answer } from '../../src/contract/index.js';

export type Me = Answer<'GET /me'>;

export type RequestView = Answer<'GET /requests/:id'>['request'];
export type Home = Answer<'GET /home'>;
export type SurveyForm = Answer<'GET /surveys/:id'>;
export type PointsInfo = Answer<'GET /points'>;
export type TeamPoints = Answer<'GET /team/points'>;
export type MyRatings = Answer<'GET /ratings'>;
export type RatingResult = MyRatings['results'][number];
export type Recommendation = MyRatings['recommendations'][number];
export type TeamRatings = Answer<'GET /team/ratings'>;
export type RaterForm = Answer<'GET /team/ratings/forms'>['forms'][number];

export type PulseAnswer = Answer<'GET /hr/report'>;
export type PulseReport = NonNullable<PulseAnswer['report']>;
/** The smallest published group around a hidden unit of a closed wave, with its own (K-protected) results. */
export type PulseEnclosing = NonNullable<PulseReport['enclosing']>;
export type Unit = PulseReport['unit'];
export type AnonymitySettings = Answer<'GET /hr/settings'>;
export type Wave = Answer<'GET /hr/waves'>['waves'][number];
export type AuditPage = Answer<'GET /hr/audit'>;

export type TeamThread = Answer<'GET /conversations/:threadId'>['thread'];
export type AuthorThread = Answer<'POST /conversation/author'>['thread'];
export type ConversationMessage = TeamThread['messages'][number];
export type ReportComment = PulseReport['commentItems'][number];
