// Inbound Slack payloads as Slack sends them. Shapes follow Slack's references:
// slash commands https://docs.slack.dev/interactivity/implementing-slash-commands (form fields),
// block_actions https://docs.slack.dev/reference/interaction-payloads/block_actions-payload,
// view_submission https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload,
// Events API envelope https://docs.slack.dev/apis/events-api (event_callback with event_id, authorizations).
let counter = 0;
const next = (): number => ++counter;
export const TEAM = { id: 'T0VITALITY', domain: 'vitality' };
const APP_ID = 'A0VITALITY';

export const triggerId = (): string => `${1000 + next()}.${TEAM.id}.trigger${counter}`;

export function slashCommand(o: {
  command: string;
  text: string;
  userId: string;
  channelId?: string;
  responseUrl: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: o.channelId ?? `D${o.userId}`,
    // Slack names a DM "directmessage"; a channel by its name.
    channel_name: (o.channelId ?? 'D').startsWith('D') ? 'directmessage' : 'general',
    user_id: o.userId,
    user_name: o.userId.toLowerCase(),
    command: o.command,
    text: o.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: triggerId(),
  };
}

export function blockActions(o: {
  userId: string;
  channelId: string;
  messageTs: string;
  actionId: string;
  value?: string;
  responseUrl: string;
  blocks?: unknown;
}): Record<string, unknown> {
  const ts = `${1_700_000_500 + next()}.000100`;
  return {
    type: 'block_actions',
    user: { id: o.userId, username: o.userId.toLowerCase(), name: o.userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: o.messageTs, channel_id: o.channelId, is_ephemeral: false },
    trigger_id: triggerId(),
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: o.channelId, name: 'directmessage' },
    message: { type: 'message', user: 'U0BOT', ts: o.messageTs, bot_id: 'B0BOT', text: 'card', blocks: o.blocks ?? [] },
    state: { values: {} },
    response_url: o.responseUrl,
    actions: [
      {
        action_id: o.actionId,
        block_id: 'actions-0',
        text: { type: 'plain_text', text: 'Button', emoji: true },
        ...(o.value === undefined ? {} : { value: o.value }),
        type: 'button',
        action_ts: ts,
      },
    ],
  };
}

/** A submission of a modal the server opened: `view` is the view it sent to views.open, `values` the state. */
export function viewSubmission(o: {
  userId: string;
  view: Record<string, unknown>;
  values: Record<string, Record<string, Record<string, unknown>>>;
  viewId?: string;
}): Record<string, unknown> {
  const n = next();
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: o.userId, username: o.userId.toLowerCase(), name: o.userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: triggerId(),
    view: {
      id: o.viewId ?? `V${n}`,
      team_id: TEAM.id,
      app_id: APP_ID,
      bot_id: 'B0BOT',
      root_view_id: o.viewId ?? `V${n}`,
      previous_view_id: null,
      external_id: '',
      private_metadata: '',
      callback_id: '',
      ...o.view,
      state: { values: o.values },
      hash: `${1_700_000_000 + n}.abc${n}`,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function eventCallback(o: { eventId?: string; event: Record<string, unknown> }): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    api_app_id: APP_ID,
    event: { event_ts: `${1_700_000_900 + next()}.000200`, ...o.event },
    type: 'event_callback',
    event_id: o.eventId ?? `Ev${String(next()).padStart(8, '0')}`,
    event_time: 1_700_000_900,
    authorizations: [
      { enterprise_id: null, team_id: TEAM.id, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${counter}`,
  };
}

export const appHomeOpened = (userId: string, eventId?: string): Record<string, unknown> =>
  eventCallback({
    ...(eventId ? { eventId } : {}),
    event: { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' },
  });

export const imMessage = (userId: string, text: string, eventId?: string): Record<string, unknown> =>
  eventCallback({
    ...(eventId ? { eventId } : {}),
    event: {
      type: 'message',
      user: userId,
      text,
      ts: `${1_700_001_000 + next()}.000300`,
      channel: `D${userId}`,
      channel_type: 'im',
    },
  });
