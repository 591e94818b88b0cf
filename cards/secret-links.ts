// Secret links: a button whose URL is a capability for one person (the comment author's reply key, in the URL
// fragment so no browser sends it to a server). It may be shown to that person in their own chat, in the answer
// to their own action, and nowhere else: no outbox row, no stored copy of the chat. Whatever keeps a card
// keeps it without them.
import type { Block, CardView } from './view.js';

export function hasSecretLinks(card: CardView): boolean {
  return card.blocks.some((b) => b.type === 'actions' && b.buttons.some((btn) => btn.secret === true));
}

/** The card as it may be kept: secret buttons dropped (and an actions block left empty by that). */
export function withoutSecretLinks(card: CardView): CardView {
  if (!hasSecretLinks(card)) return card;
  return {
    ...card,
    blocks: card.blocks.flatMap((b): Block[] => {
      if (b.type !== 'actions') return [b];
      const buttons = b.buttons.filter((btn) => btn.secret !== true);
      return buttons.length ? [{ ...b, buttons }] : [];
    }),
  };
}
