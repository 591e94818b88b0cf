// Text whose status emoji (✅ ❌ ⏳ …) are drawn as inline SVG icons: without an emoji font the browser
// would show empty boxes. The icons are our own constants (cards/glyphs.ts), never user input.
import { glyphSvg, splitGlyphs } from '../../cards/glyphs.js';

export function GlyphText({ text }: { text: string }) {
  return (
    <>
      {splitGlyphs(text).map((part, i) =>
        'glyph' in part ? (
          <span key={i} class="glyph-icon" dangerouslySetInnerHTML={{ __html: glyphSvg(part.glyph) }} />
        ) : (
          part.text
        ),
      )}
    </>
  );
}
