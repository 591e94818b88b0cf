// The demo company's development path (issue 25 §4): HR's store staff path of the article (months 1–3 basics,
// 3–6 store management, 6–12 operations) over the default courses, with two people on it — a cook four months in
// who finished the basics, and a server who started last month — so /path, the team page and "My path" have
// something to show. Through the domain functions a person's actions would call, dated from `now`.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { courses, employees, employeeRoles } from '../../db/schema.js';
import { getPerson } from '../org/employees.js';
import { assignPath, markPathCourse } from '../growth/path-enrolments.js';
import { savePath } from '../growth/paths.js';

const dayMonthsBefore = (now: Date, months: number) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

async function personId(db: Db, email: string): Promise<number | undefined> {
  return (await db.select({ id: employees.id }).from(employees).where(eq(employees.email, email)).limit(1))[0]?.id;
}

export async function seedDemoPaths(db: Db, now: Date): Promise<void> {
  const hrRow = (
    await db.select({ id: employeeRoles.employeeId }).from(employeeRoles).where(eq(employeeRoles.role, 'hr')).limit(1)
  )[0];
  const hr = hrRow && (await getPerson(db, hrRow.id));
  const byDimension = new Map(
    (await db.select({ id: courses.id, dimension: courses.dimension }).from(courses)).map((c) => [c.dimension, c.id]),
  );
  const course = (d: string) => byDimension.get(d);
  const [quality, service, collaboration, attitude] = [
    course('dish_quality'),
    course('complaints'),
    course('collaboration'),
    course('attitude'),
  ];
  if (!hr || !quality || !service || !collaboration || !attitude) return;
  const saved = await savePath(db, {
    actor: hr,
    now,
    body: {
      nameZh: '门店员工成长路径',
      nameEn: 'Store staff growth path',
      role: '门店员工 / store staff',
      stages: [
        { nameZh: '岗位基础', nameEn: 'Basics', fromMonth: 1, toMonth: 3, courseIds: [quality, service] },
        { nameZh: '门店管理', nameEn: 'Store management', fromMonth: 3, toMonth: 6, courseIds: [collaboration] },
        { nameZh: '运营', nameEn: 'Operations', fromMonth: 6, toMonth: 12, courseIds: [attitude] },
      ],
    },
  });
  if (!saved.ok) return;
  const today = now.toISOString().slice(0, 10);
  const people: [string, number, number[]][] = [
    ['song.tao@qingyun.example', 4, [quality, service]],
    ['han.bing@qingyun.example', 1, [quality]],
  ];
  for (const [email, months, done] of people) {
    const id = await personId(db, email);
    const person = id === undefined ? undefined : await getPerson(db, id);
    if (!person?.managerId) continue;
    const manager = (await getPerson(db, person.managerId))!;
    const r = await assignPath(db, {
      actor: manager,
      employeeId: person.id,
      pathId: saved.id,
      startedOn: dayMonthsBefore(now, months),
      today,
      now,
    });
    if (!r.ok) continue;
    for (const courseId of done) await markPathCourse(db, { actor: person, employeeId: person.id, courseId, now });
  }
}
