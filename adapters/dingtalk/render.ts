// CardView → DingTalk. Interactive cards are instances of one card template (README: "The card
// template"), so rendering produces that template's variables (cardParamMap, all strings — arrays are
// JSON strings, as DingTalk's card data requires). Robot messages (sampleMarkdown / sampleActionCardN)
// are the fallback where no template is configured; they cannot carry a callback, so action buttons
// become one link that opens the mini-app.
//
// Forms: DingTalk cards have no form container we can fill from a generic CardView, so a form made of
// quick questions (ratings of ≤ 11 values, single choices of ≤ 11 options; optional text inputs are
// skipped, with a link to the mini-app for them) becomes a stepper: one question at a time, one tap per answer, the card advancing in place.
// A form that needs typing or long lists opens the mini-app instead.
//
// Nothing is cut here: a card over DingTalk's limits (limits.ts) is split by cards/fit.ts before it is
// rendered (outbound.ts asks `cardFits` / `robotFits`, which check the exact payload with conformance.ts).
// Only labels that must be short are clipped (by code points, never inside an emoji), and a clipped title
// opens the markdown in full.
import { appUrlOf, clipText, fitCard, splitMarkdown, type FitMode } from '../../cards/fit.js';
import type { Block, CardView, FormBlock } from '../../cards/view.js';
import { translator } from '../../src/i18n/index.js';
import { dingTalkProblems } from './conformance.js';
import { DINGTALK_LIMITS as L } from './limits.js';
import { DIVIDER_LINE, toDingMarkdown } from './markdown.js';
import type { StepCodec } from './step-seal.js';

export { toDingMarkdown } from './markdown.js';

/** One button of the template's `actions` loop. `k/id/v` are the core's ActionRef; `f/fv` a form answer,
 *  `a` the earlier answers of a stepper (sealed, step-seal.ts), `u` who gave them and `n` = '1' when more questions follow. */
export interface CardButton {
  label: string;
  style: 'primary' | 'default' | 'danger';
  url?: string;
  k?: string;
  id?: string;
  v?: string;
  f?: string;
  fv?: string;
  a?: string;
  u?: string;
  n?: string;
}

/** A stepper in progress: the answers so far and the DingTalk user who gave them. */
export interface StepState {
  answers: Record<string, string>;
  by: string;
}

export interface RenderedCard {
  /** The template's variables, for createAndDeliver / card update. */
  cardParamMap: Record<string, string>;
  title: string;
  markdown: string;
  buttons: CardButton[];
}

export interface RenderOptions {
  /** `${publicBaseUrl}/app`: where a form or an action that a message cannot hold is completed. */
  appUrl: string;
  /** Seals a stepper's earlier answers into its buttons. */
  step: StepCodec;
}

const isChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);
/** The card does not carry its reader's locale: the links the adapter adds follow the card's own script. */
const words = (zh: boolean) => translator(zh ? 'zh-CN' : 'en');

type QuickField = Extract<FormBlock['fields'][number], { type: 'rating' | 'choice' }>;
interface QuickQuestion {
  field: QuickField;
  values: { value: string; label: string }[];
}

/** A rating of ≤ 11 values or a single choice of ≤ 11 options: answerable with one tap on a button. */
function quickQuestion(f: FormBlock['fields'][number]): QuickQuestion | undefined {
  if (f.type === 'rating') {
    const count = f.max - f.min + 1;
    if (count < 1 || count > L.maxQuestionValues) return undefined;
    const values = Array.from({ length: count }, (_, i) => {
      const n = f.min + i;
      const hint = n === f.min ? f.minLabel : n === f.max ? f.maxLabel : undefined;
      return { value: String(n), label: hint ? `${n} ${hint}` : String(n) };
    });
    return { field: f, values };
  }
  if (f.type === 'choice' && !f.multi && f.options.length <= L.maxQuestionValues)
    return { field: f, values: f.options };
  return undefined;
}

/** The form's questions as a tap-per-question stepper, or undefined when a field needs typing or a
 *  long list (required text input, multi choice, an 11-point scale…). Optional text inputs are skipped. */
export function stepperQuestions(form: FormBlock): QuickQuestion[] | undefined {
  const out: QuickQuestion[] = [];
  for (const f of form.fields) {
    if (f.type === 'text') continue;
    if (f.type === 'input' && !f.required) continue;
    const q = quickQuestion(f);
    if (!q) return undefined;
    out.push(q);
  }
  return out.length > 0 ? out : undefined;
}

/** Step n of the stepper: the first unanswered question, one button per value. Each button carries the
 *  answers so far (`a`) and whether more questions follow (`n`), so the card itself holds the state:
 *  a tap on a middle question asks the core for the form again (openForm) and shows the next step; the
 *  tap on the last one submits every answer at once. */
