// Shapes of the API's answers (src/web/routes/*), as the pages use them.
export interface Me {
  id: number;
  name: string;
  unit: string | null;
  roles: string[];
  locale: 'zh-CN' | 'en';
  isManager: boolean;
  isHr: boolean;
  /** Rates someone in an open rating cycle. */
  isRater: boolean;
  csrf: string;
}

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

export interface PulseReport {
  wave: { id: number; openedAt: string; closesAt: string; closed: boolean };
  title: string;
  unit: Unit;
  k: number;
  participation: { asked: number; answered: number; rate: number };
  visible: boolean;
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
  asked: number;
  answered: number;
}

export interface AuditPage {
  rows: { id: number; at: string; actorKind: string; actorId: number | null; actor: string | null; action: string; subject: string | null; detail: string | null }[];
  actions: string[];
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
    recognise: { name: string; dimension: string; from: number; to: number }[];
  } | null;
  message?: string;
}

export interface RaterForm {
  cycleId: number;
  scheme: string;
  closesAt: string;
  people: { subjectId: number; name: string; dimensions: { field: string; name: string; value: number | null }[]; commentField: string; comment: string }[];
}
