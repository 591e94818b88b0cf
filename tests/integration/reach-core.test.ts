// Reach's core rules with a scripted platform (our own test double of an adapter's findUsers): a platform
// account already linked to someone else is not taken over, a lookup that throws is an 'error' retried later,
// failed lookups are remembered (the minute tick does not re-ask) but a launch and the link job ask again.
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../support/db.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { createReach, reasonsText, type Reach } from '../../src/bot/reach.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/db/connection.js';
import type { FoundPerson, PersonToFind, Platform, PlatformAdapter } from '../../src/bot/port.js';
import { linkIdentity } from '../../src/domain/org/employees.js';
import { inTransaction } from '../../src/db/connection.js';
import { translator } from '../../src/i18n/index.js';
import { card } from '../../cards/view.js';
import { surveyMessenger } from '../../src/bot/features/surveys.js';
import { deliveryReportView, waitingForReach } from '../../src/bot/delivery-report.js';
import { deliveryReportCard } from '../../cards/delivery.js';
import { outboxNotifier } from '../../src/bot/outbox.js';
import { getWave, launchWave } from '../../src/domain/surveys/waves.js';
import { waveStatus } from '../../src/domain/surveys/wave-status.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { sqlFor } from '../support/sql.js';

/** A platform whose directory is a map e-mail → user id; `fail` makes the next call throw. */
class ScriptedFinder implements PlatformAdapter {
  readonly platform = 'feishu' as const;
  readonly limits = { ratePerSecond: 100, burst: 100 };
  readonly asked: string[][] = [];
  fail = false;
  constructor(readonly accounts: Map<string, string>) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async send(): Promise<never> {
    throw new Error('not used');
  }
  async update(): Promise<void> {}
  async findUsers(people: readonly PersonToFind[]): Promise<FoundPerson[]> {
    this.asked.push(people.map((p) => p.email ?? '-'));
    if (this.fail) {
      this.fail = false;
      throw new Error('connection reset');
    }
    return people.map((p): FoundPerson => {
      if (!p.email) return { employeeId: p.employeeId, found: false, reason: 'no_email' };
      const id = this.accounts.get(p.email);
      return id
        ? { employeeId: p.employeeId, found: true, platformUserId: id }
        : { employeeId: p.employeeId, found: false, reason: 'not_found' };
    });
  }
}

const config = loadConfig({ DATABASE_PATH: ':memory:', DEMO_SEED: 'never', SANDBOX_ENABLED: 'false' });
const idOf = async (db: Db, user: string) =>
  ((await sqlFor(db).row('select id from employees where email = ?', `${user}@qingyun.example`)) as { id: number }).id;

let db: Db;
let finder: ScriptedFinder;
let reach: Reach;
let clock: Date;
beforeEach(async () => {
  db = await freshDb();
  await seedDemoOrg(db);
  finder = new ScriptedFinder(
    new Map([
      ['zhang.wei@qingyun.example', 'ou_zw'],
      ['liu.yang@qingyun.example', 'ou_shared'],
    ]),
  );
  clock = new Date('2026-03-02T09:00:00Z');
  reach = createReach({
    db,
    config,
    adapters: new Map<Platform, PlatformAdapter>([['feishu', finder]]),
    logger: createLogger('silent'),
    now: () => clock,
  });
});

