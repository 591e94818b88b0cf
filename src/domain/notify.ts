// How the domain asks for messages to be sent, without knowing any platform: it names an employee and
// a card (rendered per the recipient's locale); the bot's outbox turns that into one row per platform,
// inside the caller's transaction.
import type { CardView } from '../../cards/view.js';
import type { Locale } from '../vocabulary.js';

export interface Notifier {
  /** Send a card to an employee on every platform they are reachable on. `cardKey` names the card so
   *  later updates edit it in place. */
  toEmployee(employeeId: number, render: (locale: Locale) => CardView, opts?: { cardKey?: string }): Promise<void>;
  /** Edit every sent copy of a card in place. */
  updateCard(cardKey: string, employeeId: number, render: (locale: Locale) => CardView): Promise<void>;
}
