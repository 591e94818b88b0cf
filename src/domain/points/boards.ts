// Leaderboards by calendar period (this week, month, quarter, year, or all time) in the company's time zone,
// for anyone: employees see their own unit, managers the units they lead, HR any unit. Chat and the mini-app
// both ask here, so the two always agree on who may see which board and on what "this month" is.
import type { Db } from '../../db/connection.js';
import type { Person } from '../org/employees.js';
import { employeeIdsInUnits } from '../org/people-in-units.js';
import { subtreeIds, visibleUnitIds, type UnitNode } from '../org/units.js';
import { leaderboard } from './ledger.js';
import { periodLabel, periodRange } from './periods.js';

export const BOARD_PERIODS = ['week', 'month', 'quarter', 'year', 'all'] as const;
export type BoardPeriod = (typeof BOARD_PERIODS)[number];

/** The units whose board a person may open: their own unit, those they lead, every unit for HR. */
export function boardUnits(units: readonly UnitNode[], person: Pick<Person, 'id' | 'roles' | 'unitId'>): UnitNode[] {
  const visible = visibleUnitIds(units, person);
  return units.filter((u) => visible.has(u.id) || u.id === person.unitId);
}

/** The board a person sees when they name none: HR the whole company, a head their unit, others their own. */
export function defaultBoardUnit(
  units: readonly UnitNode[],
  person: Pick<Person, 'id' | 'roles' | 'unitId'>,
): UnitNode | undefined {
  const hr = person.roles.includes('hr') || person.roles.includes('admin');
  return hr
    ? units.find((u) => u.parentId === null)
    : (units.find((u) => u.headEmployeeId === person.id) ?? units.find((u) => u.id === person.unitId));
}

export interface Board {
  unit: UnitNode | undefined;
  period: BoardPeriod;
  /** 2026-03, 2026-Q1, 2026, the week's Monday; empty for all time. */
  label: string;
  rows: { employeeId: number; name: string; points: number }[];
}

/** The board of `unit` (checked by the caller with boardUnits) for the period that contains `now`. */
export async function calendarBoard(
  db: Db,
  opts: {
    units: readonly UnitNode[];
    unit: UnitNode | undefined;
    /** Who is on a board with no unit (a person in no unit): only themselves. */
    self: number;
    period: BoardPeriod;
    now: Date;
    timeZone: string;
    limit?: number;
  },
): Promise<Board> {
  const people = opts.unit ? await employeeIdsInUnits(db, subtreeIds(opts.units, opts.unit.id)) : [opts.self];
  const range = opts.period === 'all' ? undefined : periodRange(opts.now, opts.period, opts.timeZone);
  const rows = people.length
    ? await leaderboard(db, { since: range?.from, until: range?.until, employeeIds: people, limit: opts.limit })
    : [];
  return {
    unit: opts.unit,
    period: opts.period,
    label: opts.period === 'all' ? '' : periodLabel(opts.now, opts.period, opts.timeZone),
    rows,
  };
}
