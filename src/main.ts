// Start-up: read .env (when present) and the environment, validate, wire, listen; shut down gracefully.
import 'dotenv/config';
import { anyPlatformConfigured, ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { asDatabaseUnavailable, DatabaseTooNew } from './db/connection.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${err.message}\nSee .env.example for every variable and its default.`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  await app.server.listen({ port: config.port, host: config.host });
  const platforms = [...app.adapters.keys()].join(', ');
  // The sandbox lets anyone act as anyone: fine on a laptop, never on a server people rely on.
  if (config.sandbox.enabled && (config.env === 'production' || anyPlatformConfigured(config))) {
    logger.warn(
      'the sandbox (/sandbox) is on: anyone who can reach this server can act as any employee. Set SANDBOX_ENABLED=false.',
    );
  }
  logger.info({ platforms }, `Vitality is up: ${config.publicBaseUrl}${app.adapters.has('sandbox') ? '/sandbox' : ''}`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch(async (err: unknown) => {
  // A refusal we can explain is said plainly (so is a database lost while starting); anything else with its stack.
  const lost = asDatabaseUnavailable(err);
  // Imported here, not at the top: a SQLite start need not load `pg` (issue 22).
  const { DatabaseUnreachable } = await import('./db/pg/connection.js');
  if (err instanceof DatabaseTooNew || err instanceof DatabaseUnreachable) console.error(err.message);
  else if (lost) console.error(`${lost.message}. Check DATABASE_URL and that the server is up, then start again.`);
  else console.error(err);
  process.exit(1);
});
