// Reading the cards a person received (from the outbox, as the sandbox delivers them) and pressing their
// buttons through the core, exactly as a platform callback would.
import { randomUUID } from 'node:crypto';
import type { ActionRef, CardView, FormValues } from '../../cards/view.js';
import type { CoreResponse } from '../../src/bot/port.js';
import type { Harness } from './harness.js';

export async function cardsOf(h: Harness, employeeId: number, cardKey?: string): Promise<CardView[]> {
  return (await h.outbox())
    .filter(
      (r) =>
        r.platform === 'sandbox' &&
        JSON.parse(r.recipient).platformUserId === String(employeeId) &&
        (cardKey === undefined || r.cardKey === cardKey),
    )
    .map((r) => (JSON.parse(r.message) as { card: CardView }).card);
}

export async function lastCard(h: Harness, employeeId: number, cardKey?: string): Promise<CardView> {
  const cards = await cardsOf(h, employeeId, cardKey);
  if (cards.length === 0) throw new Error(`no card for ${employeeId} ${cardKey ?? ''}`);
  return cards.at(-1)!;
}

/** The action of the button (or form submit) with this `k` on a card. */
export function actionOf(card: CardView, k: string): ActionRef {
  for (const b of card.blocks) {
    if (b.type === 'actions') for (const btn of b.buttons) if (btn.action?.k === k) return btn.action;
    if (b.type === 'form' && b.submit.action.k === k) return b.submit.action;
  }
  throw new Error(`no action ${k} on card "${card.header?.title}"`);
}

export function hasAction(card: CardView, k: string): boolean {
  try {
    actionOf(card, k);
    return true;
  } catch {
    return false;
  }
}

export function press(
  h: Harness,
  employeeId: number,
  action: ActionRef,
  values?: FormValues,
  eventId: string = randomUUID(),
): Promise<CoreResponse> {
  const user = { platformUserId: String(employeeId) };
  return h.core.handle({
    type: 'action',
    platform: 'sandbox',
    eventId,
    user,
    replyTo: { kind: 'user', platformUserId: String(employeeId) },
    action,
    values,
  });
}

export function command(h: Harness, employeeId: number, name: string, args = ''): Promise<CoreResponse> {
  return h.core.handle({
    type: 'command',
    platform: 'sandbox',
    eventId: randomUUID(),
    user: { platformUserId: String(employeeId) },
    replyTo: { kind: 'user', platformUserId: String(employeeId) },
    name,
    args,
  });
}

export const textOfCard = (c: CardView | undefined): string => JSON.stringify(c ?? {});
