// What every mini-app route needs: the dependencies, the signed-in viewer and their rights.
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../domain/unit-of-work.js';
import type { Locale, Platform, PlatformAdapter } from '../bot/port.js';
import { outboxNotifier } from '../bot/outbox.js';
import { withPlatformLinks } from '../bot/app-links.js';
import type { Notifier } from '../domain/notify.js';
import type { Person } from '../domain/org/employees.js';
import { allUnits, visibleUnitIds } from '../domain/org/units.js';
import { parseLocale, translator, type Translate } from '../i18n/index.js';
import { ApiError } from './errors.js';
import type { Session } from './session.js';

export interface WebDeps {
  db: Db;
  config: Config;
  adapters: ReadonlyMap<Platform, PlatformAdapter>;
  /** Wake the outbox worker after a transaction that wrote outbox rows. */
  worker: { kick(): void };
  logger: Logger;
  /** Injected clock (tests); the real one otherwise. */
  now?: () => Date;
  /** Where the built front end is; dist/web by default. */
  distDir?: string;
}

export interface Viewer {
  person: Person;
  session: Session;
  locale: Locale;
  t: Translate;
}

const viewers = new WeakMap<FastifyRequest, Viewer>();

export function setViewer(req: FastifyRequest, v: Viewer): void {
  viewers.set(req, v);
}

/** The language a caller reads: the signed-in viewer's, else (sign-in routes) the browser's. */
export function translatorOf(req: FastifyRequest, fallback: Locale): Translate {
  return viewers.get(req)?.t ?? translator(requestLocale(req, fallback));
}

/** The signed-in viewer, if the request got that far. */
export function viewerIfAny(req: FastifyRequest): Viewer | undefined {
  return viewers.get(req);
}

/** The signed-in viewer; the auth hook guarantees one on every route but /api/auth/*. */
export function viewerOf(req: FastifyRequest): Viewer {
  const v = viewers.get(req);
  if (!v) throw new ApiError(401, 'Not signed in', 'session');
  return v;
}

export function viewerFor(person: Person, session: Session, config: Config): Viewer {
  const locale = person.locale ?? config.defaultLocale;
  return { person, session, locale, t: translator(locale) };
}

/** Before anyone is signed in: the browser's first language, else the company default. */
export function requestLocale(req: FastifyRequest, fallback: Locale): Locale {
  return parseLocale(String(req.headers['accept-language'] ?? '').split(',')[0]) ?? fallback;
}

export const isHr = (p: Pick<Person, 'roles'>) => p.roles.includes('hr') || p.roles.includes('admin');

/** A manager here is whoever heads a unit (the org chart says so) or holds the manager role; HR counts too. */
export async function isManager(db: Db, p: Person): Promise<boolean> {
  return isHr(p) || p.roles.includes('manager') || visibleUnitIds(await allUnits(db), p).size > 0;
}

export function requireHr(v: Viewer): void {
  if (!isHr(v.person)) throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
}

export async function requireManager(db: Db, v: Viewer): Promise<void> {
  if (!(await isManager(db, v.person))) throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
}

export function notifierOf(deps: WebDeps): Notifier {
  return outboxNotifier({
    db: deps.db,
    platforms: new Set(deps.adapters.keys()),
    defaultLocale: deps.config.defaultLocale,
    forPlatform: (p, c) => withPlatformLinks(deps.config, p, c),
  });
}
