// Secret links (cards/secret-links.ts): the comment author's private link is kept out of whatever stores a card,
// and left a plain URL by the per-platform rewrite, so its key stays in a fragment only the client reads.
import { describe, expect, it } from 'vitest';
import { hasSecretLinks, withoutSecretLinks } from '../../cards/secret-links.js';
import { surveyRecordedCard } from '../../cards/survey.js';
import { withPlatformLinks } from '../../src/bot/app-links.js';
import { loadConfig } from '../../src/config.js';
import { translator } from '../../src/i18n/index.js';

const config = loadConfig({
  PUBLIC_BASE_URL: 'https://vitality.example.com',
  FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718',
  FEISHU_APP_SECRET: 's',
  FEISHU_VERIFICATION_TOKEN: 't',
  FEISHU_ENCRYPT_KEY: 'k',
});
const url = 'https://vitality.example.com/app/conversation#k=AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const t = translator('en');
const recorded = surveyRecordedCard(
  { title: 'Pulse', comment: true, k: 5, conversation: { url, hours: '10:00 and 16:00' } },
  t,
);
const urls = (c: typeof recorded) =>
  c.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.flatMap((x) => (x.url ? [x.url] : [])) : []));

describe('a secret link', () => {
  it('is on the confirmation of an answer with a comment only', () => {
    expect(hasSecretLinks(recorded)).toBe(true);
    expect(urls(recorded)).toEqual([url]);
    expect(hasSecretLinks(surveyRecordedCard({ title: 'Pulse', comment: false, k: 5 }, t))).toBe(false);
  });

  it('is dropped from the card as it may be kept, the rest of the card unchanged', () => {
    const kept = withoutSecretLinks(recorded);
    expect(JSON.stringify(kept)).not.toContain('#k=');
    expect(kept.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(kept.blocks.length).toBe(recorded.blocks.length - 1);
    expect(kept.header).toEqual(recorded.header);
  });

  it('stays a plain URL on Feishu and DingTalk, where other app links are rewritten', () => {
    for (const platform of ['feishu', 'dingtalk'] as const)
      expect(urls(withPlatformLinks(config, platform, recorded))).toEqual([url]);
    const other = {
      ...recorded,
      blocks: [
        {
          type: 'actions' as const,
          buttons: [{ label: 'Open', style: 'default' as const, url: 'https://vitality.example.com/app/team' }],
        },
      ],
    };
    expect(urls(withPlatformLinks(config, 'feishu', other))[0]).toMatch(/^https:\/\/applink\.feishu\.cn\//);
  });
});
