// `/org sync` from chat and `npm run org:sync` from the shell, both against the local Feishu emulator.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startFeishuEmulator, type FeishuEmulator } from '../../emulators/feishu/open-api.js';
import type { Harness } from '../../support/harness.js';
import { addFeishuDepartment, feishuEnv, useEmulatorAndHarness } from '../../support/platform-harness.js';
import { command, lastCard, textOfCard } from '../../support/cards.js';
import { ownDatabase } from '../../support/own-database.js';

let emu: FeishuEmulator;
let h: Harness;

useEmulatorAndHarness(
  startFeishuEmulator,
  (e) => feishuEnv(e, 'tok'),
  (started) => {
    ({ emu, h } = started);
    addFeishuDepartment(
      emu,
      { id: 'od-ops', name: 'Field Ops' },
      { openId: 'ou_ops_head', name: 'Ops Head', email: 'ops.head@feishu-emu.example' },
      { openId: 'ou_ops_1', name: 'Ops One', email: 'ops.one@feishu-emu.example' },
    );
  },
);

describe('directory sync', () => {
  it('HR runs /org sync in chat and gets the change report when it is done', async () => {
    const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id;
    await command(h, hr, 'org', 'sync');
    expect(textOfCard(await lastCard(h, hr))).toContain('开始同步通讯录');
    await h.drainOutbox();
    const report = textOfCard(await lastCard(h, hr));
    expect(report).toContain('已从 feishu 同步通讯录');
    expect(report).toContain('➕ 2: Ops Head, Ops One');
    expect((await h.employeeByEmail('ops.one@feishu-emu.example'))!.managerId).toBe(
      (await h.employeeByEmail('ops.head@feishu-emu.example'))!.id,
    );
    expect(await h.sql.row("select actor_employee_id as a from audit_log where action = 'org.sync'")).toEqual({
      a: hr,
    });
  });

  it('an employee cannot run it', async () => {
    const someone = (await h.employeeByEmail('he.jun@qingyun.example'))!.id;
    await command(h, someone, 'org', 'sync');
    expect(textOfCard(await lastCard(h, someone))).toMatch(/没有权限|我不认识命令/);
  });

  it('npm run org:sync does the same from the shell', async () => {
    // A database of its own (on a PostgreSQL run, not the cluster's default one the run's URL names).
    const database = await ownDatabase(join(mkdtempSync(join(tmpdir(), 'vitality-sync-')), 'sync.db'));
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/org-sync.ts'], {
      env: {
        ...process.env,
        ...database,
        ...feishuEnv(emu, 'tok'),
        DEFAULT_LOCALE: 'en',
      },
    });
    expect(stdout).toContain('Directory synced from feishu');
    expect(stdout).toContain('➕ 2: Ops Head, Ops One');
  });
});
