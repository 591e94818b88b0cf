// deploy/: what can be checked without Docker or systemd — the compose topology (two Vitality instances on one
// PostgreSQL behind a proxy that balances over both), that every variable the deployment sets is one the server
// reads and that the example settings pass the production config checks, the image's user and health check,
// and the systemd unit's essentials.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { envSchema, loadConfig } from '../../src/config.js';

const read = (path: string) => readFileSync(path, 'utf8');
/** package.json's `start` script: what `npm start` runs once its prestart has checked the mini-app build. */
const startScript = () =>
  z.object({ scripts: z.object({ start: z.string() }) }).parse(JSON.parse(read('package.json'))).scripts.start;

// The subset of the compose format the deployment uses; anything else is ignored, a wrong shape fails here.
const envList = z.union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), z.array(z.string())]);
const serviceSchema = z.object({
  image: z.string().optional(),
  build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
  env_file: z.union([z.string(), z.array(z.string())]).optional(),
  environment: envList.optional(),
  depends_on: z
    .union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string().optional() }))])
    .optional(),
  ports: z.array(z.union([z.string(), z.number()])).optional(),
  volumes: z.array(z.string()).optional(),
  healthcheck: z.object({ test: z.union([z.string(), z.array(z.string())]) }).optional(),
});
const composeSchema = z.object({
  services: z.record(z.string(), serviceSchema),
  volumes: z.record(z.string(), z.unknown()).optional(),
});
type Service = z.infer<typeof serviceSchema>;

// merge: the instances share their settings through a `<<: *vitality` merge key, as compose resolves it.
const compose = composeSchema.parse(parseYaml(read('deploy/compose.yaml'), { merge: true }));
const services = Object.entries(compose.services);

const environmentOf = (s: Service): Record<string, string> =>
  Array.isArray(s.environment)
    ? Object.fromEntries(s.environment.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)]))
    : Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v)]));
const envFilesOf = (s: Service): string[] =>
  s.env_file === undefined ? [] : Array.isArray(s.env_file) ? s.env_file : [s.env_file];
/** The committed example of an env file the compose file names (the real one is git-ignored). */
const exampleOf = (envFile: string) => read(join('deploy', `${envFile}.example`));
/** What a service's process sees, as compose assembles it: its env files (from their examples), then `environment`. */
const effectiveEnv = (s: Service): Record<string, string> => ({
  ...Object.assign({}, ...envFilesOf(s).map((f) => parseEnv(exampleOf(f)))),
  ...environmentOf(s),
});

const vitality = services.filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');
const postgres = services.filter(([, s]) => s.image?.startsWith('postgres:'));
const proxy = services.filter(([, s]) => s.image?.startsWith('caddy:'));

