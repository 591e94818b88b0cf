// Structured logs (pino). Secrets never reach them: request headers that carry credentials and any
// field named like a secret are redacted, and so is a reply key in a link.
import { pino, type DestinationStream, type Logger } from 'pino';

const SECRET_LINK_KEY = /#k=[A-Za-z0-9_-]+/g;

const options = {
  redact: {
    paths: [
      'req.headers.authorization',
      'req.headers.cookie',
      'req.headers["x-slack-signature"]',
      'req.headers["x-lark-signature"]',
      '*.token',
      '*.secret',
      '*.password',
      '*.botToken',
      '*.appSecret',
      '*.clientSecret',
      '*.signingSecret',
      '*.encryptKey',
    ],
    censor: '[redacted]',
  },
  hooks: {
    // A comment author's reply key travels in a URL fragment (cards/secret-links.ts); an SDK logging a request
    // body at debug level (Slack's WebClient, Lark's) would write it out: every line is scrubbed of it.
    streamWrite: (line: string) => line.replace(SECRET_LINK_KEY, '#k=[redacted]'),
  },
};

/** `destination`: stdout when absent (tests pass their own to read what was logged). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino({ ...options, level }, destination) : pino({ ...options, level });
}
