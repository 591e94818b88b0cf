// Export one person's data (PIPL Art. 45 / GDPR access and portability), end to end on the demo org: Wei Zhang
// gets one record of every kind through the real commands, cards and routes; HR exports him from chat, the
// zip is downloaded with HR's session, unzipped and read. His anonymous survey answer and comment exist in
// the database but are nowhere in the zip; refusals create nothing.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { upsertAttendance } from '../../src/domain/attendance/attendance-days.js';
import { getPerson, linkIdentity } from '../../src/domain/org/employees.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { createFollowUp } from '../../src/domain/surveys/follow-ups.js';
import { actionOf, command, lastCard, press } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, sandboxSignIn, textOf } from '../support/sandbox-client.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const count = async (table: string) => ((await h.sql.row(`select count(*) as n from ${table}`)) as { n: number }).n;
const CANARY = 'CANARY-anonymous-comment-7f3a';
const CLAIM = 'Renegotiated the produce contract (privacy test)';
const FEEDBACK = 'Keep pushing on ownership of the release.';
const FOLLOW_UP = 'Shorten the release checklist';
const SHARED = 'Your release notes were clear and on time';

type Json = Record<string, unknown>;
interface Unzipped {
  raw: Record<string, Uint8Array>;
  /** Decoded as UTF-8 (the decoder drops a BOM; `raw` keeps it). */
  files: Record<string, string>;
  person: Json;
}
function unzip(bytes: Uint8Array): Unzipped {
  const raw = unzipSync(bytes);
  const files = Object.fromEntries(Object.entries(raw).map(([name, data]) => [name, strFromU8(data)]));
  return { raw, files, person: JSON.parse(files['person.json']!) as Json };
}
const csvRows = (csv: string) => csv.trim().split('\r\n');
const hasBom = (b: Uint8Array | undefined) => b !== undefined && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** The download URL on the last card sent to HR (as a path, the harness listens on a random port). */
async function lastDownloadPath(hr: number): Promise<string> {
  const html = (await sb.lastBot(hr)).html ?? '';
  const m = /href="[^"]*?(\/exports\/[\w-]+)"/.exec(html);
  if (!m) throw new Error(`no download link in ${textOf(html)}`);
  return m[1]!;
}