function renderForm(
  form: FormBlock,
  opts: RenderOptions,
  lines: string[],
  buttons: CardButton[],
  cardZh: boolean,
  step: StepState | undefined,
): void {
  const appUrl = opts.appUrl;
  // The link's language: the submit label is a translated UI string, while the rest of a card may hold
  // names in either script (an English reader's rater card lists Chinese names).
  const zh = isChinese(form.submit.label) || (!/[A-Za-z]/.test(form.submit.label) && cardZh);
  const answers = step?.answers ?? {};
  const steps = stepperQuestions(form);
  const next = steps?.findIndex((q) => answers[q.field.id] === undefined) ?? -1;
  if (steps && next >= 0) {
    const q = steps[next]!;
    // Text fields are the form's intro and section headings: the first step shows every one before the
    // first question, later steps the heading of the current question's section.
    const before = form.fields.slice(0, form.fields.indexOf(q.field)).filter((f) => f.type === 'text');
    for (const f of next === 0 ? before : before.slice(-1)) lines.push(toDingMarkdown(f.markdown));
    lines.push(steps.length > 1 ? `**${q.field.label}** (${next + 1}/${steps.length})` : `**${q.field.label}**`);
    // `u`: in a group anyone can tap the card; another person's tap starts their own answers.
    const carried = step && Object.keys(answers).length > 0 ? { a: opts.step.seal(answers), u: step.by } : {};
    const more = steps.slice(next + 1).some((s) => answers[s.field.id] === undefined);
    for (const opt of q.values) {
      buttons.push({
        label: opt.label,
        style: 'default',
        ...form.submit.action,
        f: q.field.id,
        fv: opt.value,
        ...carried,
        ...(more ? { n: '1' } : {}),
      });
    }
    // Optional text fields (a comment) cannot be typed on a card: the mini-app has the whole form.
    if (form.fields.some((f) => f.type === 'input')) {
      buttons.push({ label: words(zh)('app.answerInApp'), style: 'default', url: appUrl });
    }
    return;
  }
  for (const f of form.fields) if (f.type === 'text') lines.push(toDingMarkdown(f.markdown));
  const questions = form.fields.filter((f) => f.type !== 'text');
  lines.push(questions.map((f, i) => `${i + 1}. ${'label' in f ? f.label : ''}`).join('\n'));
  buttons.push({ label: words(zh)('app.openForm'), style: 'primary', url: appUrl });
}

function renderBlock(
  b: Block,
  opts: RenderOptions,
  lines: string[],
  buttons: CardButton[],
  zh: boolean,
  step: StepState | undefined,
): void {
  switch (b.type) {
    case 'text':
      lines.push(toDingMarkdown(b.markdown));
      break;
    case 'fields':
      lines.push(b.fields.map((f) => `**${f.label}**: ${toDingMarkdown(f.value)}`).join('  \n'));
      break;
    case 'rating':
      lines.push(`**${b.label}**: ${b.value === undefined ? '—' : `${b.value}/${b.max}`}`);
      break;
    case 'choice': {
      const chosen = b.options.filter((o) => b.selected?.includes(o.value)).map((o) => o.label);
      lines.push(`**${b.label}**: ${chosen.length ? chosen.join(', ') : '—'}`);
      break;
    }
    case 'input':
      lines.push(`**${b.label}**: ${b.value ?? '—'}`);
      break;
    case 'actions':
      for (const btn of b.buttons) {
        if (btn.url) buttons.push({ label: btn.label, style: btn.style, url: btn.url });
        else if (btn.action) buttons.push({ label: btn.label, style: btn.style, ...btn.action });
      }
      break;
    case 'image':
      lines.push(`![${b.alt}](${b.url})`);
      break;
    case 'note':
      lines.push(`> ${toDingMarkdown(b.text).replace(/\n/g, '\n> ')}`);
      break;
    case 'divider':
      // DingTalk's markdown has no horizontal rule (limits.ts): a line of dashes stands in for it.
      lines.push(DIVIDER_LINE);
      break;
    case 'form':
      renderForm(b, opts, lines, buttons, zh, step);
      break;
  }
}

