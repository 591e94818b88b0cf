// Structured logs (pino). Secrets never reach them: request headers that carry credentials and any
// field named like a secret are redacted.
import { pino, type DestinationStream, type Logger } from 'pino';

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
};

/** `destination`: stdout when absent (tests pass their own to read what was logged). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino({ ...options, level }, destination) : pino({ ...options, level });
}
