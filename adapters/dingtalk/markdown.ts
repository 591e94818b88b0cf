// CardView markdown → DingTalk markdown. DingTalk renders only a subset (limits.ts, DINGTALK_MARKDOWN_SUBSET:
// headings, quotes, **bold**, *italic*, links, images, - and 1. lists); whatever else a card holds would show
// literally ("---", backticks, "~~"), so it is translated into a supported form here, keeping its words:
// - `code` → the code itself (DingTalk has no monospace; the backticks would only be noise);
// - a ``` fence → its lines as a quote (the one block DingTalk sets apart);
// - ~~struck~~ → the words;
// - a --- / *** / ___ rule → a line of em dashes (DingTalk has no horizontal rule; a "---" under a line of text
//   would even be read as a heading marker by some renderers);
// - _italic_ → *italic* (DingTalk's italic);
// - a single line break gets the two trailing spaces DingTalk needs to keep it a break.
// Splitting happens before this (cards/fit.ts splits CardView markdown at safe points, never inside **…**,
// `…`, _…_ or a link), so a translated piece is always whole.

/** What a divider becomes: DingTalk lists no horizontal rule. */
export const DIVIDER_LINE = '————————';

const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** One line's inline marks outside the subset. Links keep their URL untouched (a backtick or "~~" inside a
 *  URL is part of it). */
function inline(line: string): string {
  const links: string[] = [];
  const held = line.replace(/!?\[[^\]\n]*\]\([^)\s]*\)/g, (m) => `\uE000${links.push(m) - 1}\uE000`);
  const out = held
    .replace(/(`+)([^`\n]+?)\1/g, '$2')
    .replace(/~~([^~\n]+)~~/g, '$1')
    .replace(/(^|[^\w*])_([^_\n]+)_(?=[^\w]|$)/g, '$1*$2*');
  return out.replace(/\uE000(\d+)\uE000/g, (_, i: string) => links[Number(i)]!);
}

export function toDingMarkdown(md: string): string {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const raw of md.split('\n')) {
    const f = FENCE.exec(raw);
    if (f) {
      if (fence === undefined) fence = f[1]![0];
      else if (f[1]![0] === fence) fence = undefined;
      else lines.push(`> ${raw}`);
      continue;
    }
    if (fence !== undefined) {
      lines.push(raw.trim() === '' ? '>' : `> ${raw}`);
      continue;
    }
    lines.push(RULE.test(raw) ? DIVIDER_LINE : inline(raw));
  }
  return lines
    .map((line, i, all) => (i < all.length - 1 && line !== '' && all[i + 1] !== '' ? `${line}  ` : line))
    .join('\n');
}

/** Marks outside DingTalk's subset still present in rendered markdown (for the conformance checker): a
 *  horizontal rule line, inline code, a code fence, strikethrough. */
export function outsideSubset(md: string): string[] {
  const found = new Set<string>();
  for (const line of md.split('\n')) {
    const bare = line.replace(/!?\[[^\]\n]*\]\([^)\s]*\)/g, '');
    if (RULE.test(line)) found.add('horizontal rule');
    if (FENCE.test(line)) found.add('code fence');
    else if (/`[^`\n]+`/.test(bare)) found.add('inline code');
    if (/~~[^~\n]+~~/.test(bare)) found.add('strikethrough');
  }
  return [...found];
}
