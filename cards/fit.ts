// A card too big for one chat message, made to fit without losing anything. Each platform refuses cards over
// its own limits (Feishu: 200 elements and a 30 KB body; Slack: 50 blocks and ~12,000 characters of text;
// DingTalk: its markdown and button caps). The adapter says whether a card fits, measured exactly as its
// platform measures; this module decides what to do when it does not — the same way on every platform:
// - a card being sent keeps its header, every form and, in reading order, as much as fits, then says
//   "continued in the next N messages ↓"; the rest follows as continuation cards titled "<title> (2/3)";
// - a card being edited in place cannot grow new messages: what does not fit is replaced by a note saying how
//   much is left out and a button that opens the mini-app, where everything is;
// - a block that cannot fit even alone (a form too long for a card) becomes that note and button — the last
//   resort, said plainly, never a silent cut.
// Long text is split only at safe points (paragraph, line, sentence, word) and never inside **…**, _…_, `…`,
// a [link](url), or a character (emoji and other graphemes stay whole).
import { translator, type Translate } from '../src/i18n/index.js';
import type { Locale } from '../src/vocabulary.js';
import type { Block, CardView } from './view.js';

export type FitMode = 'send' | 'update';

export interface FitOptions {
  /** Whether the platform would accept this card as one message, measured as the platform measures. */
  fits: (view: CardView) => boolean;
  /** 'send': overflow goes to continuation cards; 'update': the card is edited in place, so overflow becomes
   *  a note and an "open in app" link. */
  mode: FitMode;
  /** Where the whole content can be read in the mini-app. */
  appUrl: string;
  /** The language of the words the fitter adds; detected from the card when absent. */
  locale?: Locale;
}

// ---------------------------------------------------------------------------------------------------------
// Characters: graphemes, so that a cut never splits an emoji, a flag or a letter with its accent.

/** Code points that belong to the character before them: marks, variation selectors, skin tones, emoji tags,
 *  keycaps, and whatever follows a zero-width joiner. (Intl.Segmenter does this too, but is ~40× slower on
 *  long text, and a 50,000-character comment must split in milliseconds.) */
const JOINS_PREVIOUS = /^(?:\p{M}|\u200d|[\ufe00-\ufe0f]|\u20e3|[\u{1f3fb}-\u{1f3ff}]|[\u{e0020}-\u{e007f}])$/u;
const REGIONAL = /^[\u{1f1e6}-\u{1f1ff}]$/u;

function graphemes(s: string): string[] {
  const out: string[] = [];
  let joinNext = false;
  let regionalOpen = false;
  for (const cp of s) {
    const last = out.length - 1;
    if (last >= 0 && (joinNext || JOINS_PREVIOUS.test(cp) || (regionalOpen && REGIONAL.test(cp)))) {
      out[last] += cp;
      regionalOpen = false;
    } else {
      out.push(cp);
      regionalOpen = REGIONAL.test(cp);
    }
    joinNext = cp === '\u200d';
  }
  return out;
}
/** Length in code points (what "characters" means to the platforms' limits, near enough: `fits` decides). */
export const charCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Cut `s` to at most `max` characters, ending in "…" when cut, never inside a grapheme. Characters are code
 *  points unless the platform counts otherwise (`length`: Slack counts UTF-16 code units). */
export function clipText(s: string, max: number, length: (s: string) => number = charCount): string {
  if (length(s) <= max) return s;
  if (max <= 1) return max === 1 ? '…' : '';
  let out = '';
  let n = 0;
  for (const g of graphemes(s)) {
    const len = length(g);
    if (n + len > max - 1) break;
    out += g;
    n += len;
  }
  return `${out}…`;
}

// ---------------------------------------------------------------------------------------------------------
// Markdown split at safe points.

