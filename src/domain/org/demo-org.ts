// The demo organisation: a fictional restaurant-tech company with HQ departments and three stores.
// It is imported through the same CSV path as a real org, so the demo exercises the real import.
import type { Db } from '../../db/connection.js';
import { employees } from '../../db/schema.js';
import { importOrgCsv, type ImportResult } from './org-import.js';

const CO = '青云科技';
const HQ = `${CO}/总部`;
const STORES = `${CO}/门店`;

// email, name, unit, kind, manager, roles, locale, title, head
type P = [string, string, string, 'department' | 'store', string, string, '' | 'en' | 'zh-CN', string, boolean];
const people: P[] = [
  ['chen.zhiyuan', '陈志远 Zhiyuan Chen', CO, 'department', '', '', 'zh-CN', 'CEO', true],
  [
    'lin.xiaowen',
    '林晓雯 Sharon Lin',
    `${HQ}/人力资源部`,
    'department',
    'chen.zhiyuan',
    'hr',
    'zh-CN',
    'HR Director',
    true,
  ],
  ['zhou.ting', '周婷 Tina Zhou', `${HQ}/人力资源部`, 'department', 'lin.xiaowen', '', 'zh-CN', 'HR Specialist', false],
  [
    'zhao.lei',
    '赵磊 Leo Zhao',
    `${HQ}/信息技术部`,
    'department',
    'chen.zhiyuan',
    'admin',
    'zh-CN',
    'IT Administrator',
    true,
  ],
  ['wang.fang', '王芳 Fiona Wang', `${HQ}/财务部`, 'department', 'chen.zhiyuan', '', 'zh-CN', 'Finance Manager', true],
  ['he.jun', '何俊 Jun He', `${HQ}/财务部`, 'department', 'wang.fang', '', 'zh-CN', 'Financial Analyst', false],
  ['xu.lan', '徐岚 Lan Xu', `${HQ}/财务部`, 'department', 'wang.fang', '', 'zh-CN', 'Accountant', false],
  ['olivia.brown', 'Olivia Brown', `${HQ}/财务部`, 'department', 'wang.fang', '', 'en', 'Pricing Analyst', false],
  ['li.ming', '李明 Ming Li', `${HQ}/产品研发部`, 'department', 'chen.zhiyuan', '', 'zh-CN', 'Head of R&D', true],
  ['zhang.wei', '张伟 Wei Zhang', `${HQ}/产品研发部`, 'department', 'li.ming', '', 'zh-CN', 'Senior Engineer', false],
  ['liu.yang', '刘洋 Yang Liu', `${HQ}/产品研发部`, 'department', 'li.ming', '', 'zh-CN', 'Engineer', false],
  ['chen.jing', '陈静 Jing Chen', `${HQ}/产品研发部`, 'department', 'li.ming', '', 'zh-CN', 'Product Manager', false],
  ['yang.fan', '杨帆 Fan Yang', `${HQ}/产品研发部`, 'department', 'li.ming', '', 'zh-CN', 'Engineer', false],
  ['emily.carter', 'Emily Carter', `${HQ}/产品研发部`, 'department', 'li.ming', '', 'en', 'Designer', false],
  ['david.kim', 'David Kim', `${HQ}/产品研发部`, 'department', 'li.ming', '', 'en', 'Data Engineer', false],
  ['wu.hao', '吴昊 Hao Wu', `${HQ}/产品研发部`, 'department', 'li.ming', '', 'zh-CN', 'QA Engineer', false],
  ['sun.li', '孙丽 Li Sun', `${HQ}/运营部`, 'department', 'chen.zhiyuan', '', 'zh-CN', 'Head of Operations', true],
  ['ma.chao', '马超 Chao Ma', `${HQ}/运营部`, 'department', 'sun.li', '', 'zh-CN', 'Procurement Lead', false],
  ['gao.min', '高敏 Min Gao', `${HQ}/运营部`, 'department', 'sun.li', '', 'zh-CN', 'Menu Developer', false],
  ['james.wilson', 'James Wilson', `${HQ}/运营部`, 'department', 'sun.li', '', 'en', 'Supply Chain Analyst', false],
  ['luo.xin', '罗欣 Xin Luo', `${HQ}/运营部`, 'department', 'sun.li', '', 'zh-CN', 'Quality Inspector', false],
  ['liu.qiang', '刘强 Qiang Liu', `${STORES}/上海徐汇店`, 'store', 'sun.li', '', 'zh-CN', 'Store Manager', true],
  ['guo.na', '郭娜 Na Guo', `${STORES}/上海徐汇店`, 'store', 'liu.qiang', '', 'zh-CN', 'Head Chef', false],
  ['song.tao', '宋涛 Tao Song', `${STORES}/上海徐汇店`, 'store', 'liu.qiang', '', 'zh-CN', 'Chef', false],
  ['tang.li', '唐莉 Li Tang', `${STORES}/上海徐汇店`, 'store', 'liu.qiang', '', 'zh-CN', 'Shift Lead', false],
  ['han.bing', '韩冰 Bing Han', `${STORES}/上海徐汇店`, 'store', 'liu.qiang', '', 'zh-CN', 'Server', false],
  ['feng.xue', '冯雪 Xue Feng', `${STORES}/上海徐汇店`, 'store', 'liu.qiang', '', 'zh-CN', 'Cashier', false],
  ['huang.jing', '黄静 Jing Huang', `${STORES}/杭州西湖店`, 'store', 'sun.li', '', 'zh-CN', 'Store Manager', true],
  ['cao.yang', '曹阳 Yang Cao', `${STORES}/杭州西湖店`, 'store', 'huang.jing', '', 'zh-CN', 'Head Chef', false],
  ['deng.hui', '邓慧 Hui Deng', `${STORES}/杭州西湖店`, 'store', 'huang.jing', '', 'zh-CN', 'Chef', false],
  ['peng.bo', '彭博 Bo Peng', `${STORES}/杭州西湖店`, 'store', 'huang.jing', '', 'zh-CN', 'Server', false],
  ['xie.ying', '谢颖 Ying Xie', `${STORES}/杭州西湖店`, 'store', 'huang.jing', '', 'zh-CN', 'Server', false],
  ['lu.kai', '陆凯 Kai Lu', `${STORES}/杭州西湖店`, 'store', 'huang.jing', '', 'zh-CN', 'Cashier', false],
  ['tom.harris', 'Tom Harris', `${STORES}/深圳南山店`, 'store', 'sun.li', '', 'en', 'Store Manager', true],
  ['ye.qing', '叶青 Qing Ye', `${STORES}/深圳南山店`, 'store', 'tom.harris', '', 'zh-CN', 'Head Chef', false],
  ['jiang.tao', '蒋涛 Tao Jiang', `${STORES}/深圳南山店`, 'store', 'tom.harris', '', 'zh-CN', 'Chef', false],
  ['pan.yue', '潘悦 Yue Pan', `${STORES}/深圳南山店`, 'store', 'tom.harris', '', 'zh-CN', 'Server', false],
  ['sophia.lee', 'Sophia Lee', `${STORES}/深圳南山店`, 'store', 'tom.harris', '', 'en', 'Server', false],
  ['du.peng', '杜鹏 Peng Du', `${STORES}/深圳南山店`, 'store', 'tom.harris', '', 'zh-CN', 'Cashier', false],
];

export const DEMO_DOMAIN = 'qingyun.example';

export function demoOrgCsv(): string {
  const lines = ['email,name,unit,unit_kind,manager_email,roles,locale,timezone,title,is_head'];
  for (const [user, name, unit, kind, manager, roles, locale, title, head] of people) {
    const managerEmail = manager ? `${manager}@${DEMO_DOMAIN}` : '';
    lines.push(
      [
        `${user}@${DEMO_DOMAIN}`,
        name,
        unit,
        kind,
        managerEmail,
        roles,
        locale,
        'Asia/Shanghai',
        title,
        head ? 'yes' : '',
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export async function isOrgEmpty(db: Db): Promise<boolean> {
  return (await db.select({ id: employees.id }).from(employees).limit(1)).length === 0;
}

/** Seed the demo organisation into an empty database; a non-empty one is left alone. */
export async function seedDemoOrg(db: Db): Promise<ImportResult | { ok: true; skipped: true }> {
  if (!(await isOrgEmpty(db))) return { ok: true, skipped: true };
  return importOrgCsv(db, demoOrgCsv(), { kind: 'system' }, 'demo');
}
