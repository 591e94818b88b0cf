// Environment -> typed, validated config. Every variable is documented in .env.example; every
// platform base URL is configurable so the server can run against a local emulator.
import cron from 'node-cron';
import { z } from 'zod';

const bool = (dflt: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
      error: 'expected true or false',
    })
    .default(dflt ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** A switch whose default depends on other variables (e.g. NODE_ENV): unset or empty reads as undefined. */
const maybeBool = z
  .enum(['', 'true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'expected true or false' })
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes', 'on'].includes(v)));

const int = (dflt: number, min: number, max: number) =>
  z
    .string()
    .default(String(dflt))
    .transform((v, ctx) => {
      const n = Number(v);
      if (!/^-?\d+$/.test(v.trim()) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const url = (dflt: string) =>
  z
    .url({ error: 'expected an absolute URL such as https://example.com' })
    .default(dflt)
    .transform((v) => v.replace(/\/+$/, ''));

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const timezone = z
  .string()
  .default('Asia/Shanghai')
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'expected an IANA time zone such as Asia/Shanghai' },
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000, 1, 65535),
  HOST: z.string().default('0.0.0.0'),
  /** Default: this server's own address (http://localhost:PORT, or HOST when it names one); required in production. */
  PUBLIC_BASE_URL: z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.url({ error: 'expected an absolute URL such as https://example.com' }).optional(),
    )
    .transform((v) => v?.replace(/\/+$/, '')),
  DATABASE_PATH: z.string().min(1).default('./data/vitality.db'),
  /** PostgreSQL (postgres://user:password@host:5432/db); when unset, SQLite at DATABASE_PATH. */
  DATABASE_URL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, {
        error: 'expected a postgres:// URL (leave it unset for SQLite at DATABASE_PATH)',
      })
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en'], { error: 'expected zh-CN or en' }).default('zh-CN'),
  DEFAULT_TIMEZONE: timezone,
  DEMO_SEED: z.enum(['auto', 'always', 'never'], { error: 'expected auto, always or never' }).default('auto'),
  /** Default: on outside production, off in production (where it may not be turned on). */
  SANDBOX_ENABLED: maybeBool,
  OUTBOX_MAX_ATTEMPTS: int(8, 1, 100),
  OUTBOX_POLL_MS: int(500, 10, 60_000),
  /** How long a claimed row is another process's before it may be resent (see LEASE_MS). */
  OUTBOX_LEASE_SECONDS: int(300, 5, 3600),
  SCHEDULER_ENABLED: bool(true),
  /** Inbound events worked on at once (src/bot/admission.ts), and how long one waits for a place before the
   *  person is told "busy, nothing was done" — inside the platforms' 3-second answer window. */
  INBOUND_CONCURRENCY: int(32, 1, 10_000),
  INBOUND_WAIT_MS: int(2000, 0, 2400),
  APPROVAL_REMIND_HOURS: int(24, 1, 24 * 30),
  ORG_SYNC_CRON: z
    .string()
    .default('0 3 * * *')
    .refine((v) => cron.validate(v), { error: 'expected a cron expression such as 0 3 * * *' }),
  APPROVAL_ESCALATE_HOURS: int(72, 1, 24 * 60),
  /** Signs the mini-app's session cookies; required in production (a random per-process one otherwise). */
  SESSION_SECRET: optional,
  /** A mini-app session unused this long ends; every session ends this long after sign-in. */
  SESSION_IDLE_MINUTES: int(120, 5, 24 * 60),
  SESSION_MAX_HOURS: int(10, 1, 24 * 30),
  /** Seals survey answers while their wave is open; never stored in the database. Required in production. */
  SURVEY_SEAL_SECRET: optional,

  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_BOT_USER_ID: optional,
  SLACK_BOT_ID: optional,
  SLACK_API_URL: url('https://slack.com/api'),
  SLACK_EXTRA_COMMANDS: z.string().default(''),
  SLACK_RATE_PER_SECOND: int(20, 1, 1000),
  SLACK_RATE_PER_CHANNEL: int(1, 1, 1000),
  /** Sign in with Slack (OpenID Connect) for the mini-app; optional. */
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,

  FEISHU_APP_ID: optional,
  FEISHU_APP_SECRET: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_ENCRYPT_KEY: optional,
  /** Webhook mode without an encrypt key: accept events checked by the verification token alone. */
  FEISHU_ALLOW_UNSIGNED: bool(false),
  FEISHU_DOMAIN: url('https://open.feishu.cn'),
  FEISHU_MODE: z.enum(['webhook', 'websocket'], { error: 'expected webhook or websocket' }).default('webhook'),

  DINGTALK_CLIENT_ID: optional,
  DINGTALK_CLIENT_SECRET: optional,
  DINGTALK_ROBOT_CODE: optional,
  DINGTALK_API_URL: url('https://api.dingtalk.com'),
  DINGTALK_OAPI_URL: url('https://oapi.dingtalk.com'),
  DINGTALK_GATEWAY_URL: url('https://api.dingtalk.com/v1.0/gateway/connections/open'),
  DINGTALK_CARD_TEMPLATE_ID: optional,
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicBaseUrl: string;
  databasePath: string;
  /** PostgreSQL instead of SQLite when set. */
  databaseUrl?: string;
  logLevel: string;
  defaultLocale: 'zh-CN' | 'en';
  defaultTimezone: string;
  demoSeed: 'auto' | 'always' | 'never';
  sandbox: { enabled: boolean };
  outbox: { maxAttempts: number; pollMs: number; leaseMs: number };
  scheduler: { enabled: boolean };
  /** Bounds the events being worked on after their ack (src/bot/admission.ts). */
  inbound: { concurrency: number; maxWaitMs: number };
  approvals: { remindAfterHours: number; escalateAfterHours: number };
  orgSyncCron: string;
  /** Mini-app sessions; secret undefined = generate one per process (development and tests only). */
  session: { secret?: string; idleMinutes: number; maxHours: number };
  /** Survey pool sealing; secret undefined = a key file beside the database (development and tests only). */
  survey: { sealSecret?: string };
  slack?: {
    botToken: string;
    signingSecret: string;
    appToken?: string;
    botUserId?: string;
    botId?: string;
    apiUrl: string;
    extraCommands: string[];
    /** Our cap on chat.postMessage/chat.update calls per second across the workspace (Slack publishes none). */
    ratePerSecond: number;
    /** Calls per second into one channel (each DM): Slack documents 1. Raised only where nothing enforces it
     *  (the press bench's emulator), so a press's notices go out within the measured round. */
    ratePerChannel: number;
    clientId?: string;
    clientSecret?: string;
  };
  feishu?: {
    appId: string;
    appSecret: string;
    verificationToken?: string;
    /** Webhook mode: when set, every event must carry a valid, fresh signature. */
    encryptKey?: string;
    /** Webhook mode without encryptKey only: events are checked by the verification token alone. */
    allowUnsigned: boolean;
    domain: string;
    mode: 'webhook' | 'websocket';
  };
  dingtalk?: {
    clientId: string;
    clientSecret: string;
    robotCode: string;
    apiUrl: string;
    oapiUrl: string;
    gatewayUrl: string;
    cardTemplateId?: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A platform is on when its credentials are present; half a set of credentials is an error. */
function pair(problems: string[], names: Record<string, string | undefined>): boolean {
  const set = Object.entries(names).filter(([, v]) => v !== undefined);
  if (set.length === 0) return false;
  if (set.length < Object.keys(names).length) {
    const missing = Object.keys(names).filter((k) => names[k] === undefined);
    problems.push(`${missing.join(', ')}: required because ${set.map(([k]) => k).join(', ')} is set`);
    return false;
  }
  return true;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '?');
        const got = env[name];
        const shown = got === undefined ? '' : /SECRET|TOKEN|KEY/.test(name) ? ' (value hidden)' : ` (got "${got}")`;
        return `${name}: ${i.message}${i.message.includes('got "') ? '' : shown}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const slackOn = pair(problems, { SLACK_BOT_TOKEN: e.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: e.SLACK_SIGNING_SECRET });
  const feishuOn = pair(problems, { FEISHU_APP_ID: e.FEISHU_APP_ID, FEISHU_APP_SECRET: e.FEISHU_APP_SECRET });
  const dingOn = pair(problems, {
    DINGTALK_CLIENT_ID: e.DINGTALK_CLIENT_ID,
    DINGTALK_CLIENT_SECRET: e.DINGTALK_CLIENT_SECRET,
  });
  const production = e.NODE_ENV === 'production';
  if (production && (!e.SESSION_SECRET || e.SESSION_SECRET.length < 32)) {
    problems.push('SESSION_SECRET: required in production, at least 32 characters (e.g. openssl rand -hex 32)');
  }
  if (
    (production && !e.SURVEY_SEAL_SECRET) ||
    (e.SURVEY_SEAL_SECRET !== undefined && e.SURVEY_SEAL_SECRET.length < 32)
  ) {
    problems.push(
      'SURVEY_SEAL_SECRET: at least 32 characters, required in production (e.g. openssl rand -hex 32); keep it apart from the database backups',
    );
  }
  // The sandbox signs anyone in as anyone (admins included) by picking a name: never in production.
  if (production && e.SANDBOX_ENABLED === true) {
    problems.push(
      'SANDBOX_ENABLED: cannot be true in production (the sandbox lets anyone sign in as any employee, admins included); remove it or set false',
    );
  }
  if (production && e.DEMO_SEED === 'always') {
    problems.push(
      'DEMO_SEED: "always" is refused in production (it would add the demo organisation\'s people, admins included, to your database); use auto or never (neither seeds in production)',
    );
  }
  // Webhook events carry the acting open_id; without a signature the static verification token is all that
  // stands between someone who learns it and acting as anyone. Long connections are authenticated by the
  // app secret instead, so they need no key.
  if (feishuOn && e.FEISHU_MODE === 'webhook' && !e.FEISHU_ENCRYPT_KEY) {
    if (!e.FEISHU_ALLOW_UNSIGNED) {
      problems.push(
        'FEISHU_ENCRYPT_KEY: required in webhook mode, so that Feishu signs and timestamps every event (console: Events & Callbacks → Encryption Strategy); ' +
          'or set FEISHU_ALLOW_UNSIGNED=true to accept unsigned events checked by FEISHU_VERIFICATION_TOKEN alone (anyone who learns that token can act as anyone)',
      );
    } else if (!e.FEISHU_VERIFICATION_TOKEN) {
      problems.push(
        'FEISHU_VERIFICATION_TOKEN: required with FEISHU_ALLOW_UNSIGNED=true (it is then the only check on incoming events)',
      );
    }
  }
  // Cards on a phone link here: localhost would be a dead end for everyone but the server itself.
  if (production && !e.PUBLIC_BASE_URL)
    problems.push(
      'PUBLIC_BASE_URL: required in production (the https address people reach this server at; every "Open in app" link uses it)',
    );
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? localBaseUrl(e.HOST, e.PORT),
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    defaultLocale: e.DEFAULT_LOCALE,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    demoSeed: e.DEMO_SEED,
    sandbox: { enabled: e.SANDBOX_ENABLED ?? !production },
    outbox: { maxAttempts: e.OUTBOX_MAX_ATTEMPTS, pollMs: e.OUTBOX_POLL_MS, leaseMs: e.OUTBOX_LEASE_SECONDS * 1000 },
    scheduler: { enabled: e.SCHEDULER_ENABLED },
    inbound: { concurrency: e.INBOUND_CONCURRENCY, maxWaitMs: e.INBOUND_WAIT_MS },
    approvals: { remindAfterHours: e.APPROVAL_REMIND_HOURS, escalateAfterHours: e.APPROVAL_ESCALATE_HOURS },
    orgSyncCron: e.ORG_SYNC_CRON,
    session: { secret: e.SESSION_SECRET, idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    survey: { sealSecret: e.SURVEY_SEAL_SECRET },
    slack: slackOn
      ? {
          botToken: e.SLACK_BOT_TOKEN!,
          signingSecret: e.SLACK_SIGNING_SECRET!,
          appToken: e.SLACK_APP_TOKEN,
          botUserId: e.SLACK_BOT_USER_ID,
          botId: e.SLACK_BOT_ID,
          apiUrl: e.SLACK_API_URL,
          extraCommands: e.SLACK_EXTRA_COMMANDS.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          ratePerSecond: e.SLACK_RATE_PER_SECOND,
          ratePerChannel: e.SLACK_RATE_PER_CHANNEL,
          clientId: e.SLACK_CLIENT_ID,
          clientSecret: e.SLACK_CLIENT_SECRET,
        }
      : undefined,
    feishu: feishuOn
      ? {
          appId: e.FEISHU_APP_ID!,
          appSecret: e.FEISHU_APP_SECRET!,
          verificationToken: e.FEISHU_VERIFICATION_TOKEN,
          encryptKey: e.FEISHU_ENCRYPT_KEY,
          allowUnsigned: e.FEISHU_ALLOW_UNSIGNED,
          domain: e.FEISHU_DOMAIN,
          mode: e.FEISHU_MODE,
        }
      : undefined,
    dingtalk: dingOn
      ? {
          clientId: e.DINGTALK_CLIENT_ID!,
          clientSecret: e.DINGTALK_CLIENT_SECRET!,
          robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID!,
          apiUrl: e.DINGTALK_API_URL,
          oapiUrl: e.DINGTALK_OAPI_URL,
          gatewayUrl: e.DINGTALK_GATEWAY_URL,
          cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID,
        }
      : undefined,
  };
}

/** The address this server answers on when no public one is configured: a wildcard interface is reached
 *  as localhost; an IPv6 literal needs brackets. */
export function localBaseUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export function anyPlatformConfigured(c: Config): boolean {
  return Boolean(c.slack || c.feishu || c.dingtalk);
}
