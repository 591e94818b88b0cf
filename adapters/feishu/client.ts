// The Feishu Open API calls Vitality makes, through the SDK Client (tenant token handled by the SDK, base
// URL = config.feishu.domain so tests can point it at the emulator). Every answer is checked with zod.
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AuthIdentity, Recipient, SentRef } from '../../src/bot/port.js';
import { checkBody, FeishuApiError, fromThrown } from './errors.js';
import { memoryCache, sdkLogger } from './sdk-support.js';

export interface FeishuClientOptions {
  appId: string;
  appSecret: string;
  domain: string;
  logger: Logger;
}

const sentSchema = z.object({ data: z.object({ message_id: z.string().min(1), chat_id: z.string().optional() }) });

const departmentSchema = z.object({
  name: z.string(),
  open_department_id: z.string().min(1),
  parent_department_id: z.string().optional(),
  leader_user_id: z.string().optional(),
  status: z.object({ is_deleted: z.boolean().optional() }).optional(),
});
export type FeishuDepartment = z.infer<typeof departmentSchema>;

const userSchema = z.object({
  open_id: z.string().min(1),
  name: z.string().default(''),
  en_name: z.string().optional(),
  email: z.string().optional(),
  enterprise_email: z.string().optional(),
  department_ids: z.array(z.string()).optional(),
  leader_user_id: z.string().optional(),
  /** IANA name, e.g. "Asia/Shanghai" (contact v3 user.time_zone); an empty string is "not set". */
  time_zone: z.string().optional(),
  status: z
    .object({
      is_resigned: z.boolean().optional(),
      is_activated: z.boolean().optional(),
      is_frozen: z.boolean().optional(),
    })
    .optional(),
});
export type FeishuUser = z.infer<typeof userSchema>;

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.object({
      has_more: z.boolean().optional(),
      page_token: z.string().optional(),
      items: z.array(item).optional(),
    }),
  });

export class FeishuClient {
  readonly sdk: lark.Client;

  constructor(private readonly opts: FeishuClientOptions) {
    this.sdk = new lark.Client({
      appId: opts.appId,
      appSecret: opts.appSecret,
      domain: opts.domain,
      appType: lark.AppType.SelfBuild,
      // Our own cache: the SDK's default is process-global and keyed by app id only.
      cache: memoryCache(),
      logger: sdkLogger(opts.logger),
      loggerLevel: lark.LoggerLevel.warn,
    });
  }

  private async call<T>(api: string, schema: z.ZodType<T>, run: () => Promise<unknown>): Promise<T> {
    let body: unknown;
    try {
      body = await run();
    } catch (e) {
      throw fromThrown(api, e);
    }
    checkBody(api, body);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new FeishuApiError(api, 200, 0, 'unexpected answer shape');
    return parsed.data;
  }

  /** im/v1/messages create. `uuid` makes Feishu deduplicate the send within one hour. */
  async sendMessage(to: Recipient, msgType: 'interactive' | 'text', content: string, uuid: string): Promise<SentRef> {
    const byUser = to.kind === 'user';
    const res = await this.call('im.v1.message.create', sentSchema, () =>
      this.sdk.im.v1.message.create({
        params: { receive_id_type: byUser ? 'open_id' : 'chat_id' },
        // uuid: at most 50 characters (documented); outbox keys are shorter, but cut defensively.
        data: {
          receive_id: byUser ? to.platformUserId : to.chatId,
          msg_type: msgType,
          content,
          uuid: uuid.slice(0, 50),
        },
      }),
    );
    return res.data.chat_id
      ? { messageId: res.data.message_id, chatId: res.data.chat_id }
      : { messageId: res.data.message_id };
  }

  /** im/v1/messages/:message_id PATCH — cards only, sent by this bot, ≤ 14 days old, 5 QPS per message. */
  async patchCard(messageId: string, content: string): Promise<void> {
    await this.call('im.v1.message.patch', z.unknown(), () =>
      this.sdk.im.v1.message.patch({ path: { message_id: messageId }, data: { content } }),
    );
  }

