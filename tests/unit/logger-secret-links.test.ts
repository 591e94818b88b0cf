// A comment author's reply key never reaches a log line (issue 23 item 1): an SDK that logs a request body at
// debug level (Slack's WebClient does: "http request body: {…}") would otherwise write out the recorded card with
// its private link. Every line is scrubbed of the key, whatever field or message carries it.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

const KEY = 'Ab3_-xYz0123456789abcdefGHIJKLMN';
const URL_WITH_KEY = `https://vitality.example.com/app/conversation#k=${KEY}`;

describe('log lines', () => {
  it('carry no reply key, in a message or a field, and keep the rest of the line', () => {
    const lines: string[] = [];
    const log = createLogger('trace', { write: (l: string) => void lines.push(l) });
    log.debug(`http request body: ${JSON.stringify({ blocks: [{ elements: [{ url: URL_WITH_KEY }] }] })}`);
    log.info({ card: { url: URL_WITH_KEY } }, 'card sent');
    log.info('nothing secret here: https://vitality.example.com/app/hr/report?wave=3#top');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).not.toContain(KEY);
    expect(lines[0]).toContain('conversation#k=[redacted]');
    expect(JSON.parse(lines[1]!)).toMatchObject({
      msg: 'card sent',
      card: { url: expect.stringContaining('#k=[redacted]') },
    });
    expect(lines[2]).toContain('wave=3#top');
  });
});
