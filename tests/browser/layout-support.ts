// Layout checks for the mini-app browser tests (issue 19 item 5): text cut without an ellipsis and a full
// value on hover, a line of text wrapped, boxes overlapping. The first two run in the page (page.evaluate /
// locator.evaluate), so they use nothing from this module's scope.
import { ARTIFACTS } from '../support/browser.js';

export const SHOTS = `${ARTIFACTS}/screenshots`;

export interface Cut {
  id: string;
  element: string;
  text: string;
  problem: string;
}

/** Every visible element that hides part of its text (overflow hidden/clip, content wider than the box)
 *  without saying so: no ellipsis, or no title (on it or an ancestor) holding the whole text. Selects are
 *  cut by the browser itself: a long chosen option needs the select's title to hold it. */
export function clippedWithoutEllipsis(): Cut[] {
  const out: Cut[] = [];
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
    const s = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || s.visibility === 'hidden' || s.clip !== 'auto') continue;
    if (el.closest('.sr-only, [aria-hidden="true"], svg, canvas, figure.chart')) continue;
    if (el instanceof HTMLSelectElement) {
      const chosen = el.selectedOptions[0]?.text ?? '';
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${s.fontSize} ${s.fontFamily}`;
      // The chosen text plus the arrow and padding, measured against the select's width.
      if (ctx.measureText(chosen).width + 40 > el.clientWidth && el.title !== chosen)
        out.push({ id: el.id, element: describe(el), text: chosen.slice(0, 60), problem: 'select cut, no title' });
      continue;
    }
    if (!['hidden', 'clip'].includes(s.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
    const text = (el.textContent ?? '').trim();
    if (!text) continue;
    const title = el.closest('[title]')?.getAttribute('title') ?? '';
    if (s.textOverflow !== 'ellipsis')
      out.push({ id: el.id, element: describe(el), text: text.slice(0, 60), problem: 'cut without an ellipsis' });
    else if (!title.includes(text))
      out.push({
        id: el.id,
        element: describe(el),
        text: text.slice(0, 60),
        problem: 'ellipsis without the full text in a title',
      });
  }
  return out;
}

/** How many lines an element's text runs over (1: not wrapped). */
export function lineCount(el: Element): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
  if (rects.length === 0) return 0;
  // A fragment starting below the first line's bottom is on a new line.
  let lines = 1;
  let bottom = rects[0]!.bottom;
  for (const r of rects.slice(1)) {
    if (r.top >= bottom - 1) {
      lines++;
      bottom = r.bottom;
    }
  }
  return lines;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pairs (indexes) of boxes that overlap by more than half a pixel. */
export function boxesOverlap(boxes: Box[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (
        a.x < b.x + b.width - 0.5 &&
        b.x < a.x + a.width - 0.5 &&
        a.y < b.y + b.height - 0.5 &&
        b.y < a.y + a.height - 0.5
      )
        pairs.push([i, j]);
    }
  return pairs;
}
