// Shapes of the API's answers, as the pages use them: inferred from the API contract (src/contract), never
// written by hand, so the server and the pages cannot disagree.
import type { Answer } from '../../src/contract/index.js';

export type Me = Answer<'GET /me'>;

export interface RequestView {
  id: number;
  version: number;
  kind: 'point_claim' | 'redemption' | 'transfer';
  flowName: string;
  status: 'pending' | 'returned' | 'approved' | 'rejected' | 'cancelled';
  applicant: string;
  fields: { label: string; value: string }[];
  description?: string;
  currentStep?: string;
  waitingOn: string[];
  routingNote?: string;
  timeline: { at: string; who: string; what: string; comment?: string }[];
  canDecide: boolean;
  /** The step offers "return for changes" besides the final reject. */
  canReturn: boolean;
  createdAt: string;
}

export interface Home {
  surveys: { waveId: number; title: string; closesAt: string }[];
  balance: number;
  waiting: RequestView[];
  mine: RequestView[];
}

export interface SurveyForm {
  form: {
    waveId: number;
    title: string;
    closesAt: string;
    commentEnabled: boolean;
    commentMax: number;
    k: number;
    commentK: number;
    sections: { name: string; items: { field: string; text: string; min: number; max: number }[] }[];
    enps?: { field: string; text: string };
  };
  answered: boolean;
  open: boolean;
}

export interface PointsInfo {
  balance: number;
  entries: { at: string; kind: string; points: number; note: string | null }[];
  tags: { id: number; name: string; description: string; points: number }[];
  units: string[];
  rewards: { id: number; name: string; cost: number }[];
}

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

export interface TeamPoints {
  period: string;
  units: Unit[];
  people: number;
  rows: { name: string; points: number }[];
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

export interface RatingResult {
  cycleId: number;
  scheme: string;
  closedAt: string;
  composite: number | null;
  previous: number | null;
  dimensions: { key: string; name: string; weight: number; score: number | null }[];
  missing: string[];
  /** Of the missing, the dimensions nobody may rate for this person. */
  noRater: string[];
  comments: { rater: string; comment: string }[];
}

export interface Recommendation {
  id: number;
  dimension: string;
  reason: 'low' | 'drop';
  course: string;
  url: string | null;
  requestId: number | null;
}

export interface MyRatings {
  results: RatingResult[];
  recommendations: Recommendation[];
}

export interface TeamRatings {
  report: {
    cycleId: number;
    scheme: string;
    closed: boolean;
    unit: string;
    people: number;
    distribution: number[];
    averages: { key: string; name: string; avg: number | null; previous: number | null }[];
    compositeAvg: number | null;
    previousCompositeAvg: number | null;
    notRated: { name: string; missing: string[] }[];
    /** Per dimension, how many of the people in scope have a score. */
    coverage: { key: string; name: string; filled: number; of: number }[];
    recognise: { name: string; dimension: string; from: number; to: number }[];
  } | null;
  message?: string;
}

export interface RaterForm {
  cycleId: number;
  scheme: string;
  closesAt: string;
  people: {
    subjectId: number;
    name: string;
    dimensions: { field: string; name: string; value: number | null }[];
    commentField: string;
    comment: string;
  }[];
}
