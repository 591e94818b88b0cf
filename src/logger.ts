// Structured logs (pino). Secrets never reach them: request headers that carry credentials and any
// field named like a secret are redacted.
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
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
  });
}
