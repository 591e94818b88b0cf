// What Feishu would refuse in a payload we are about to send — measured the way Feishu measures (limits.ts):
// elements counted over every tagged node (plain_text included), and the bytes of the real request body.
// Pure; the renderer's `fits`, the emulator and the conformance tests all use these same measures.
import { FEISHU_LIMITS } from './limits.js';

/** Every node with a `tag` anywhere in `node`: components, containers, columns and every plain_text
 *  (button texts, select options, placeholders, labels, header title and subtitle). */
export function countElements(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + countElements(x), 0);
  if (typeof node !== 'object' || node === null) return 0;
  let n = typeof (node as Record<string, unknown>)['tag'] === 'string' ? 1 : 0;
  for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) n += countElements(v);
  return n;
}

export type RequestKind = 'create' | 'patch' | 'callback';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The request body Feishu measures against 30 KB:
 *  - create (im/v1/messages): `{receive_id, msg_type, content, uuid}` with `content` the card as a JSON string;
 *  - patch (im/v1/messages/:id): `{content}`;
 *  - callback (card.action.trigger answer): the answer JSON, the card inline as `{type:'raw', data}`. */
export function requestBodyBytes(
  kind: RequestKind,
  card: unknown,
  ids: { receiveId?: string; uuid?: string; toast?: unknown } = {},
): number {
  const content = JSON.stringify(card);
  switch (kind) {
    case 'create':
      return bytes(
        JSON.stringify({
          receive_id: ids.receiveId ?? '',
          msg_type: 'interactive',
          content,
          ...(ids.uuid !== undefined ? { uuid: ids.uuid } : {}),
        }),
      );
    case 'patch':
      return bytes(JSON.stringify({ content }));
    case 'callback':
      return bytes(JSON.stringify({ ...(ids.toast ? { toast: ids.toast } : {}), card: { type: 'raw', data: card } }));
  }
}

/** The largest of the three bodies a card can travel in, with the longest receive_id and uuid we send: a card
 *  within this can be sent, patched and answered alike (create is always the largest: its content is
 *  escaped twice). */
export function worstBodyBytes(card: unknown): number {
  return requestBodyBytes('create', card, {
    receiveId: 'x'.repeat(FEISHU_LIMITS.maxReceiveIdChars),
    uuid: 'x'.repeat(FEISHU_LIMITS.maxUuidChars),
  });
}

export function fitsFeishu(card: unknown): boolean {
  return countElements(card) <= FEISHU_LIMITS.maxElements && worstBodyBytes(card) <= FEISHU_LIMITS.maxBodyBytes;
}

/** Everything Feishu would refuse in `card` sent as `kind` (empty when it would be accepted). */
export function cardProblems(
  card: unknown,
  kind: RequestKind = 'create',
  ids: { receiveId?: string; uuid?: string; toast?: unknown } = {},
): string[] {
  const out: string[] = [];
  const n = countElements(card);
  if (n > FEISHU_LIMITS.maxElements)
    out.push(`${n} elements (Feishu counts every tagged node, plain_text included): over ${FEISHU_LIMITS.maxElements}`);
  const body =
    kind === 'create' && ids.receiveId === undefined ? worstBodyBytes(card) : requestBodyBytes(kind, card, ids);
  if (body > FEISHU_LIMITS.maxBodyBytes)
    out.push(`${kind} request body of ${body} bytes: over ${FEISHU_LIMITS.maxBodyBytes}`);
  const rec = typeof card === 'object' && card !== null ? (card as Record<string, unknown>) : {};
  if (rec['schema'] !== '2.0') out.push('not a card JSON 2.0 (schema "2.0")');
  const config = rec['config'] as Record<string, unknown> | undefined;
  if (config?.['update_multi'] !== true)
    out.push('config.update_multi must be true (JSON 2.0 supports shared cards only)');
  // JSON 2.0 refuses attributes a component does not support ("传入不支持的属性将报错", JSON 2.0 release notes,
  // https://open.feishu.cn/document/feishu-cards/card-json-v2-breaking-changes-release-notes): the one we
  // once produced is `behaviors` on a form's submit/reset button, which Lark's card guide configures with
  // `form_action_type` and `name` only.
  const names = new Map<string, number>();
  const walk = (x: unknown, inForm: boolean) => {
    if (Array.isArray(x)) return x.forEach((y) => walk(y, inForm));
    if (typeof x !== 'object' || x === null) return;
    const r = x as Record<string, unknown>;
    const tag = r['tag'];
    if (tag === 'button' && r['form_action_type'] !== undefined && r['behaviors'] !== undefined)
      out.push('a form submit button carries behaviors');
    if (tag === 'form' && inForm) out.push('a form inside a form');
    if (inForm && typeof r['name'] === 'string') names.set(r['name'], (names.get(r['name']) ?? 0) + 1);
    if (tag === 'button' && r['form_action_type'] === 'submit' && typeof r['name'] !== 'string')
      out.push('a form submit button without a name');
    for (const v of Object.values(r)) walk(v, inForm || tag === 'form');
  };
  walk(rec['body'], false);
  for (const [name, count] of names)
    if (count > 1) out.push(`component name "${name.slice(0, 40)}" used ${count} times in one card`);
  return out;
}
