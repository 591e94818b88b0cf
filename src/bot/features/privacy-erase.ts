// /privacy erase <email or name> [confirm]: HR erases a person who has left (PIPL Art. 47, GDPR Art. 17). Without
// "confirm" it answers with a card asking first; the button re-checks the presser's role, since a card can be
// forwarded. Refusals (still here, unknown, already erased) change nothing.
import { errorCard, usageCard } from '../../../cards/notice.js';
import { eraseConfirmCard, erasedCard } from '../../../cards/privacy.js';
import type { CardView } from '../../../cards/view.js';
import { checkErasable, erasedName, erasePerson, type EraseResult } from '../../domain/privacy/erase-person.js';
import { conversationSealKey } from '../../db/seal-key.js';
import { findPersonByRef } from '../../domain/privacy/person-export.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse } from '../port.js';

export const ERASE_ACTION = 'privacy.erase';
const CONFIRM_WORDS = ['confirm', '确认'];

type Refusal = Extract<EraseResult, { ok: false }>;

function refusalCard(ctx: HandlerContext, r: Refusal, id: number, ref: string): CardView {
  if (r.code === 'still_active') return errorCard(ctx.t('privacy.erase.stillActive', { name: r.name ?? ref }), ctx.t);
  if (r.code === 'already_erased') return errorCard(ctx.t('privacy.erase.alreadyErased', { id }), ctx.t);
  return errorCard(ctx.t('privacy.error.unknownPerson', { person: ref }), ctx.t);
}

function doneCard(ctx: HandlerContext, id: number, r: Extract<EraseResult, { ok: true }>): CardView {
  return erasedCard({ id, pseudonym: r.pseudonym, remaining: r.remaining.reduce((sum, m) => sum + m.rows, 0) }, ctx.t);
}

async function run(ctx: HandlerContext, id: number, ref: string): Promise<CardView> {
  const r = await erasePerson(ctx.db, id, { kind: 'employee', employeeId: ctx.person.id }, ctx.now, {
    conversationKey: conversationSealKey(ctx.config),
  });
  return r.ok ? doneCard(ctx, id, r) : refusalCard(ctx, r, id, ref);
}

/** The command's `erase` sub-command (the router already limits /privacy to HR and admins). */
export async function erasePersonCommand(ctx: HandlerContext, args: string[]): Promise<void> {
  const confirmed = args.length > 1 && CONFIRM_WORDS.includes(args[args.length - 1]!.toLowerCase());
  const ref = (confirmed ? args.slice(0, -1) : args).join(' ');
  if (!ref) return ctx.reply(usageCard(ctx.t('privacy.erase.usage'), ctx.t));
  const found = await findPersonByRef(ctx.db, ref);
  if (!found.ok) {
    const key = found.code === 'ambiguous' ? 'privacy.error.ambiguous' : 'privacy.error.unknownPerson';
    return ctx.reply(errorCard(ctx.t(key, { person: ref, n: found.n ?? 0 }), ctx.t));
  }
  if (confirmed) return ctx.reply(await run(ctx, found.id, ref));
  const check = await checkErasable(ctx.db, found.id);
  if (!check.ok) return ctx.reply(refusalCard(ctx, check, found.id, ref));
  await ctx.reply(
    eraseConfirmCard(
      { name: check.person.name, id: found.id, pseudonym: erasedName(found.id), action: ERASE_ACTION },
      ctx.t,
    ),
  );
}

/** The confirmation button: the card replaces itself with the outcome. */
export async function eraseConfirmAction(ctx: HandlerContext, id: string | undefined): Promise<CoreResponse> {
  if (!ctx.person.roles.some((r) => r === 'hr' || r === 'admin'))
    return { outcome: 'invalid', toast: { text: ctx.t('privacy.erase.forbidden'), tone: 'error' } };
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0)
    return { outcome: 'handled', card: errorCard(ctx.t('error.cardExpired.body'), ctx.t) };
  return { outcome: 'handled', card: await run(ctx, n, `#${n}`) };
}