  /** contact/v3/users/:user_id — email needs the contact:user.email:readonly scope. */
  async getUser(openId: string): Promise<FeishuUser> {
    const res = await this.call('contact.v3.user.get', z.object({ data: z.object({ user: userSchema }) }), () =>
      this.sdk.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }),
    );
    return res.data.user;
  }

  /** Every item of a paged contact API: ask with the last answer's page_token until has_more is false. */
  private async allPages<T extends z.ZodType>(
    method: string,
    item: T,
    request: (pageToken: { page_token?: string }) => Promise<unknown>,
  ): Promise<z.infer<T>[]> {
    const out: z.infer<T>[] = [];
    let pageToken: string | undefined;
    do {
      const token = pageToken;
      const res = await this.call(method, page(item), () => request(token ? { page_token: token } : {}));
      out.push(...(res.data.items ?? []));
      pageToken = res.data.has_more ? res.data.page_token : undefined;
    } while (pageToken);
    return out;
  }

  /** Every department under the root ("0"), all levels (fetch_child). */
  listDepartments(): Promise<FeishuDepartment[]> {
    return this.allPages('contact.v3.department.children', departmentSchema, (token) =>
      this.sdk.contact.v3.department.children({
        path: { department_id: '0' },
        params: {
          department_id_type: 'open_department_id',
          user_id_type: 'open_id',
          fetch_child: true,
          page_size: 50,
          ...token,
        },
      }),
    );
  }

  /** Users directly in one department. */
  listUsers(departmentId: string): Promise<FeishuUser[]> {
    return this.allPages('contact.v3.user.findByDepartment', userSchema, (token) =>
      this.sdk.contact.v3.user.findByDepartment({
        params: {
          department_id: departmentId,
          department_id_type: 'open_department_id',
          user_id_type: 'open_id',
          page_size: 50,
          ...token,
        },
      }),
    );
  }

  /**
   * H5 / mini-app login: authen/v2/oauth/token (authorization_code) then authen/v1/user_info. Done over
   * plain HTTP with the configured base: the SDK's OAuth helper needs `oauthBaseUrl` for custom domains and
   * throws otherwise (PLATFORM-NOTES).
   */
  async exchangeAuthCode(code: string): Promise<AuthIdentity> {
    const base = this.opts.domain;
    const tokenRes = await fetch(`${base}/open-apis/authen/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        client_id: this.opts.appId,
        client_secret: this.opts.appSecret,
        code,
      }),
    });
    const tokenBody: unknown = await tokenRes.json().catch(() => undefined);
    const token = z.object({ code: z.literal(0), access_token: z.string().min(1) }).safeParse(tokenBody);
    if (!token.success) {
      const err = z
        .object({ code: z.number().optional(), error_description: z.string().optional() })
        .safeParse(tokenBody);
      throw new FeishuApiError(
        'authen.v2.oauth.token',
        tokenRes.status,
        err.success ? err.data.code : undefined,
        (err.success ? err.data.error_description : undefined) ?? 'code exchange failed',
      );
    }
    const infoRes = await fetch(`${base}/open-apis/authen/v1/user_info`, {
      headers: { authorization: `Bearer ${token.data.access_token}` },
    });
    const infoBody: unknown = await infoRes.json().catch(() => undefined);
    const info = z
      .object({
        code: z.literal(0),
        data: z.object({
          open_id: z.string().min(1),
          name: z.string().optional(),
          email: z.string().optional(),
          enterprise_email: z.string().optional(),
        }),
      })
      .safeParse(infoBody);
    if (!info.success) throw new FeishuApiError('authen.v1.user_info', infoRes.status, undefined, 'user_info failed');
    const d = info.data.data;
    const email = d.enterprise_email || d.email;
    return {
      platformUserId: d.open_id,
      ...(email ? { email } : {}),
      ...(d.name ? { displayName: d.name } : {}),
    };
  }
}