/** Spans that must stay whole: links, bold, code, italic (the CardView markdown subset). */
const SPAN = /\[[^\]\n]*\]\([^)\s]*\)|\*\*[^\n]+?\*\*|`[^`\n]+`|(?<![\w*])_[^_\n]+_(?!\w)/g;
/** A cut may follow these graphemes: spaces and sentence or clause punctuation, Chinese or Latin. */
const BREAK_AFTER = /^[\s,.;:!?，。；：！？、）)\]」』》]$/u;

interface Unit {
  text: string;
  len: number;
  /** A cut may come right after this unit. */
  breakAfter: boolean;
  /** A span (kept whole when it fits; re-wrapped piece by piece when it alone is too long). */
  span?: { open: string; close: string; inner: string };
}

function unitsOf(line: string, spans: boolean): Unit[] {
  const units: Unit[] = [];
  const plain = (s: string) => {
    for (const g of graphemes(s)) units.push({ text: g, len: charCount(g), breakAfter: BREAK_AFTER.test(g) });
  };
  if (!spans) {
    plain(line);
    return units;
  }
  let last = 0;
  for (const m of line.matchAll(SPAN)) {
    plain(line.slice(last, m.index));
    const s = m[0];
    const span = s.startsWith('[')
      ? { open: '', close: '', inner: s } // a link is never re-wrapped: too long, it is cut as text
      : s.startsWith('**')
        ? { open: '**', close: '**', inner: s.slice(2, -2) }
        : { open: s[0]!, close: s[0]!, inner: s.slice(1, -1) };
    units.push({ text: s, len: charCount(s), breakAfter: false, span });
    last = m.index + s.length;
  }
  plain(line.slice(last));
  return units;
}

/** One line longer than `max`: cut after the last break point that fits, else at a grapheme. */
function splitLine(line: string, max: number, spans = true): string[] {
  const out: string[] = [];
  let cur: Unit[] = [];
  let curLen = 0;
  const flush = (upTo: number) => {
    out.push(
      cur
        .slice(0, upTo)
        .map((u) => u.text)
        .join('')
        .trimEnd(),
    );
    cur = cur.slice(upTo);
    // A continued line does not start with the space it was cut at.
    while (cur.length > 0 && /^\s+$/.test(cur[0]!.text)) cur.shift();
    curLen = cur.reduce((n, u) => n + u.len, 0);
  };
  const units = unitsOf(line, spans);
  // A span too long for a piece is replaced by its re-wrapped pieces, read before the units after it.
  const pending: Unit[] = [];
  let next = 0;
  while (pending.length > 0 || next < units.length) {
    const u = pending.length > 0 ? pending.pop()! : units[next++]!;
    if (u.len > max) {
      // A span longer than a whole piece: re-wrap its inner text piece by piece (bold stays bold).
      if (cur.length > 0) flush(cur.length);
      const span = u.span ?? { open: '', close: '', inner: u.text };
      const room = Math.max(1, max - charCount(span.open) - charCount(span.close));
      // The inner text is split as plain text (a link too long for a piece is cut as text, its parts kept).
      const inner = splitLine(span.inner, room, false);
      for (let i = inner.length - 1; i >= 0; i--) {
        const p = inner[i]!;
        pending.push({
          text: `${span.open}${p}${span.close}`,
          len: charCount(p) + charCount(span.open) + charCount(span.close),
          breakAfter: true,
        });
      }
      continue;
    }
    if (curLen + u.len > max) {
      // The latest cut that keeps spans whole and falls after a space or punctuation; else cut here.
      let at = -1;
      for (let i = cur.length; i > 0; i--) {
        const next = i < cur.length ? cur[i]! : u;
        if (cur[i - 1]!.breakAfter || cur[i - 1]!.span || next.span) {
          at = i;
          break;
        }
      }
      flush(at > 0 ? at : cur.length);
      if (curLen + u.len > max) flush(cur.length);
    }
    cur.push(u);
    curLen += u.len;
  }
  if (cur.length > 0)
    out.push(
      cur
        .map((x) => x.text)
        .join('')
        .trimEnd(),
    );
  return out.filter((p) => p !== '');
}

/** Pack parts (joined by `sep`) into pieces of at most `max` characters; a part too long goes to `split`. */
function pack(parts: string[], sep: string, max: number, split: (part: string) => string[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const part of parts) {
    const pieces = charCount(part) > max ? split(part) : [part];
    for (const p of pieces) {
      if (cur === '') cur = p;
      else if (charCount(cur) + charCount(sep) + charCount(p) <= max) cur += sep + p;
      else {
        out.push(cur);
        cur = p;
      }
    }
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** Markdown in pieces of at most `maxChars` code points, cut at paragraphs, then lines, then sentences and
 *  words; spans stay whole (or are re-wrapped when one alone is longer than a piece). */
export function splitMarkdown(md: string, maxChars: number): string[] {
  const max = Math.max(1, Math.floor(maxChars));
  if (charCount(md) <= max) return [md];
  return pack(md.split(/\n{2,}/), '\n\n', max, (para) =>
    pack(para.split('\n'), '\n', max, (line) => splitLine(line, max)),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Which language the card speaks.

/** 'zh-CN' when the card's own words are mostly Chinese (names in the other script do not tip it). */
export function cardLocale(view: CardView): Locale {
  const words: string[] = [view.header?.title ?? '', view.header?.subtitle ?? ''];
  for (const b of view.blocks) {
    if (b.type === 'actions') words.push(...b.buttons.map((x) => x.label));
    if (b.type === 'form')
      words.push(b.submit.label, b.openLabel ?? '', ...b.fields.map((f) => ('label' in f ? f.label : f.markdown)));
    if (b.type === 'text') words.push(b.markdown);
    if (b.type === 'note') words.push(b.text);
  }
  const all = words.join(' ');
  const cjk = (all.match(/[\u3400-\u9fff]/g) ?? []).length;
  const latin = (all.match(/[A-Za-z]+/g) ?? []).length;
  return cjk > 0 && cjk >= latin ? 'zh-CN' : 'en';
}

/** The card's own link to the mini-app (its first link button), else `fallback` (the app's home): where "open
 *  in app" leads when a card does not fit. One rule for every adapter. */
export function appUrlOf(view: CardView, fallback: string): string {
  for (const b of view.blocks) if (b.type === 'actions') for (const x of b.buttons) if (x.url) return x.url;
  return fallback;
}

// ---------------------------------------------------------------------------------------------------------
// The fitter.

/** How many things a reader would count in a block (lines, fields, buttons), for "N more items". */
function itemsIn(b: Block): number {
  switch (b.type) {
    case 'text':
      return b.markdown.split('\n').filter((l) => l.trim() !== '').length;
    case 'note':
      return b.text.split('\n').filter((l) => l.trim() !== '').length;
    case 'fields':
      return b.fields.length;
    case 'actions':
      return b.buttons.length;
    case 'form':
      return b.fields.length;
    case 'divider':
      return 0;
    default:
      return 1;
  }
}

export function fitCard(view: CardView, opts: FitOptions): CardView[] {
  if (opts.fits(view)) return [view];
  const t = translator(opts.locale ?? cardLocale(view));
  const appButton: Block = { type: 'actions', buttons: [{ label: t('app.open'), style: 'default', url: opts.appUrl }] };
  const lastResort = (key: 'fit.tooBig' | 'fit.formTooBig'): Block[] => [{ type: 'note', text: t(key) }, appButton];

  // Every piece must fit alone on the most crowded card it can land on: a continuation's longest title and
  // the note (and, when updating, the link) the first card may have to carry.
  const title = view.header?.title;
  const partTitle = (i: number, n: number) =>
    title ? t('fit.part', { title, i, n }) : t('fit.partUntitled', { i, n });
  const probeHeader = {
    title: partTitle(99, 99),
    subtitle: view.header?.subtitle,
    tone: view.header?.tone ?? 'neutral',
  } as const;
  const tail = (n: number): Block[] =>
    opts.mode === 'send'
      ? [{ type: 'note', text: n === 1 ? t('fit.continuedOne') : t('fit.continued', { n }) }]
      : [{ type: 'note', text: t('fit.more', { n }) }, appButton];
  const probeTail = tail(9999);
  const fitsAlone = (b: Block[]) => opts.fits({ header: probeHeader, blocks: [...b, ...probeTail] });

  /** The most characters of this text that fit alone in a block: a binary search on its first characters
   *  (cheap: each probe renders at most one card's worth), so pieces come out as large as the platform takes. */
  const largestFitting = (text: string, make: (t: string) => Block): number => {
    const cps = Array.from(text);
    let lo = 0;
    let hi = cps.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fitsAlone([make(cps.slice(0, mid).join(''))])) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  /** Items packed in order into as few blocks as fit alone (not halves: 30 buttons make 3 cards, not 4). */
  const packed = <T>(items: T[], make: (xs: T[]) => Block, single: (x: T) => Block[]): Block[] => {
    const out: Block[] = [];
    let cur: T[] = [];
    for (const x of items) {
      if (cur.length > 0 && fitsAlone([make([...cur, x])])) cur.push(x);
      else {
        if (cur.length > 0) out.push(make(cur));
        cur = [x];
        if (!fitsAlone([make(cur)])) {
          out.push(...single(x));
          cur = [];
        }
      }
    }
    if (cur.length > 0) out.push(make(cur));
    return out;
  };

  const atomise = (b: Block): Block[] => {
    if (fitsAlone([b])) return [b];
    switch (b.type) {
      case 'text':
      case 'note': {
        const text = b.type === 'text' ? b.markdown : b.text;
        const make = (t: string): Block =>
          b.type === 'text' ? { type: 'text', markdown: t } : { type: 'note', text: t };
        const len = charCount(text);
        // A little under the measured size: a cut at a safe point makes pieces a little shorter or longer.
        const size = Math.floor(largestFitting(text, make) * 0.95);
        if (len <= 1 || size < 1) return lastResort('fit.tooBig');
        const pieces = splitMarkdown(text, size);
        if (pieces.length < 2) return lastResort('fit.tooBig');
        // A piece that still does not fit (dense markup, escapes) is split again.
        return pieces.flatMap((p) => (fitsAlone([make(p)]) ? [make(p)] : atomise(make(p))));
      }
      case 'fields':
        return packed(
          b.fields,
          (fields) => ({ type: 'fields', fields }),
          (f) => atomise({ type: 'text', markdown: `**${f.label}**\n${f.value}` }),
        );
      case 'actions':
        return packed(
          b.buttons,
          (buttons) => ({ type: 'actions', buttons }),
          () => lastResort('fit.tooBig'),
        );
      case 'choice': {
        // Read-only outside a form: the chosen options as text.
        const chosen = b.options.filter((o) => b.selected?.includes(o.value)).map((o) => `- ${o.label}`);
        return atomise({ type: 'text', markdown: [`**${b.label}**`, ...chosen].join('\n') });
      }
      case 'form':
        // Paging a form is the platform renderer's job (it knows how its forms submit); here it is too big.
        return lastResort('fit.formTooBig');
      default:
        return lastResort('fit.tooBig');
    }
  };

  const atoms = view.blocks.flatMap(atomise);

  // The first card keeps what people act on — every form, and the buttons for as long as they fit — because
  // it is the message later updates edit; then, in reading order, the other pieces for as long as they fit.
  const placed = new Set<number>();
  const fitsFirst = (extra: number) =>
    opts.fits({ header: view.header, blocks: [...atoms.filter((_, i) => placed.has(i) || i === extra), ...probeTail] });
  atoms.forEach((a, i) => {
    if (a.type === 'form') placed.add(i);
  });
  atoms.forEach((a, i) => {
    if (a.type === 'actions' && fitsFirst(i)) placed.add(i);
  });
  let lastContent = -1;
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    if (a.type === 'form' || a.type === 'actions') continue;
    if (!fitsFirst(i)) break;
    placed.add(i);
    lastContent = i;
  }
  const rest = atoms.filter((_, i) => !placed.has(i));
  if (rest.length === 0) return [{ ...view, blocks: atoms }];
  // The note goes where the reading breaks off (before the buttons that follow it).
  const firstWith = (note: Block[]): Block[] => {
    const out: Block[] = [];
    atoms.forEach((a, i) => {
      if (placed.has(i)) out.push(a);
      if (i === lastContent) out.push(...note);
    });
    if (lastContent < 0) out.push(...note);
    return out;
  };

  if (opts.mode === 'update') {
    const left = rest.reduce((n, b) => n + itemsIn(b), 0);
    return [{ ...view, blocks: firstWith(tail(Math.max(1, left))) }];
  }

  // Continuations, packed in order.
  const pages: Block[][] = [];
  let page: Block[] = [];
  for (const a of rest) {
    if (page.length > 0 && !opts.fits({ header: probeHeader, blocks: [...page, a] })) {
      pages.push(page);
      page = [];
    }
    page.push(a);
  }
  if (page.length > 0) pages.push(page);
  const n = pages.length + 1;
  const cards: CardView[] = [{ ...view, blocks: firstWith(tail(pages.length)) }];
  pages.forEach((blocks, i) => {
    cards.push({
      header: {
        title: partTitle(i + 2, n),
        ...(view.header?.subtitle ? { subtitle: view.header.subtitle } : {}),
        tone: view.header?.tone ?? 'neutral',
      },
      blocks,
    });
  });
  return cards;
}

/** For callers that only need the translator the fitter would use (adapters' own page words). */
export function fitWords(view: CardView, locale?: Locale): Translate {
  return translator(locale ?? cardLocale(view));
}