async function download(path: string, cookie?: string) {
  const res = await fetch(`${h.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('export one person’s data', () => {
  let wei: number;
  let ming: number;
  let hr: number;
  let requestId: number;
  let cycleId: number;

  it('gives Wei Zhang a record of every kind', async () => {
    wei = await id('zhang.wei');
    ming = await id('li.ming');
    hr = await id('lin.xiaowen');

    // A point claim, approved by his manager.
    await command(h, wei, 'claim');
    const tagId = ((await h.sql.row("select id from value_tags where name_zh = '流程优化'")) as { id: number }).id;
    expect(
      (
        await press(h, wei, actionOf(await lastCard(h, wei), 'claim.submit'), {
          tag: String(tagId),
          description: CLAIM,
          amount: '15%',
          unit: 'percent',
        })
      ).outcome,
    ).toBe('handled');
    requestId = ((await h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
    await press(h, ming, actionOf(await lastCard(h, ming, `approval:${requestId}`), 'approval.approve'));
    expect(await h.sql.row('select status from approval_requests where id = ?', requestId)).toEqual({
      status: 'approved',
    });

    // A rating with feedback from his manager; the cycle closes, a low score recommends a course, he enrols.
    await command(h, hr, 'rating', 'open team 产品研发部 14');
    cycleId = ((await h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
    const rate = await press(h, ming, actionOf(await lastCard(h, ming, `rating:${cycleId}:${ming}`), 'rating.submit'), {
      [`r_${wei}_attitude`]: '1',
      [`r_${wei}_collaboration`]: '4',
      [`r_${wei}_expression`]: '3',
      [`c_${wei}`]: FEEDBACK,
    });
    expect(rate.outcome).toBe('handled');
    await command(h, hr, 'rating', `close ${cycleId}`);
    // The rest of the team is unrated: closing shows what is missing and HR confirms.
    expect((await press(h, hr, actionOf(await lastCard(h, hr), 'rating.close'))).outcome).toBe('handled');
    const rec = (await h.sql.row(
      'select id from recommendations where employee_id = ? and cycle_id = ?',
      wei,
      cycleId,
    )) as { id: number };
    expect((await press(h, wei, { k: 'course.enrol', id: String(rec.id) })).outcome).toBe('handled');

    // His manager shares a comment with him right away; the course he enrolled in is under way; his manager is
    // asked to hold a performance conversation with him (rows as the growth domain writes them).
    const shared = await command(h, ming, 'rating', `share zhang.wei@qingyun.example ${SHARED}`);
    expect(shared.outcome).toBe('handled');
    expect(await h.sql.row('select count(*) as n from shared_feedback where subject_id = ?', wei)).toEqual({ n: 1 });
    await h.sql.run("insert into training_progress (recommendation_id, state) values (?, 'attended')", rec.id);
    await h.sql.run(
      "insert into performance_talks (cycle_id, employee_id, manager_id, dimension, scores, due_at) values (?, ?, ?, 'attitude', '[4,3,1]', '2099-01-14T00:00:00.000Z')",
      cycleId,
      wei,
      ming,
    );

    // A platform identity, linked the way directory sync or first contact links one.
    await inTransaction(h.app.db, async () => await linkIdentity(h.app.db, 'feishu', 'ou_privacy_test_wei', wei));

    // A follow-up he owns.
    const creator = (await getPerson(h.app.db, hr))!;
    const f = await inTransaction(
      h.app.db,
      async () =>
        await createFollowUp(h.app.db, {
          title: FOLLOW_UP,
          ownerId: wei,
          dueDate: '2099-01-31',
          waveId: null,
          unitId: null,
          creator,
          today: '2020-01-01',
        }),
    );
    expect(f.ok).toBe(true);

    // An audit row about him: an admin signs him out everywhere.
    const admin = await sandboxSession(h, await id('zhao.lei'));
    expect((await call(h, 'POST', `/api/admin/people/${wei}/sign-out`, { session: admin })).status).toBe(200);

    // A pulse survey: six of R&D answer, he with a comment; HR closes it, so his comment is published.
    await sb.send(hr, '/survey launch 产品研发部 7');
    const waveId = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    for (const user of ['zhang.wei', 'li.ming', 'liu.yang', 'chen.jing', 'yang.fan', 'emily.carter']) {
      const card = await sb.lastBot(await id(user));
      const form = sb.form(card.html!);
      const values: Record<string, string> = Object.fromEntries(
        form.fields.filter((x) => x !== 'comment').map((x) => [x, '3']),
      );
      // Comments are published only as a list of at least the comment threshold, so everyone writes one.
      values.comment = user === 'zhang.wei' ? CANARY : `Comment from someone in R&D (${user.length})`;
      expect((await sb.act(await id(user), card.id, form.action, values)).body.outcome).toBe('handled');
    }
    await sb.send(hr, `/survey close ${waveId}`);
    // An attendance day, as a platform sync or HR's CSV would write it (issue 25 §1).
    await unitOfWork(h.app.db, (tx) =>
      upsertAttendance(
        tx,
        [{ personId: wei, day: '2026-03-02', status: 'late', lateMinutes: 12, source: 'csv' }],
        new Date(),
      ),
    );
    // The comment is in the database (published, person-free), so "not in the zip" below can fail.
    expect(await h.sql.row('select count(*) as n from survey_comments where text = ?', CANARY)).toEqual({ n: 1 });
  });

  let zip: Unzipped;

  it('HR exports him from chat and downloads the zip with an HR session', async () => {
    const exportsBefore = await count('exports');
    await sb.send(hr, '/privacy export zhang.wei@qingyun.example');
    const card = textOf((await sb.lastBot(hr)).html);
    expect(card).toContain('个人数据导出已就绪');
    expect(card).toContain('张伟 Wei Zhang');
    expect(await count('exports')).toBe(exportsBefore + 1);
    const path = await lastDownloadPath(hr);

    // No session: sign in first, then come back.
    const anon = await download(path);
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe(`/app/signin?next=${encodeURIComponent(path)}`);
    // An employee (even the person himself) is not HR and did not make it.
    expect((await download(path, await sandboxSignIn(h.url, wei))).status).toBe(403);
    // Another HR person may.
    const res = await download(path, await sandboxSignIn(h.url, await id('zhao.lei')));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="person-${wei}-export.zip"`);
    zip = unzip(res.bytes);

    const audit = (await h.sql.rows(
      "select actor_employee_id as actor, subject, detail from audit_log where action = 'privacy.export'",
    )) as { actor: number; subject: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: hr, subject: `employee:${wei}` });
    // Counts only: no name or email of the person in the audit detail.
    expect(audit[0]!.detail).not.toMatch(/Wei|张伟|zhang\.wei/);
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'export.download' and subject = ?",
        `export:privacy:employee:${wei}`,
      ),
    ).toEqual({ n: 1 });
  });

  it('holds every kind of record, structured and as CSV', async () => {
    const p = zip.person as {
      profile: Json;
      identities: Json[];
      points: { balance: number; entries: Json[] };
      approvals: { requests: Json[]; decisionsOnTheirRequests: Json[]; decisionsTaken: Json[] };
      ratings: { results: Json[]; received: Json[]; given: Json[]; feedbackReceived: Json[]; feedbackGiven: Json[] };
      followUps: Json[];
      courses: Json[];
      surveyParticipation: Json[];
      audit: Json[];
      notice: Record<string, string>;
    };
    expect(p.profile).toMatchObject({
      id: wei,
      name: '张伟 Wei Zhang',
      email: 'zhang.wei@qingyun.example',
      unitName: '产品研发部',
      managerId: ming,
      managerName: '李明 Ming Li',
      locale: 'zh-CN',
      roles: ['employee'],
    });
    expect(p.identities).toEqual([
      expect.objectContaining({ platform: 'feishu', platformUserId: 'ou_privacy_test_wei' }),
    ]);
    expect(p.points.balance).toBe(120);
    expect(p.points.entries).toEqual([
      expect.objectContaining({ kind: 'award', points: 120, source: `request:${requestId}` }),
    ]);
    expect(p.approvals.requests.map((r) => r.id)).toContain(requestId);
    expect(JSON.stringify(p.approvals.requests)).toContain(CLAIM);
    expect(
      p.approvals.decisionsOnTheirRequests.filter((d) => d.requestId === requestId).map((d) => [d.kind, d.actorId]),
    ).toEqual([
      ['submit', wei],
      ['approve', ming],
    ]);
    expect(p.approvals.decisionsTaken.map((d) => d.kind)).toContain('submit');
    expect(p.ratings.received.map((r) => [r.dimension, r.value, r.raterId]).sort()).toEqual([
      ['attitude', 1, ming],
      ['collaboration', 4, ming],
      ['expression', 3, ming],
    ]);
    expect(p.ratings.feedbackReceived).toEqual([
      expect.objectContaining({ cycleId, raterId: ming, comment: FEEDBACK }),
    ]);
    expect(p.ratings.results).toEqual([
      expect.objectContaining({ cycleId, scores: { attitude: 1, collaboration: 4, expression: 3 } }),
    ]);
    expect(p.ratings.given).toEqual([]);
    expect(p.followUps).toEqual([expect.objectContaining({ title: FOLLOW_UP, ownerId: wei, createdBy: hr })]);
    expect(p.courses).toEqual([
      expect.objectContaining({
        cycleId,
        dimension: 'attitude',
        courseNameEn: 'Ownership and initiative workshop',
        enrolmentStatus: 'pending',
      }),
    ]);
    expect(p.courses[0]!.enrolmentRequestId).toEqual(expect.any(Number));
    expect(p.surveyParticipation).toEqual([expect.objectContaining({ answered: true })]);
    const zhao = await id('zhao.lei');
    expect(
      p.audit.some(
        (a) => a.action === 'auth.sign_out_everywhere' && a.subject === `employee:${wei}` && a.actorEmployeeId === zhao,
      ),
    ).toBe(true);
    expect(p.audit.some((a) => a.actorEmployeeId === wei)).toBe(true);

    // One CSV per kind, with a BOM for Excel, and the rows the JSON has.
    for (const f of [
      'profile',
      'identities',
      'points',
      'approval-requests',
      'approval-decisions-on-their-requests',
      'ratings-received',
      'rating-feedback-received',
      'rating-results',
      'follow-ups',
      'courses',
      'training',
      'performance-talks',
      'shared-feedback',
      'survey-participation',
      'departures',
      'attendance',
      'audit',
    ]) {
      expect(hasBom(zip.raw[`${f}.csv`]), f).toBe(true);
    }
    expect(csvRows(zip.files['ratings-received.csv']!)).toHaveLength(4);
    expect(zip.files['rating-feedback-received.csv']).toContain(FEEDBACK);
    expect(zip.files['follow-ups.csv']).toContain(FOLLOW_UP);
    expect(zip.files['shared-feedback.csv']).toContain(SHARED);
    expect(zip.files['shared-feedback.csv']).toContain('李明 Ming Li');
    expect(csvRows(zip.files['training.csv']!)[1]).toContain(',attended,');
    expect(zip.files['performance-talks.csv']).toContain('attitude');
    expect(csvRows(zip.files['attendance.csv']!)[1]).toContain('2026-03-02,late,12,csv');
    expect(csvRows(zip.files['points.csv']!)[1]).toContain(',award,120,');
    expect(zip.files['profile.csv']).toContain('张伟 Wei Zhang');
    // Who managed them when is theirs to see too (one open period since the demo org was seeded).
    expect(csvRows(zip.files['manager-history.csv']!).length).toBeGreaterThanOrEqual(2);

    // Both languages say that anonymous answers are not, and cannot be, here.
    expect(zip.files['README.txt']).toContain('They are anonymous by construction');
    expect(zip.files['README.txt']).toContain('在设计上就是匿名的');
    expect(Object.keys(p.notice).sort()).toEqual(['en', 'zh-CN']);
  });

  it('holds no survey answer or comment content', () => {
    for (const [name, text] of Object.entries(zip.files)) expect(text, name).not.toContain(CANARY);
    const p = zip.person as Json;
    expect(Object.keys(p)).not.toContain('surveyResponses');
    // Participation only: no answer values, no item ids.
    expect(Object.keys((p.surveyParticipation as Json[])[0]!).sort()).toEqual([
      'answered',
      'closesAt',
      'openedAt',
      'remindersSent',
      'unitIdAtLaunch',
      'waveId',
    ]);
  });

  it('the rater’s export holds the ratings and feedback he gave', async () => {
    await sb.send(hr, '/privacy export 李明');
    const res = await download(await lastDownloadPath(hr), await sandboxSignIn(h.url, hr));
    const p = unzip(res.bytes).person as {
      ratings: { given: Json[]; feedbackGiven: Json[] };
      approvals: { decisionsTaken: Json[] };
    };
    expect(p.ratings.given.filter((r) => r.subjectId === wei)).toHaveLength(3);
    expect(p.ratings.feedbackGiven).toEqual([
      expect.objectContaining({ subjectId: wei, otherName: '张伟 Wei Zhang', comment: FEEDBACK }),
    ]);
    expect(p.approvals.decisionsTaken).toEqual(
      expect.arrayContaining([expect.objectContaining({ requestId, kind: 'approve', applicantId: wei })]),
    );
  });

  it('an unknown person gets a clear error and nothing is created', async () => {
    const before = {
      exports: await count('exports'),
      audits: await count("audit_log where action = 'privacy.export'"),
    };
    await sb.send(hr, '/privacy export nobody@qingyun.example');
    expect(textOf((await sb.lastBot(hr)).html)).toContain('组织中没有与“nobody@qingyun.example”匹配的人');
    const en = await id('olivia.brown');
    await inTransaction(
      h.app.db,
      async () => await h.sql.run("insert into employee_roles (employee_id, role) values (?, 'hr')", en),
    );
    await sb.send(en, '/privacy export Nobody Here');
    expect(textOf((await sb.lastBot(en)).html)).toContain('No one in the organisation matches "Nobody Here"');
    expect({
      exports: await count('exports'),
      audits: await count("audit_log where action = 'privacy.export'"),
    }).toEqual(before);
  });

  it('an employee or a manager is refused and nothing is created', async () => {
    const before = await count('exports');
    const refusals = async () =>
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'command.forbidden' and subject = '/privacy'",
      );
    expect(await refusals()).toEqual({ n: 0 });
    for (const who of [wei, ming]) {
      await sb.send(who, '/privacy export zhang.wei@qingyun.example');
      // A refusal (issue 16, item 12): titled so, naming the command, pointing to /help.
      expect(textOf((await sb.lastBot(who)).html)).toContain('没有权限 你的角色不能使用命令 /privacy。');
    }
    expect(await count('exports')).toBe(before);
    expect(await refusals()).toEqual({ n: 2 });
  });
});