/** `step`: a form stepper in progress (see renderForm); absent for a freshly sent card. */
export function renderCard(card: CardView, opts: RenderOptions, step?: StepState): RenderedCard {
  const zh = isChinese(`${card.header?.title ?? ''}${JSON.stringify(card.blocks)}`);
  const lines: string[] = [];
  const buttons: CardButton[] = [];
  const fullTitle = card.header?.title ?? '';
  const title = clipText(fullTitle, L.maxTitleChars);
  // A title too long for the header is clipped there and shown whole as the body's first line.
  if (title !== fullTitle) lines.push(`**${fullTitle}**`);
  for (const b of card.blocks) renderBlock(b, opts, lines, buttons, zh, step);
  const markdown = lines.join('\n\n');
  const labelled = buttons.map((b) => ({ ...b, label: clipText(b.label, L.maxButtonChars) }));
  return {
    title,
    markdown,
    buttons: labelled,
    cardParamMap: {
      title,
      subtitle: clipText(card.header?.subtitle ?? '', L.maxTitleChars),
      tone: card.header?.tone ?? 'neutral',
      markdown,
      actions: JSON.stringify(labelled),
      hasActions: labelled.length > 0 ? 'true' : 'false',
    },
  };
}

/** Markdown → plain words, for a robot message's title (shown in the chat list). */
const plainWords = (md: string) =>
  md
    .replace(/!?\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
    .replace(/[*#>`~_\n-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A robot message (msgKey + msgParam) for a rendered card, where no card template is configured. Robot
 *  buttons are links only: action buttons become one link that opens the mini-app. */
export function renderFallbackMessage(
  r: RenderedCard,
  opts: RenderOptions,
): { msgKey: string; msgParam: Record<string, string> } {
  const zh = isChinese(r.title + r.markdown);
  const links = r.buttons.filter((b) => b.url).map((b) => ({ label: b.label, url: b.url! }));
  if (r.buttons.some((b) => !b.url)) links.push({ label: words(zh)('app.openInApp'), url: opts.appUrl });
  // Button titles: DingTalk's 20 characters (limits.ts), clipped by code points.
  const shown = links.map((l) => ({ ...l, label: clipText(l.label, L.maxActionTitleChars) }));
  const title = clipText(r.title || plainWords(r.markdown) || 'Vitality', L.maxCardTitleChars);
  const text = r.title ? `### ${r.title}\n\n${r.markdown}` : r.markdown;
  if (shown.length === 0) return { msgKey: 'sampleMarkdown', msgParam: { title, text } };
  if (shown.length === 1) {
    return {
      msgKey: 'sampleActionCard',
      msgParam: { title, text, singleTitle: shown[0]!.label, singleURL: shown[0]!.url },
    };
  }
  // More than 5 links has no robot message type: `robotFits` says so and the card is split before this.
  const msgParam: Record<string, string> = { title, text };
  shown.forEach((l, i) => {
    msgParam[`actionTitle${i + 1}`] = l.label;
    msgParam[`actionURL${i + 1}`] = l.url;
  });
  return { msgKey: `sampleActionCard${shown.length}`, msgParam };
}

export function renderText(text: string): { msgKey: string; msgParam: Record<string, string> } {
  return { msgKey: 'sampleText', msgParam: { content: text } };
}

/** A text in as many sampleText messages as it needs, each within the character and byte limits, cut only
 *  at safe points (paragraph, line, sentence, word; never inside a character). */
export function textPieces(text: string): string[] {
  const fits = (t: string) => dingTalkProblems({ kind: 'robot', ...renderText(t) }).length === 0;
  const split = (t: string): string[] => {
    if (fits(t)) return [t];
    const pieces = splitMarkdown(t, Math.max(1, Math.ceil([...t].length / 2)));
    return pieces.length < 2 ? [t] : pieces.flatMap(split);
  };
  const first = splitMarkdown(text, L.maxTextChars);
  return first.flatMap(split).filter((p, i, all) => p !== '' || all.length === 1);
}

/** Whether the template card for this view is one DingTalk accepts and our template shows whole. */
export function cardFits(view: CardView, opts: RenderOptions, step?: StepState): boolean {
  return dingTalkProblems({ kind: 'card', cardParamMap: renderCard(view, opts, step).cardParamMap }).length === 0;
}

/** Whether the robot message for this view (no template configured) is one DingTalk accepts. */
export function robotFits(view: CardView, opts: RenderOptions): boolean {
  const m = renderFallbackMessage(renderCard(view, opts), opts);
  return dingTalkProblems({ kind: 'robot', msgKey: m.msgKey, msgParam: m.msgParam }).length === 0;
}

/** The card as DingTalk will take it (cards/fit.ts measured with `cardFits` for a template card, `robotFits`
 *  for a robot action card): cards[0] is the message; on 'send' the rest are its continuations, on 'update'
 *  there are none (what does not fit becomes a note and a link to the app). */
export function fitDingTalkCard(
  view: CardView,
  opts: RenderOptions,
  how: { template: boolean; mode: FitMode; step?: StepState },
): CardView[] {
  const fits = how.template ? (v: CardView) => cardFits(v, opts, how.step) : (v: CardView) => robotFits(v, opts);
  return fitCard(view, { fits, mode: how.mode, appUrl: appUrlOf(view, opts.appUrl) });
}
