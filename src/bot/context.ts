// What a command or action handler gets: the acting person, their language, the database (inside the
// transaction that also records the inbound event), and ways to answer.
import type { CardView } from '../../cards/view.js';
import type { Config } from '../config.js';
import type { Db } from '../domain/unit-of-work.js';
import type { Notifier } from '../domain/notify.js';
import type { Person } from '../domain/org/employees.js';
import type { Translate } from '../i18n/index.js';
import type { DirectorySource, Locale, InboundEvent, Platform } from './port.js';
import type { Reach } from './reach.js';

export interface HandlerContext {
  db: Db;
  config: Config;
  person: Person;
  locale: Locale;
  t: Translate;
  event: InboundEvent;
  notify: Notifier;
  /** Answer the actor where the event came from (DM or group), through the outbox. */
  reply(card: CardView, opts?: { cardKey?: string }): Promise<void>;
  now: Date;
  /** Platform directories (Feishu, DingTalk) for org sync. */
  directories: ReadonlyMap<Platform, DirectorySource>;
  /** Slow work (network) to run after the transaction commits, outside the platform's ack window. */
  defer(task: () => Promise<void>): void;
  /** Finding people on the running platforms before a fan-out (absent in bare test wiring). */
  reach?: Reach;
}
