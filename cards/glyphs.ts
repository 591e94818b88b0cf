// Status glyphs in card text (✅ ❌ ⏳ …) are emoji: chat clients draw them, but a browser with no emoji font
// (many Linux desktops, our test machines) draws an empty box or nothing. The HTML renderers — the sandbox
// chat and the mini-app — swap each glyph for an inline SVG icon; the platforms keep the emoji.
// Icons are 24×24 stroke drawings in currentColor, so they follow the text's colour and size.

export interface GlyphIcon {
  /** SVG child elements, drawn in a 24×24 box. */
  paths: string;
  /** Colour of the stroke; undefined follows the text colour. */
  color?: string;
}

const check = '<path d="M5 12.5l4.5 4.5L19 7.5"/>';
const cross = '<path d="M6 6l12 12M18 6L6 18"/>';
const circle = '<circle cx="12" cy="12" r="9"/>';

/** Keyed by the bare character, without the emoji variation selector U+FE0F. */
export const GLYPH_ICONS: Record<string, GlyphIcon> = {
  '✅': { paths: check, color: '#0f7b3e' },
  '❌': { paths: cross, color: '#c62828' },
  '⏳': { paths: '<path d="M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9"/>', color: '#9a5b00' },
  '⏰': { paths: `${circle}<path d="M12 7v5l3 2"/>`, color: '#9a5b00' },
  '↩': { paths: '<path d="M9 14L4 9l5-5"/><path d="M4 9h10a6 6 0 010 12h-3"/>' },
  '⛔': { paths: `${circle}<path d="M7 12h10"/>`, color: '#c62828' },
  '⚠': { paths: '<path d="M12 3L2 20h20L12 3z"/><path d="M12 10v4M12 17v.5"/>', color: '#9a5b00' },
  ℹ: { paths: `${circle}<path d="M12 11v6M12 7.5v.5"/>`, color: '#1d4ed8' },
  '🏢': { paths: '<path d="M4 21V4h10v17M14 9h6v12M8 8h2M8 12h2M8 16h2M3 21h18"/>' },
  '✏': { paths: '<path d="M4 20l1-5L16 4l4 4L9 19l-5 1z"/>' },
  '➕': { paths: '<path d="M12 5v14M5 12h14"/>' },
  '🔁': { paths: '<path d="M4 11V9a3 3 0 013-3h12l-3-3M20 13v2a3 3 0 01-3 3H5l3 3"/>' },
  '➡': { paths: '<path d="M4 12h15M13 6l6 6-6 6"/>' },
};

// Keys are the bare characters; the emoji variation selector (U+FE0F) that may follow is part of the match.
const KEYS = Object.keys(GLYPH_ICONS);
const PATTERN = new RegExp(`(${KEYS.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\uFE0F?`, 'gu');

/** The SVG markup for one glyph: decorative (the words next to it say the same), sized to the text. */
export function glyphSvg(glyph: string): string {
  const icon = GLYPH_ICONS[glyph];
  if (!icon) return glyph;
  const stroke = icon.color ?? 'currentColor';
  return `<svg class="glyph" viewBox="0 0 24 24" width="1.1em" height="1.1em" fill="none" stroke="${stroke}" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false" data-glyph="${glyph}">${icon.paths}</svg>`;
}

/** Text split into plain runs and glyphs, for renderers that build elements rather than strings. */
export function splitGlyphs(text: string): ({ text: string } | { glyph: string })[] {
  const out: ({ text: string } | { glyph: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ glyph: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** Already-escaped HTML with every known glyph replaced by its SVG (glyphs contain nothing to escape). */
export function glyphsToSvg(escapedHtml: string): string {
  return escapedHtml.replace(PATTERN, (_m, g: string) => glyphSvg(g));
}
