// How the domain asks for messages to be sent, without knowing any platform: it names an employee and
// a card (rendered per the recipient's locale); the bot's outbox turns that into one row per platform,
// inside the caller's transaction.
import type { CardView } from '../../cards/view.js';
import type { Locale, Platform } from '../vocabulary.js';

export interface Notifier {
  /** Send a card to an employee on every platform they are reachable on. `cardKey` names the card so
   *  later updates edit it in place. */
  toEmployee(employeeId: number, render: (locale: Locale) => CardView, opts?: { cardKey?: string }): Promise<void>;
  /** Edit every sent copy of a card in place. */
  updateCard(cardKey: string, employeeId: number, render: (locale: Locale) => CardView): Promise<void>;
  /** Post a card to a group chat or channel on one platform, once per `cardKey` (a second call with the same key
   *  sends nothing). False when that platform is not running or the card was already posted. */
  toChat?(to: { platform: Platform; chatId: string }, card: CardView, opts: { cardKey: string }): Promise<boolean>;
}
