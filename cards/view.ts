// The platform-neutral card model. Cards are pure data: every adapter renders a CardView to its own
// JSON (Block Kit, Feishu card 2.0, DingTalk card, sandbox HTML). Strings are already localised.
import { z } from 'zod';

/** An opaque, typed reference the core made; the core re-checks the actor's rights on every action. */
export const actionRefSchema = z.object({
  k: z.string().min(1).max(64),
  id: z.string().max(64).optional(),
  v: z.string().max(256).optional(),
});
export type ActionRef = z.infer<typeof actionRefSchema>;

export const toneSchema = z.enum(['neutral', 'info', 'success', 'warning', 'danger']);
export type Tone = z.infer<typeof toneSchema>;

const buttonSchema = z.object({
  label: z.string().min(1),
  style: z.enum(['default', 'primary', 'danger']).default('default'),
  /** Either an action sent back to the bot, or a link opened by the client. */
  action: actionRefSchema.optional(),
  url: z.string().url().optional(),
  /** The URL is a capability for this person alone (a key in its fragment): shown to them, never kept by the
   *  server — no outbox row, no stored chat (cards/secret-links.ts). */
  secret: z.boolean().optional(),
});
export type Button = z.infer<typeof buttonSchema>;
export type ButtonInput = z.input<typeof buttonSchema>;

const optionSchema = z.object({ value: z.string().min(1), label: z.string().min(1) });

const textBlock = z.object({ type: z.literal('text'), markdown: z.string() });
const fieldsBlock = z.object({
  type: z.literal('fields'),
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
});
const ratingBlock = z.object({
  type: z.literal('rating'),
  id: z.string().min(1),
  label: z.string(),
  min: z.number().int(),
  max: z.number().int(),
  minLabel: z.string().optional(),
  maxLabel: z.string().optional(),
  value: z.number().int().optional(),
  required: z.boolean().default(true),
});
const choiceBlock = z.object({
  type: z.literal('choice'),
  id: z.string().min(1),
  label: z.string(),
  multi: z.boolean().default(false),
  options: z.array(optionSchema).min(1),
  selected: z.array(z.string()).optional(),
  required: z.boolean().default(true),
});
const inputBlock = z.object({
  type: z.literal('input'),
  id: z.string().min(1),
  label: z.string(),
  placeholder: z.string().optional(),
  multiline: z.boolean().default(false),
  maxLength: z.number().int().positive().optional(),
  required: z.boolean().default(false),
  value: z.string().optional(),
});
const actionsBlock = z.object({ type: z.literal('actions'), buttons: z.array(buttonSchema).min(1) });
const imageBlock = z.object({ type: z.literal('image'), url: z.string(), alt: z.string() });
const noteBlock = z.object({ type: z.literal('note'), text: z.string() });
const dividerBlock = z.object({ type: z.literal('divider') });

const formField = z.discriminatedUnion('type', [textBlock, ratingBlock, choiceBlock, inputBlock]);
const formBlock = z.object({
  type: z.literal('form'),
  id: z.string().min(1),
  fields: z.array(formField).min(1),
  submit: z.object({ label: z.string().min(1), action: actionRefSchema }),
  /** The label of the button that opens the form where a platform shows forms in a separate view (Slack
   *  modals, DingTalk steppers); the submit label otherwise. */
  openLabel: z.string().min(1).optional(),
});

export const blockSchema = z.discriminatedUnion('type', [
  textBlock,
  fieldsBlock,
  ratingBlock,
  choiceBlock,
  inputBlock,
  actionsBlock,
  imageBlock,
  noteBlock,
  dividerBlock,
  formBlock,
]);
export type Block = z.infer<typeof blockSchema>;
export type FormField = z.infer<typeof formField>;
export type FormFieldInput = z.input<typeof formField>;
export type BlockInput = z.input<typeof blockSchema>;
export type FormBlock = z.infer<typeof formBlock>;

export const cardViewSchema = z.object({
  header: z
    .object({ title: z.string().min(1), subtitle: z.string().optional(), tone: toneSchema.default('neutral') })
    .optional(),
  blocks: z.array(blockSchema),
});
export type CardView = z.infer<typeof cardViewSchema>;
/** What card functions write: defaults (tone, style, required…) may be left out. */
export type CardViewInput = z.input<typeof cardViewSchema>;

/** Normalise a card written by a card function (fills defaults, rejects malformed trees). */
export function card(input: CardViewInput): CardView {
  return cardViewSchema.parse(input);
}

/** Values a user submitted from a form: a field id -> one value, or several for a multi choice. */
export const formValuesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type FormValues = z.infer<typeof formValuesSchema>;
