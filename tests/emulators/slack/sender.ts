// Sends inbound requests to the server the way Slack does: v0-signed (or deliberately not), with the
// content types Slack uses — JSON for the Events API, form-encoded fields for slash commands and a
// form-encoded `payload` JSON for interactivity (https://docs.slack.dev/authentication/verifying-requests-from-slack).
import { createHmac } from 'node:crypto';

export type Signing = 'valid' | 'forged' | 'missing' | 'stale' | 'future';

export interface SendOpts {
  signing?: Signing;
  retryNum?: number;
  retryReason?: string;
}

export interface SentResponse {
  status: number;
  text: string;
  json(): unknown;
}

export function slackSender(o: { serverUrl: string; signingSecret: string; now?: () => number }) {
  const now = o.now ?? Date.now;
  async function post(body: string, contentType: string, opts: SendOpts = {}): Promise<SentResponse> {
    const signing = opts.signing ?? 'valid';
    let ts = Math.floor(now() / 1000);
    if (signing === 'stale') ts -= 6 * 60;
    if (signing === 'future') ts += 6 * 60;
    const secret = signing === 'forged' ? `${o.signingSecret}-not` : o.signingSecret;
    const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(ts) };
    if (signing !== 'missing') headers['x-slack-signature'] = sig;
    if (opts.retryNum !== undefined) headers['x-slack-retry-num'] = String(opts.retryNum);
    if (opts.retryReason) headers['x-slack-retry-reason'] = opts.retryReason;
    const res = await fetch(`${o.serverUrl}/slack/events`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as unknown };
  }
  return {
    post,
    slashCommand: (fields: Record<string, string>, opts?: SendOpts) =>
      post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts),
    interaction: (payload: Record<string, unknown>, opts?: SendOpts) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
        opts,
      ),
    event: (envelope: Record<string, unknown>, opts?: SendOpts) =>
      post(JSON.stringify(envelope), 'application/json', opts),
  };
}
export type SlackSender = ReturnType<typeof slackSender>;
