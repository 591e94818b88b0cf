// The app manifest must point Slack at the route the receiver serves and subscribe to what we listen to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../../adapters/slack/receiver.js';

const manifest = readFileSync(new URL('../../../adapters/slack/manifest.yaml', import.meta.url), 'utf8');
const list = (key: string): string[] => {
  const m = new RegExp(`\\n(\\s*)${key}:\\n((?:\\1\\s+- .*\\n)+)`).exec(manifest);
  return m ? [...m[2]!.matchAll(/- ([^\s#]+)/g)].map((x) => x[1]!) : [];
};

describe('manifest.yaml', () => {
  it('sends events, the slash command and interactivity to the receiver route', () => {
    const urls = [...manifest.matchAll(/^\s*(?:-\s*)?(?:url|request_url): (\S+)/gm)].map(
      (m) => new URL(m[1]!).pathname,
    );
    expect(urls).toEqual([SLACK_EVENTS_PATH, SLACK_EVENTS_PATH, SLACK_EVENTS_PATH]);
    expect(manifest).toMatch(/- command: \/vitality\n/);
  });
  it('subscribes to the events the listeners handle, with the scopes they need', () => {
    expect(list('bot_events')).toEqual(['app_home_opened', 'message.im']);
    expect(list('bot')).toEqual(['chat:write', 'commands', 'im:write', 'im:history', 'users:read', 'users:read.email']);
    expect(manifest).toMatch(/home_tab_enabled: true/);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
  });
});
