// Small cards every feature uses, one per kind of answer a person can get when something does not go ahead:
// a usage hint (a help card: how the command is used), a refusal (not open to you — and what you may do
// instead), a failure (something really went wrong); plus an expired card and a confirmation.
import type { Translate } from '../src/i18n/index.js';
import { card, type CardView } from './view.js';

/** A real failure or a value that cannot be used: "Something went wrong". */
export function errorCard(message: string, t: Translate): CardView {
  return card({ header: { title: t('error.title'), tone: 'danger' }, blocks: [{ type: 'text', markdown: message }] });
}

/** The lines of a catalogue usage string: its alternatives are separated by " · ". */
export function usageLines(usage: string): string[] {
  return usage
    .split(/\s+·\s+/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * A usage hint (missing or wrong arguments, an unknown subcommand or command): a help card, not an error.
 * `problem` says what was not understood; `usage` is the command's usage string (its " · " alternatives
 * become one line each) or its lines; `examples` are commands to copy.
 */
export function usageCard(
  usage: string | readonly string[],
  t: Translate,
  opts: { problem?: string; examples?: string[] } = {},
): CardView {
  const lines = typeof usage === 'string' ? usageLines(usage) : usage;
  return card({
    header: { title: t('usage.title'), tone: 'info' },
    blocks: [
      ...(opts.problem ? [{ type: 'text' as const, markdown: opts.problem }] : []),
      { type: 'text', markdown: lines.length > 1 ? lines.map((l) => `- ${l}`).join('\n') : (lines[0] ?? '') },
      ...(opts.examples?.length
        ? [
            {
              type: 'text' as const,
              markdown: `${t('usage.examples')}\n${opts.examples.map((e) => `- \`${e}\``).join('\n')}`,
            },
          ]
        : []),
      { type: 'note', text: t('usage.moreHelp') },
    ],
  });
}

/** A refusal: what is not open to this person, and what they may do instead (by default: /help lists it). */
export function refusalCard(message: string, t: Translate, instead: string = t('refusal.instead')): CardView {
  return card({
    header: { title: t('refusal.title'), tone: 'warning' },
    blocks: [
      { type: 'text', markdown: message },
      { type: 'text', markdown: instead },
    ],
  });
}

export function expiredCard(t: Translate): CardView {
  return card({
    header: { title: t('error.cardExpired.title'), tone: 'warning' },
    blocks: [{ type: 'text', markdown: t('error.cardExpired.body') }],
  });
}

export function confirmationCard(
  title: string,
  body: string,
  fields: { label: string; value: string }[] = [],
): CardView {
  return card({
    header: { title, tone: 'success' },
    blocks: [{ type: 'text', markdown: body }, ...(fields.length ? [{ type: 'fields' as const, fields }] : [])],
  });
}
