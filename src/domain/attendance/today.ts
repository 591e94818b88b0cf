// The store head's "today" (issue 25 §1, the store article): for one unit and its subtree, who is late (and by
// how much), on leave, not clocked in, absent or gone early, and how many are on time. Not anonymous data, so
// no K — but access-ruled: a unit head sees the units they head and below, HR any unit, everyone else nothing.
import type { Db } from '../../db/connection.js';
import type { Person } from '../org/employees.js';
import { activePeopleIn } from '../org/people-in-units.js';
import { allUnits, findUnit, subtreeIds, visibleUnitIds, type UnitNode } from '../org/units.js';
import { attendanceOn } from './attendance-days.js';

export interface TodayPerson {
  id: number;
  name: string;
}

export interface TodayView {
  day: string;
  unit: Pick<UnitNode, 'id' | 'name' | 'path'>;
  /** Active people in the unit and below. */
  people: number;
  late: (TodayPerson & { minutes: number | null })[];
  onLeave: TodayPerson[];
  notClockedIn: TodayPerson[];
  absent: TodayPerson[];
  earlyLeave: TodayPerson[];
  onTime: number;
  /** People with no record for the day (no platform data yet, or none imported). */
  noRecord: TodayPerson[];
  /** The units this viewer may pick. */
  units: Pick<UnitNode, 'id' | 'name' | 'path'>[];
}

export type TodayResult = { ok: true; view: TodayView } | { ok: false; code: 'forbidden' | 'not_found' };

const isHr = (p: Pick<Person, 'roles'>) => p.roles.includes('hr') || p.roles.includes('admin');
const ref = (u: UnitNode) => ({ id: u.id, name: u.name, path: u.path });

/** Whether this person may open the today view at all: HR, or the head of some unit. */
export async function mayOpenToday(db: Db, viewer: Pick<Person, 'id' | 'roles'>): Promise<boolean> {
  return isHr(viewer) || visibleUnitIds(await allUnits(db), viewer).size > 0;
}

/**
 * The day's view of a unit. `unit` (an id, a path or a unique name) defaults to the viewer's own top headed
 * unit, or for HR the whole company. A unit outside what the viewer heads is refused, as is anyone who heads
 * nothing and is not HR.
 */
export async function todayView(
  db: Db,
  viewer: Pick<Person, 'id' | 'roles'>,
  opts: { unit?: string; day: string },
): Promise<TodayResult> {
  const units = await allUnits(db);
  const visible = visibleUnitIds(units, viewer);
  if (visible.size === 0) return { ok: false, code: 'forbidden' };
  let unit: UnitNode | undefined;
  if (opts.unit !== undefined && opts.unit.trim() !== '') {
    unit = findUnit(units, opts.unit);
    if (!unit) return { ok: false, code: 'not_found' };
    if (!visible.has(unit.id)) return { ok: false, code: 'forbidden' };
  } else {
    // The highest visible unit: one whose parent the viewer cannot see (HR: the company root).
    unit = units
      .filter((u) => visible.has(u.id) && (u.parentId === null || !visible.has(u.parentId)))
      .sort((a, b) => a.path.localeCompare(b.path))[0];
    if (!unit) return { ok: false, code: 'forbidden' };
  }
  const people = await activePeopleIn(db, [...subtreeIds(units, unit.id)]);
  const days = await attendanceOn(
    db,
    people.map((p) => p.id),
    opts.day,
  );
  const view: TodayView = {
    day: opts.day,
    unit: ref(unit),
    people: people.length,
    late: [],
    onLeave: [],
    notClockedIn: [],
    absent: [],
    earlyLeave: [],
    onTime: 0,
    noRecord: [],
    units: units
      .filter((u) => visible.has(u.id))
      .map(ref)
      .sort((a, b) => a.path.localeCompare(b.path)),
  };
  for (const p of people) {
    const d = days.get(p.id);
    const who = { id: p.id, name: p.name };
    if (!d) view.noRecord.push(who);
    else if (d.status === 'late') view.late.push({ ...who, minutes: d.lateMinutes });
    else if (d.status === 'on_leave') view.onLeave.push(who);
    else if (d.status === 'not_clocked_in') view.notClockedIn.push(who);
    else if (d.status === 'absent') view.absent.push(who);
    else if (d.status === 'early_leave') view.earlyLeave.push(who);
    else view.onTime += 1;
  }
  // The latest first: the longest wait is what a head acts on.
  view.late.sort((a, b) => (b.minutes ?? 0) - (a.minutes ?? 0) || a.name.localeCompare(b.name));
  return { ok: true, view };
}
