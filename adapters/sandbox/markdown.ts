// The cards' markdown subset -> safe HTML: escape everything first, then add back only **bold**,
// _italic_, `code`, [links](http…) and "- " lists. Anything else stays literal text. Status emoji become
// inline SVG icons (cards/glyphs.ts), since a browser without an emoji font draws them as empty boxes.
import { glyphsToSvg } from '../../cards/glyphs.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Plain text -> escaped HTML with status glyphs as icons. */
export function textHtml(s: string): string {
  return glyphsToSvg(escapeHtml(s));
}

function inline(s: string): string {
  return textHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,!?])/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
}

export function markdownToHtml(md: string): string {
  const out: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) out.push(`<ul>${list.map((li) => `<li>${li}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const line of md.split('\n')) {
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (item) list.push(inline(item[1]!));
    else {
      flush();
      if (line.trim() !== '') out.push(`<p>${inline(line)}</p>`);
    }
  }
  flush();
  return out.join('');
}
