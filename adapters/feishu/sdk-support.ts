// Small glue between the Lark SDK and our process: a per-adapter token cache (the SDK's default cache is
// process-global, shared by every Client with the same app id) and a pino-backed SDK logger.
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';

type SdkCache = NonNullable<ConstructorParameters<typeof lark.Client>[0]['cache']>;
type SdkLogger = NonNullable<ConstructorParameters<typeof lark.Client>[0]['logger']>;

export function memoryCache(now: () => number = Date.now): SdkCache {
  const store = new Map<string, { value: unknown; expire?: number }>();
  const k = (key: string | symbol, ns?: string) => `${ns ?? ''}:${String(key)}`;
  return {
    set: async (key, value, expire, options) => {
      store.set(k(key as string | symbol, options?.namespace), { value, ...(expire ? { expire } : {}) });
      return true;
    },
    get: async (key, options) => {
      const hit = store.get(k(key as string | symbol, options?.namespace));
      if (!hit) return undefined;
      if (hit.expire !== undefined && hit.expire < now()) return undefined;
      return hit.value;
    },
  };
}

function text(parts: unknown[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p)))
    .join(' ')
    .slice(0, 2000);
}

export function sdkLogger(log: Logger): SdkLogger {
  return {
    error: (...m: unknown[]) => log.error({ sdk: 'lark' }, text(m)),
    warn: (...m: unknown[]) => log.warn({ sdk: 'lark' }, text(m)),
    info: (...m: unknown[]) => log.debug({ sdk: 'lark' }, text(m)),
    debug: (...m: unknown[]) => log.debug({ sdk: 'lark' }, text(m)),
    trace: (...m: unknown[]) => log.trace({ sdk: 'lark' }, text(m)),
  };
}