describe('reach with a scripted platform', () => {
  it('links the found, refuses an account already linked to someone else, and says why for the rest', async () => {
    const [zw, ly, he] = [await idOf(db, 'zhang.wei'), await idOf(db, 'liu.yang'), await idOf(db, 'he.jun')];
    // The account liu.yang's e-mail leads to is already He Jun's: two people behind one account is refused.
    await inTransaction(db, async () => await linkIdentity(db, 'feishu', 'ou_shared', he));
    const r = await reach.resolve([zw, ly], { force: true });
    expect(r.reachable).toEqual([zw]);
    expect(r.unreachable).toEqual([
      { employeeId: ly, name: '刘洋 Yang Liu', reasons: [{ platform: 'feishu', reason: 'ambiguous' }] },
    ]);
    expect(
      await sqlFor(db).row("select employee_id as e from platform_identities where platform_user_id = 'ou_shared'"),
    ).toEqual({ e: he });
    expect(reasonsText(r.unreachable[0]!, translator('en'))).toBe(
      translator('en')('reach.reason.ambiguous', { platform: 'Feishu' }),
    );
  });

  it('a lookup that throws is an error for those people, tried again by the next launch; nothing is asked every minute', async () => {
    const xl = await idOf(db, 'xu.lan');
    finder.fail = true;
    const first = await reach.resolve([xl], { force: true });
    expect(first.unreachable[0]!.reasons).toEqual([{ platform: 'feishu', reason: 'error' }]);
    // A minute later, without force (the tick): remembered, not asked again.
    clock = new Date(clock.getTime() + 60_000);
    expect(await reach.needsLookup([xl])).toBe(false);
    await reach.resolve([xl]);
    expect(finder.asked).toHaveLength(1);
    // The next launch asks again, and the platform now answers 'not_found'.
    const again = await reach.resolve([xl], { force: true });
    expect(finder.asked).toHaveLength(2);
    expect(again.unreachable[0]!.reasons).toEqual([{ platform: 'feishu', reason: 'not_found' }]);
    // After the memory runs out the tick may ask too — nothing is given up for ever.
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect(await reach.needsLookup([xl])).toBe(true);
  });

  it('a wave launched without a lookup (a schedule) places the unlinked as not reachable; the minute tick finds them and they join', async () => {
    const running = reach.running;
    const messenger = surveyMessenger(
      db,
      outboxNotifier({ db, platforms: running, defaultLocale: 'zh-CN' }),
      config,
      running,
    );
    const unit = ((await sqlFor(db).row("select id from org_units where name = '产品研发部'")) as { id: number }).id;
    await inTransaction(db, async () => await linkIdentity(db, 'feishu', 'ou_lm', await idOf(db, 'li.ming')));
    const r = await inTransaction(
      db,
      async () =>
        await launchWave(db, messenger, {
          templateId: await ensureDefaultTemplate(db),
          audienceUnitId: unit,
          closesAt: new Date(clock.getTime() + 7 * 86_400_000),
          reminderDays: [],
          now: clock,
          actor: { kind: 'system' },
        }),
    );
    if (!r.ok) throw new Error(r.code);
    expect([r.asked, r.unreachable.length]).toEqual([1, 7]);
    const asked = async () => (await waveStatus(db, (await getWave(db, r.wave.id))!, clock)).asked;
    expect(await asked()).toBe(1);
    // The tick: Wei Zhang and Yang Liu are in the platform's directory — found, linked, invited, counted.
    await reach.resolveUnreached();
    expect(await asked()).toBe(3);
    const invited = (await sqlFor(db).rows(
      "select recipient from outbox where card_key = ? and platform = 'feishu'",
      `survey:${r.wave.id}`,
    )) as { recipient: string }[];
    expect(invited.map((x) => JSON.parse(x.recipient).platformUserId).sort()).toEqual(['ou_lm', 'ou_shared', 'ou_zw']);
  });

  it('a card for someone no platform reaches is kept, delivered when they are found, and dropped if they leave first', async () => {
    const notify = outboxNotifier({ db, platforms: reach.running, defaultLocale: 'zh-CN' });
    const [zw, xl] = [await idOf(db, 'zhang.wei'), await idOf(db, 'xu.lan')];
    const note = card({ header: { title: 'A request waits for you', tone: 'info' }, blocks: [] });
    await inTransaction(db, async () => {
      await notify.toEmployee(zw, () => note, { cardKey: 'approval:7' });
      await notify.toEmployee(xl, () => note, { cardKey: 'approval:8' });
    });
    expect(await sqlFor(db).row('select count(*) as n from outbox')).toEqual({ n: 0 });
    // Lan Xu leaves before anyone finds her; Wei Zhang is found by the tick.
    await sqlFor(db).run('update employees set active = false where id = ?', xl);
    await reach.resolveUnreached();
    expect(await sqlFor(db).rows('select card_key as k, recipient from outbox')).toEqual([
      { k: 'approval:7', recipient: JSON.stringify({ kind: 'user', platformUserId: 'ou_zw' }) },
    ]);
    expect(await sqlFor(db).row('select count(*) as n from unreached_messages')).toEqual({ n: 0 });
  });

  it("HR's delivery report lists who has messages kept, how many, and why they are not reached (with what to fix)", async () => {
    const notify = outboxNotifier({ db, platforms: reach.running, defaultLocale: 'zh-CN' });
    const xl = await idOf(db, 'xu.lan');
    const note = card({ header: { title: 'A request waits for you', tone: 'info' }, blocks: [] });
    await inTransaction(db, async () => {
      await notify.toEmployee(xl, () => note, { cardKey: 'approval:9' });
      await notify.toEmployee(xl, () => note, { cardKey: 'approval:10' });
    });
    const t = translator('en');
    expect(await waitingForReach(db, t)).toEqual([
      { person: expect.stringContaining('Lan Xu'), messages: 2, reasons: t('delivery.waiting.notLookedUp') },
    ]);
    await reach.resolveUnreached();
    const [waiting] = await waitingForReach(db, t);
    expect(waiting).toMatchObject({
      messages: 2,
      reasons: t('reach.reason.not_found', { platform: 'Feishu', detail: t('reach.detail.unknown') }),
    });
    const shown = JSON.stringify(
      deliveryReportCard(await deliveryReportView(db, translator('zh-CN')), translator('zh-CN')),
    );
    expect(shown).toContain('Lan Xu');
    expect(shown).toContain(translator('zh-CN')('delivery.waiting.title', { n: 1 }));
  });
});
