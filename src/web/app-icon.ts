// The app icon for the Feishu and DingTalk workbenches (and a phone's home screen): the favicon's leaf as a
// 240×240 PNG, because their developer consoles take a PNG/JPG upload, not SVG (Feishu asks for at least
// 240×240). Drawn here from the same shapes as FAVICON_SVG, so the two never drift and no binary file or
// image library is needed: the leaf's Bézier outline is flattened, each pixel is sampled 4× for smooth edges,
// and the PNG is written with node:zlib.
import { deflateSync } from 'node:zlib';

export const APP_ICON_SIZE = 240;

type Point = [number, number];
type Rgba = [number, number, number, number];

const TEAL: Rgba = [0x0f, 0x76, 0x6e, 255];
const LEAF: Rgba = [0xec, 0xfd, 0xf5, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

function cubic(p0: Point, c1: Point, c2: Point, p1: Point, steps = 48): Point[] {
  const out: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    out.push([a * p0[0] + b * c1[0] + c * c2[0] + d * p1[0], a * p0[1] + b * c1[1] + c * c2[1] + d * p1[1]]);
  }
  return out;
}

// FAVICON_SVG's leaf, in its 64-unit box: M18 46 c0-17 11-28 30-30 -1 19-12 30-28 30 (closed back to the start).
const LEAF_OUTLINE: Point[] = [
  [18, 46],
  ...cubic([18, 46], [18, 29], [29, 18], [48, 16]),
  ...cubic([48, 16], [47, 35], [36, 46], [20, 46]),
];

function inPolygon(x: number, y: number, poly: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from (x, y) to the segment a–b. */
function toSegment(x: number, y: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

function inRoundedSquare(x: number, y: number, size: number, r: number): boolean {
  if (x < 0 || y < 0 || x > size || y > size) return false;
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

/** The colour at a point of the 64-unit drawing. */
function colourAt(x: number, y: number): Rgba {
  if (!inRoundedSquare(x, y, 64, 14)) return CLEAR;
  // The stem: a 3-unit round-capped line from (18,46) to (34,30), drawn over the leaf in teal.
  if (toSegment(x, y, [18, 46], [34, 30]) <= 1.5) return TEAL;
  return inPolygon(x, y, LEAF_OUTLINE) ? LEAF : TEAL;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A size×size RGBA PNG of the icon. */
export function renderAppIcon(size: number = APP_ICON_SIZE): Buffer {
  const scale = 64 / size;
  const offsets = [0.25, 0.75];
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      // 2×2 samples per pixel, averaged with premultiplied alpha so edges blend into transparency cleanly.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const oy of offsets) {
        for (const ox of offsets) {
          const c = colourAt((px + ox) * scale, (py + oy) * scale);
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const at = row + 1 + px * 4;
      raw[at] = a ? Math.round(r / a) : 0;
      raw[at + 1] = a ? Math.round(g / a) : 0;
      raw[at + 2] = a ? Math.round(b / a) : 0;
      raw[at + 3] = Math.round(a / 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

let cached: Buffer | undefined;
/** The 240×240 icon, drawn once per process. */
export function appIconPng(): Buffer {
  return (cached ??= renderAppIcon());
}
