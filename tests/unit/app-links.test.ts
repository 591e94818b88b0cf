import { describe, expect, it } from 'vitest';
import { card } from '../../cards/view.js';
import { appUrl, platformLink, withPlatformLinks } from '../../src/bot/app-links.js';
import { loadConfig } from '../../src/config.js';

const config = loadConfig({
  PUBLIC_BASE_URL: 'https://vitality.example.com',
  FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718',
  FEISHU_APP_SECRET: 's',
  FEISHU_VERIFICATION_TOKEN: 't',
  FEISHU_ENCRYPT_KEY: 'k',
});

describe('open-in-app links', () => {
  it('point at the mini-app', () => {
    expect(appUrl(config, '/requests/12')).toBe('https://vitality.example.com/app/requests/12');
  });
  it('open inside Feishu through AppLink, with the page path (and the full URL when it has a query)', () => {
    expect(platformLink(config, 'feishu', 'https://vitality.example.com/app/requests/12')).toBe(
      'https://applink.feishu.cn/client/web_app/open?appId=cli_a1b2c3d4e5f60718&mode=appCenter&path=%2Fapp%2Frequests%2F12',
    );
    expect(platformLink(config, 'feishu', 'https://vitality.example.com/app/hr/report?wave=3')).toContain(
      '&lk_target_url=https%3A%2F%2Fvitality.example.com%2Fapp%2Fhr%2Freport%3Fwave%3D3',
    );
  });
  it('open inside DingTalk through its page-link scheme', () => {
    expect(platformLink(config, 'dingtalk', 'https://vitality.example.com/app/survey/4')).toBe(
      'dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Fvitality.example.com%2Fapp%2Fsurvey%2F4&pc_slide=true',
    );
  });
  it('leave Slack, the sandbox and other sites alone', () => {
    expect(platformLink(config, 'slack', 'https://vitality.example.com/app/')).toBe(
      'https://vitality.example.com/app/',
    );
    expect(platformLink(config, 'feishu', 'https://example.org/course')).toBe('https://example.org/course');
  });
  it('rewrite only link buttons of a card', () => {
    const c = card({
      blocks: [
        {
          type: 'actions',
          buttons: [
            { label: 'Go', url: 'https://vitality.example.com/app/' },
            { label: 'Act', action: { k: 'x' } },
          ],
        },
      ],
    });
    const out = withPlatformLinks(config, 'dingtalk', c);
    expect(out.blocks[0]).toEqual({
      type: 'actions',
      buttons: [
        {
          label: 'Go',
          style: 'default',
          url: 'dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Fvitality.example.com%2Fapp%2F&pc_slide=true',
        },
        { label: 'Act', style: 'default', action: { k: 'x' } },
      ],
    });
    expect(withPlatformLinks(config, 'sandbox', c)).toBe(c);
  });
});
