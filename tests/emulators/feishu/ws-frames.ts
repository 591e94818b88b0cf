// The long-connection wire format: protobuf `pbbp2.Frame` (field numbers from the SDK's generated codec):
// 1 SeqID uint64, 2 LogID uint64, 3 service int32, 4 method int32 (0 control, 1 data), 5 headers
// repeated {1 key, 2 value}, 6 payload_encoding, 7 payload_type, 8 payload bytes, 9 LogIDNew.
// A tiny hand-written codec, so the emulator needs no protobuf library.

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function field(no: number, wire: number): number[] {
  return varint((no << 3) | wire);
}

function bytesField(no: number, data: Uint8Array): number[] {
  return [...field(no, 2), ...varint(data.length), ...data];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function encodeFrame(f: Frame): Uint8Array {
  const out: number[] = [
    ...field(1, 0),
    ...varint(f.SeqID),
    ...field(2, 0),
    ...varint(f.LogID),
    ...field(3, 0),
    ...varint(f.service),
    ...field(4, 0),
    ...varint(f.method),
  ];
  for (const h of f.headers) {
    out.push(...bytesField(5, new Uint8Array([...bytesField(1, utf8(h.key)), ...bytesField(2, utf8(h.value))])));
  }
  if (f.payload) out.push(...bytesField(8, f.payload));
  return new Uint8Array(out);
}

function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let mul = 1;
  let p = pos;
  for (;;) {
    const b = buf[p++]!;
    result += (b & 0x7f) * mul;
    if (b < 0x80) return [result, p];
    mul *= 128;
  }
}

function readFields(buf: Uint8Array, cb: (no: number, value: number | Uint8Array) => void): void {
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, p1);
      cb(no, v);
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, p1);
      cb(no, buf.subarray(p2, p2 + len));
      pos = p2 + len;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
}

export function decodeFrame(buf: Uint8Array): Frame {
  const f: Frame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] };
  const dec = new TextDecoder();
  readFields(buf, (no, v) => {
    if (no === 1 && typeof v === 'number') f.SeqID = v;
    else if (no === 2 && typeof v === 'number') f.LogID = v;
    else if (no === 3 && typeof v === 'number') f.service = v;
    else if (no === 4 && typeof v === 'number') f.method = v;
    else if (no === 5 && v instanceof Uint8Array) {
      const h = { key: '', value: '' };
      readFields(v, (n, x) => {
        if (x instanceof Uint8Array) {
          if (n === 1) h.key = dec.decode(x);
          if (n === 2) h.value = dec.decode(x);
        }
      });
      f.headers.push(h);
    } else if (no === 8 && v instanceof Uint8Array) f.payload = v;
  });
  return f;
}

export const header = (f: Frame, key: string) => f.headers.find((h) => h.key === key)?.value;
