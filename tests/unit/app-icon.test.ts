// The app icon (for the Feishu/DingTalk workbench upload and home screens) is a real 240×240 PNG of the
// favicon's drawing: teal square, light leaf, transparent rounded corners.
import { describe, expect, it } from 'vitest';
import { APP_ICON_SIZE, renderAppIcon } from '../../src/web/app-icon.js';
import { decodePng } from '../support/png.js';

describe('app icon', () => {
  const img = decodePng(renderAppIcon());
  const px = (x: number, y: number) => Array.from(img.rgba.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
  const at = (ux: number, uy: number) =>
    px(Math.round((ux / 64) * APP_ICON_SIZE), Math.round((uy / 64) * APP_ICON_SIZE));

  it('is 240×240 with transparent rounded corners', () => {
    expect([img.width, img.height]).toEqual([240, 240]);
    expect(px(0, 0)[3]).toBe(0);
    expect(px(239, 239)[3]).toBe(0);
  });

  it('draws the teal square and the light leaf where the SVG has them', () => {
    expect(at(8, 32)).toEqual([0x0f, 0x76, 0x6e, 255]); // left of the leaf
    expect(at(38, 24)).toEqual([0xec, 0xfd, 0xf5, 255]); // inside the leaf, off the stem
    expect(at(26, 38)).toEqual([0x0f, 0x76, 0x6e, 255]); // on the stem
    expect(at(56, 56)).toEqual([0x0f, 0x76, 0x6e, 255]); // lower right corner area, inside the square
  });
});
