// Sign-in: the sandbox persona picker (only with the sandbox on), Feishu and DingTalk H5 auth codes, and
// Sign in with Slack (OpenID Connect). Each ends in a signed session cookie. These routes run without a
// session; they only accept JSON bodies, which a cross-site form cannot send without a CORS preflight.
import { demoMarker } from '../../domain/demo/marker.js';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuthIdentity, Platform } from '../../bot/port.js';
import { audit } from '../../domain/audit.js';
import { getPerson, listActivePeople, type Person } from '../../domain/org/employees.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { translator } from '../../i18n/index.js';
import { requestLocale, type WebDeps } from '../context.js';
import { nextPath } from '../../contract/people.js';
import { ApiError } from '../errors.js';
import { employeeForIdentity } from '../identity.js';
import { serve } from '../serve.js';
import { cookieOptions, issueSession } from '../session.js';

const OIDC_COOKIE = 'vitality_oidc';

function jsonOrUndefined(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

export function registerAuthRoutes(api: FastifyInstance, deps: WebDeps): void {
  const now = () => deps.now?.() ?? new Date();
  const secure = deps.config.publicBaseUrl.startsWith('https:');
  const slackOidc =
    deps.config.slack?.clientId && deps.config.slack.clientSecret && deps.adapters.get('slack')?.exchangeAuthCode;

  const start = async (reply: FastifyReply, person: Person, via: string) => {
    await unitOfWork(deps.db, async (tx) => {
      await issueSession(reply, tx, { employeeId: person.id, via, now: now(), config: deps.config });
      await audit(tx, { kind: 'employee', employeeId: person.id }, 'auth.sign_in', 'mini-app', { via });
    });
    return { ok: true as const };
  };

  const exchange = async (req: FastifyRequest, platform: Platform, code: string): Promise<Person> => {
    const t = translator(requestLocale(req, deps.config.defaultLocale));
    const adapter = deps.adapters.get(platform);
    if (!adapter?.exchangeAuthCode) throw new ApiError(404, `${platform} sign-in is not enabled`, 'not_enabled');
    let identity: AuthIdentity;
    try {
      identity = await adapter.exchangeAuthCode(code);
    } catch (err) {
      req.log.warn({ err: err instanceof Error ? err.message : String(err), platform }, 'auth code exchange failed');
      throw new ApiError(401, t('web.signin.failed'), 'auth_failed');
    }
    const person = await employeeForIdentity(deps.db, platform, identity);
    if (!person) throw new ApiError(403, t('error.notInOrg'), 'not_in_org');
    return person;
  };

  /** What the sign-in page may offer. */
  serve(api, 'GET /auth/options', async () => ({
    sandbox:
      deps.config.sandbox.enabled && deps.adapters.has('sandbox')
        ? (await listActivePeople(deps.db)).map((p) => ({ id: p.id, name: p.name, unit: p.unitName, roles: p.roles }))
        : null,
    feishu: deps.adapters.get('feishu')?.exchangeAuthCode ? { appId: deps.config.feishu?.appId ?? '' } : null,
    dingtalk: Boolean(deps.adapters.get('dingtalk')?.exchangeAuthCode),
    slack: Boolean(slackOidc),
    demo: (await demoMarker(deps.db)) !== undefined,
  }));

  serve(api, 'POST /auth/sandbox', async (req, reply, input) => {
    const t = translator(requestLocale(req, deps.config.defaultLocale));
    if (!deps.config.sandbox.enabled || !deps.adapters.has('sandbox'))
      throw new ApiError(404, t('web.sandbox.off'), 'not_enabled');
    const body = input.body();
    const person = await getPerson(deps.db, body.employeeId);
    if (!person?.active) throw new ApiError(404, t('web.person.unknown'), 'not_found');
    return start(reply, person, 'sandbox');
  });

  serve(api, 'POST /auth/feishu', async (req, reply, input) =>
    start(reply, await exchange(req, 'feishu', input.body().code), 'feishu'),
  );
  serve(api, 'POST /auth/dingtalk', async (req, reply, input) =>
    start(reply, await exchange(req, 'dingtalk', input.body().code), 'dingtalk'),
  );

  // Sign in with Slack: https://api.slack.com/authentication/sign-in-with-slack — authorize on slack.com,
  // back with a code and our state. No redirect_uri is sent, so Slack uses the app's configured one
  // (PUBLIC_BASE_URL/api/auth/slack/callback) and the token exchange needs none either.
  serve(api, 'GET /auth/slack/start', async (req, reply, input) => {
    if (!slackOidc)
      throw new ApiError(
        404,
        translator(requestLocale(req, deps.config.defaultLocale))('web.slack.off'),
        'not_enabled',
      );
    const q = input.query();
    const state = randomBytes(18).toString('base64url');
    reply.setCookie(OIDC_COOKIE, JSON.stringify({ state, next: q.next ?? '/app/' }), {
      ...cookieOptions(secure),
      maxAge: 600,
    });
    const url = new URL('/openid/connect/authorize', new URL(deps.config.slack!.apiUrl).origin);
    url.search = new URLSearchParams({
      response_type: 'code',
      scope: 'openid email profile',
      client_id: deps.config.slack!.clientId!,
      state,
      nonce: randomBytes(12).toString('base64url'),
    }).toString();
    return reply.redirect(url.toString());
  });

  serve(api, 'GET /auth/slack/callback', async (req, reply, input) => {
    const q = input.query();
    const raw = req.cookies[OIDC_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : undefined;
    reply.clearCookie(OIDC_COOKIE, cookieOptions(secure));
    const saved = z
      .object({ state: z.string(), next: nextPath })
      .safeParse(unsigned?.valid && unsigned.value ? jsonOrUndefined(unsigned.value) : undefined);
    if (!saved.success || !q.code || q.state !== saved.data.state) return reply.redirect('/app/signin?error=slack');
    try {
      await start(reply, await exchange(req, 'slack', q.code), 'slack');
    } catch (err) {
      return reply.redirect(
        `/app/signin?error=${err instanceof ApiError && err.code === 'not_in_org' ? 'not_in_org' : 'slack'}`,
      );
    }
    return reply.redirect(saved.data.next);
  });
}
