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

export interface Unit {
  id: number;
  name: string;
  path: string;
}

/** The smallest published group around a hidden unit of a closed wave, with its own (K-protected) results. */
export interface PulseEnclosing {
  unit: Unit;
  responses: number;
  dimensions: { key: string; name: string; avg: number }[];
  comments: string[];
  commentsHidden: boolean;
}

export interface PulseReport {
  /** `closed` once the wave's results are published (they never change afterwards). */
  wave: { id: number; openedAt: string; closesAt: string; closed: boolean };
  title: string;
  unit: Unit;
  k: number;
  /** The comment threshold in force for this wave (≥ k). */
  commentK: number;
  /** open: participation only (no figures, comments or heatmap values) until wave.closesAt. */
  status: 'open' | 'closed';
  participation: { asked: number; answered: number; rate: number };
  /** False while the wave is open, and for a unit that is not published. */
  visible: boolean;
  /** Why the figures are not shown; null when they are. */
  hidden: 'open' | 'too_few' | 'protected' | null;
  /** For a hidden unit of a closed wave: the smallest published group containing it. */
  enclosing: PulseEnclosing | null;
  responses: number | null;
  dimensionNames: { key: string; name: string }[];
  dimensions: { key: string; name: string; avg: number; previousAvg: number | null; distribution: number[] }[];
  lowest: { text: string; avg: number }[];
  enps: { score: number; promoters: number; passives: number; detractors: number } | null;
  heatmap: { unit: { id: number; name: string }; visible: boolean; dims: Record<string, number> }[];
  comments: string[];
  commentsHidden: boolean;
  followUps: { total: number; done: number };
}

/** GET /api/hr/settings: the thresholds for surveys launched from now on, and their bounds. */
export interface AnonymitySettings {
  anonymityThreshold: number;
  commentThreshold: number;
  minimum: number;
  maximum: number;
  commentMaximum: number;
}

export interface PulseAnswer {
  report: PulseReport | null;
  message?: string;
}

export interface Wave {
  id: number;
  title: string;
  openedAt: string;
  closesAt: string;
  closed: boolean;
  /** open: taking answers; closing: closed, results not yet published; published. */
  state: 'open' | 'closing' | 'published';
  asked: number;
  answered: number;
}

export interface AuditPage {
  /** `text`: the row in the reader's language; `action`/`subject`/`detail` stay raw (a title attribute, exports). */
  rows: {
    id: number;
    at: string;
    actorKind: string;
    actorId: number | null;
    actor: string | null;
    action: string;
    subject: string | null;
    detail: string | null;
    text: { label: string; summary: string; fields: { label: string; value: string }[] };
  }[];
  actions: { value: string; label: string }[];
  actors: { id: number; name: string }[];
  next: number | null;
  total: number;
}