/** Every variable the server reads: its config schema, .env.example, and direct process.env reads in src/. */
function knownVariables(): Set<string> {
  const names = new Set(Object.keys(envSchema.shape));
  for (const line of read('.env.example').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=/.exec(line);
    if (m) names.add(m[1]!);
  }
  for (const file of readdirSync('src', { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    for (const m of read(join('src', file)).matchAll(
      /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g,
    ))
      names.add((m[1] ?? m[2])!);
  }
  return names;
}

describe('deploy/compose.yaml', () => {
  it('runs exactly two Vitality instances from the same image, each under its own name', () => {
    expect(vitality.map(([name]) => name).sort()).toEqual(['vitality-1', 'vitality-2']);
    const [[, a], [, b]] = vitality as [[string, Service], [string, Service]];
    expect(a.build).toEqual(b.build);
    expect(a.image).toBeDefined();
    expect(a.image).toBe(b.image);
  });

  it('points both instances at one PostgreSQL database: the postgres service of this file', () => {
    const urls = vitality.map(([, s]) => effectiveEnv(s).DATABASE_URL);
    expect(urls[0]).toMatch(/^postgres(ql)?:\/\//);
    expect(urls[1]).toBe(urls[0]);
    const url = new URL(urls[0]!);
    expect(postgres.map(([name]) => name)).toEqual([url.hostname]);
    expect(url.port === '' || url.port === '5432').toBe(true);
    // The user and database the URL names are the ones the postgres service creates.
    const pgEnv = environmentOf(postgres[0]![1]);
    expect(url.username).toBe(pgEnv.POSTGRES_USER);
    expect(url.pathname).toBe(`/${pgEnv.POSTGRES_DB}`);
  });

  it('runs PostgreSQL 15 on a named volume, with a pg_isready health check and its password from an env file', () => {
    const [, pg] = postgres[0]!;
    expect(pg.image).toMatch(/^postgres:15(\.|-|$)/);
    const volume = (pg.volumes ?? []).find((v) => v.endsWith(':/var/lib/postgresql/data'));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume!.split(':')[0]);
    const test = pg.healthcheck?.test;
    expect(Array.isArray(test) ? test.join(' ') : test).toContain('pg_isready');
    expect(environmentOf(pg)).not.toHaveProperty('POSTGRES_PASSWORD');
    expect(envFilesOf(pg).map((f) => parseEnv(exampleOf(f)))).toContainEqual(
      expect.objectContaining({ POSTGRES_PASSWORD: expect.any(String) }),
    );
  });

  it('starts each instance only once PostgreSQL is healthy', () => {
    for (const [, s] of vitality) {
      expect(s.depends_on).toMatchObject({ [postgres[0]![0]]: { condition: 'service_healthy' } });
    }
  });

  it('takes secrets only from env files, which git ignores', () => {
    for (const [, s] of [...vitality, ...postgres]) {
      for (const name of Object.keys(environmentOf(s))) expect(name).not.toMatch(/SECRET|TOKEN|KEY|PASSWORD|_URL$/);
      for (const f of envFilesOf(s)) {
        const path = join('deploy', f);
        // check-ignore exits 0 when the path is ignored, 1 when not (execFileSync throws).
        expect(() => execFileSync('git', ['check-ignore', '-q', path])).not.toThrow();
        expect(existsSync(`${path}.example`)).toBe(true);
      }
    }
  });

  it('publishes ports on the proxy only', () => {
    expect(proxy).toHaveLength(1);
    expect(proxy[0]![1].ports?.length ?? 0).toBeGreaterThan(0);
    for (const [, s] of [...vitality, ...postgres]) expect(s.ports ?? []).toEqual([]);
  });

  it('sets only variables the server reads, with values that pass the production checks', () => {
    const known = knownVariables();
    const used = new Set([
      ...vitality.flatMap(([, s]) => Object.keys(environmentOf(s))),
      ...Object.keys(parseEnv(exampleOf('vitality.env'))),
    ]);
    expect([...used].filter((v) => !known.has(v))).toEqual([]);
    // With its two secrets filled in, the example is a valid production configuration…
    const env = effectiveEnv(vitality[0]![1]);
    expect(env.NODE_ENV).toBe('production');
    const config = loadConfig({ ...env, SESSION_SECRET: 'a'.repeat(32), SURVEY_SEAL_SECRET: 'b'.repeat(32) });
    expect(config.env).toBe('production');
    expect(config.publicBaseUrl).toMatch(/^https:\/\//);
    // …and as committed (secrets empty) it is refused, so nobody runs on a placeholder secret.
    expect(() => loadConfig(env)).toThrow(/SESSION_SECRET[\s\S]*SURVEY_SEAL_SECRET/);
  });
});

describe('deploy/Caddyfile', () => {
  const caddyfile = read('deploy/Caddyfile')
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
  const directive = (name: string) => caddyfile.filter((l) => l.split(/\s+/)[0] === name);

  it('is the file the proxy service mounts', () => {
    expect(proxy[0]![1].volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
  });

  it('balances round-robin over both instances, on the port they listen on', () => {
    const upstreams = directive('reverse_proxy').flatMap((l) =>
      l
        .split(/\s+/)
        .slice(1)
        .filter((w) => w !== '{'),
    );
    const expected = vitality.map(([name, s]) => `${name}:${environmentOf(s).PORT ?? '3000'}`);
    expect(upstreams.sort()).toEqual(expected.sort());
    expect(directive('lb_policy')).toEqual(['lb_policy round_robin']);
  });

  it('health-checks each instance on /readyz', () => {
    expect(directive('health_uri')).toEqual(['health_uri /readyz']);
  });

  it('leaves X-Forwarded-For as reverse_proxy sets it (the client address), removing or overriding nothing', () => {
    const touching = caddyfile.filter((l) => /^(header_up|request_header|header)\b.*x-forwarded-for/i.test(l));
    expect(touching).toEqual([]);
  });
});

describe('deploy/Dockerfile', () => {
  const lines = read('deploy/Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => !l.startsWith('#'));
  const instr = (name: string) => lines.filter((l) => l.startsWith(`${name} `));

  it('builds on node:20-bookworm-slim with npm ci and the mini-app build', () => {
    const froms = instr('FROM');
    expect(froms.length).toBeGreaterThan(0);
    for (const f of froms) expect(f).toMatch(/^FROM node:20-bookworm-slim\b/);
    expect(instr('RUN').some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(instr('RUN').some((r) => /\bnpm run build:web\b/.test(r))).toBe(true);
  });

  it('runs as a user other than root', () => {
    const user = instr('USER').at(-1)?.split(/\s+/)[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user!.split(':')[0]);
  });

  it('checks /healthz and starts the server without rebuilding (not npm start, whose prestart builds)', () => {
    expect(instr('HEALTHCHECK').join(' ')).toContain('/healthz');
    const cmd = z.array(z.string()).parse(JSON.parse(instr('CMD').at(-1)!.slice('CMD '.length)));
    expect(cmd.join(' ')).not.toMatch(/npm (run )?start/);
    const entry = cmd.find((a) => a.endsWith('.ts'));
    expect(entry).toBeDefined();
    expect(existsSync(entry!)).toBe(true);
  });

  it('limits glibc to two malloc arenas, as the memory run measured', () => {
    expect(instr('ENV').join(' ')).toMatch(/\bMALLOC_ARENA_MAX=2\b/);
  });

  it('runs the command `npm start` runs after its prestart, so the image starts as the measured start does', () => {
    const cmd = z.array(z.string()).parse(JSON.parse(instr('CMD').at(-1)!.slice('CMD '.length)));
    expect(cmd.join(' ')).toBe(startScript());
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const p of ['node_modules', 'data', 'dist', 'test-artifacts', '.env', 'deploy/*.env'])
      expect(ignored).toContain(p);
  });
});

describe('deploy/vitality.service', () => {
  const service = new Map<string, string[]>();
  let section = '';
  for (const raw of read('deploy/vitality.service').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const s = /^\[(\w+)\]$/.exec(line);
    if (s) section = s[1]!;
    else if (section === 'Service') {
      const key = line.slice(0, line.indexOf('='));
      service.set(key, [...(service.get(key) ?? []), line.slice(line.indexOf('=') + 1)]);
    }
  }

  it('runs the server as a dedicated user, with its settings from an env file, restarting on failure', () => {
    const exec = service.get('ExecStart')?.[0];
    expect(exec).toBeDefined();
    const entry = exec!.split(/\s+/).find((a) => a.endsWith('.ts'));
    expect(entry).toBeDefined();
    expect(existsSync(entry!)).toBe(true);
    expect(service.get('User')?.[0]).toMatch(/^(?!root$)\w+$/);
    expect(service.get('EnvironmentFile')?.[0]).toMatch(/^-?\//);
    expect(service.get('Restart')).toEqual(['on-failure']);
  });

  it('limits glibc to two malloc arenas, as the memory run measured', () => {
    expect(service.get('Environment')).toContain('MALLOC_ARENA_MAX=2');
  });

  it('runs the command `npm start` runs after its prestart', () => {
    expect(service.get('ExecStart')?.[0]?.replace(/^\/usr\/bin\/node /, 'node ')).toBe(startScript());
  });

  it('is sandboxed, with the SQLite folder the only writable path', () => {
    expect(service.get('NoNewPrivileges')).toEqual(['yes']);
    expect(service.get('ProtectSystem')).toEqual(['strict']);
    const dbPath = (service.get('Environment') ?? []).find((e) => e.startsWith('DATABASE_PATH='))?.split('=')[1];
    expect(dbPath).toBeDefined();
    expect(service.get('ReadWritePaths')).toEqual([dbPath!.slice(0, dbPath!.lastIndexOf('/'))]);
  });
});
