// Shapes of the pulse-admin API's answers (src/web/routes/pulse-*.ts), as the pages use them.
export interface TemplateRow {
  id: number;
  builtIn: boolean;
  name: string;
  dimensions: number;
  items: number;
  waves: number;
}

export interface SpecItem {
  key: string;
  zh: string;
  en: string;
}

export interface SpecDimension {
  key: string;
  nameZh: string;
  nameEn: string;
  items: SpecItem[];
}

export interface TemplateSpec {
  nameZh: string;
  nameEn: string;
  scaleMin: number;
  scaleMax: number;
  commentEnabled: boolean;
  enps: boolean;
  dimensions: SpecDimension[];
}

export interface TemplateDetail extends TemplateSpec {
  id: number;
  builtIn: boolean;
  waves: number;
}

export interface ScheduleRow {
  id: number;
  template: { id: number; name: string };
  cron: string;
  timezone: string;
  nextRuns: string[];
  unit: string | null;
  durationDays: number;
  reminderDays: number[];
  active: boolean;
  lastRun: string | null;
}

export interface SchedulesAnswer {
  timezone: string;
  schedules: ScheduleRow[];
  templates: { id: number; name: string }[];
  units: { id: number; name: string; path: string }[];
}

export type FollowUpStatus = 'open' | 'in_progress' | 'done';

export interface FollowUpRow {
  id: number;
  title: string;
  owner: { id: number; name: string };
  createdBy: { id: number; name: string };
  dueDate: string;
  status: FollowUpStatus;
  unit: string | null;
  waveId: number | null;
  canChange: boolean;
}

export interface FollowUpOptions {
  owners: { id: number; name: string; unit: string | null }[];
  units: { id: number; name: string; path: string }[];
  waves: { id: number; title: string; openedAt: string }[];
  today: string;
}

export interface TrendAnswer {
  trend: {
    title: string;
    templateId: number;
    unit: { id: number; name: string; path: string };
    k: number;
    dimensions: { key: string; name: string }[];
    waves: {
      waveId: number;
      openedAt: string;
      closed: boolean;
      participation: { asked: number; answered: number; rate: number };
      visible: boolean;
      dims: Record<string, number | null>;
    }[];
  } | null;
  message?: string;
}

/** GET /api/hr/waves/:id — one wave for HR: state, participation (counts only), reminders. */
export interface WavePage {
  id: number;
  title: string;
  state: 'open' | 'closing' | 'published';
  openedAt: string;
  closesAt: string;
  closedAt: string | null;
  /** The dates formatted in the company's time zone (the reminders' labels are too). */
  labels: { opened: string; closes: string; closed: string | null };
  k: number;
  participation: { asked: number; answered: number; rate: number };
  units: {
    unitId: number;
    name: string;
    path: string;
    depth: number;
    asked: number;
    answered: number;
    belowK: boolean;
  }[];
  reminders: {
    planned: { at: string; label: string; past: boolean }[];
    lastManual: { at: string; label: string; recipients: number } | null;
    nextManual: { at: string; label: string } | null;
    canRemind: boolean;
  };
}
