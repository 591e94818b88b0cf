// Every emoji a card or page can show has an icon for the HTML renderers (cards/glyphs.ts): a browser
// without an emoji font would otherwise draw an empty box.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLYPH_ICONS, glyphsToSvg, splitGlyphs } from '../../cards/glyphs.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('glyph icons', () => {
  it('cover every emoji in the catalogues, cards, bot and mini-app sources', () => {
    const missing = new Set<string>();
    for (const f of ['src/i18n', 'src/bot', 'cards', 'web/src'].flatMap(files)) {
      if (f.endsWith('glyphs.ts')) continue;
      for (const [ch] of readFileSync(f, 'utf8').matchAll(/\p{Extended_Pictographic}/gu))
        if (!(ch in GLYPH_ICONS)) missing.add(`${ch} (${f})`);
    }
    expect([...missing]).toEqual([]);
  });
  it('swap glyphs, with or without the emoji variation selector, and leave other text alone', () => {
    expect(splitGlyphs('✅ 3 approved · ⚠️ late')).toEqual([
      { glyph: '✅' },
      { text: ' 3 approved · ' },
      { glyph: '⚠' },
      { text: ' late' },
    ]);
    expect(splitGlyphs('no glyphs ← here')).toEqual([{ text: 'no glyphs ← here' }]);
    const html = glyphsToSvg('&lt;b&gt; ⏳ 2');
    expect(html).toMatch(/^&lt;b&gt; <svg class="glyph"[^>]*data-glyph="⏳"[^>]*>.*<\/svg> 2$/);
  });
});
