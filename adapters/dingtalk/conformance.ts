// What DingTalk (or our card template) would refuse or lose in a payload, given exactly what the adapter
// would send: the template card's cardParamMap, or a robot message's msgKey + msgParam. Pure; every limit
// comes from limits.ts, where each is cited. The adapter's `fits` asks this before sending, the conformance
// suite runs it over every card kind, and the emulator enforces the same limits on its own.
import { DINGTALK_LIMITS as L } from './limits.js';
import { outsideSubset } from './markdown.js';

export type DingTalkPayload =
  | { kind: 'card'; cardParamMap: Record<string, string> }
  | { kind: 'robot'; msgKey: string; msgParam: Record<string, string> };

/** Characters as DingTalk's limits count them: code points (a Chinese character or an emoji is one). */
export const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The robot message keys DingTalk documents (limits.ts, ROBOT_TYPES_DOC) that we send, with the params each
 *  requires. */
export function robotParamsOf(msgKey: string): string[] | undefined {
  if (msgKey === 'sampleText') return ['content'];
  if (msgKey === 'sampleMarkdown') return ['title', 'text'];
  if (msgKey === 'sampleActionCard') return ['title', 'text', 'singleTitle', 'singleURL'];
  const n = /^sampleActionCard([2-5])$/.exec(msgKey);
  if (n)
    return [
      'title',
      'text',
      ...Array.from({ length: Number(n[1]) }, (_, i) => [`actionTitle${i + 1}`, `actionURL${i + 1}`]).flat(),
    ];
  if (msgKey === 'sampleActionCard6')
    return ['title', 'text', 'buttonTitle1', 'buttonUrl1', 'buttonTitle2', 'buttonUrl2'];
  return undefined;
}

const TITLE_KEY = /^(singleTitle|actionTitle\d|buttonTitle\d)$/;
const URL_KEY = /^(singleURL|actionURL\d|buttonUrl\d)$/;

function markdownProblems(where: string, md: string, max: number): string[] {
  const out: string[] = [];
  if (codePoints(md) > max) out.push(`${where}: ${codePoints(md)} characters, over ${max}`);
  for (const m of outsideSubset(md)) out.push(`${where}: ${m} is outside DingTalk's markdown subset`);
  return out;
}

interface TemplateButton {
  label?: unknown;
  url?: unknown;
  k?: unknown;
}

function cardProblems(map: Record<string, string>): string[] {
  const out: string[] = [];
  const bytes = utf8Bytes(JSON.stringify(map));
  if (bytes > L.maxMessageBytes) out.push(`cardParamMap: ${bytes} bytes, over ${L.maxMessageBytes}`);
  for (const [k, v] of Object.entries(map)) if (typeof v !== 'string') out.push(`cardParamMap.${k}: not a string`);
  for (const k of ['title', 'subtitle'] as const) {
    const v = map[k] ?? '';
    if (codePoints(v) > L.maxTitleChars) out.push(`${k}: ${codePoints(v)} characters, over ${L.maxTitleChars}`);
  }
  out.push(...markdownProblems('markdown', map.markdown ?? '', L.maxMarkdownChars));
  let buttons: TemplateButton[] = [];
  try {
    const parsed: unknown = JSON.parse(map.actions ?? '[]');
    if (!Array.isArray(parsed)) out.push('actions: not a JSON array');
    else buttons = parsed as TemplateButton[];
  } catch {
    out.push('actions: not JSON');
  }
  if (buttons.length > L.maxButtons) out.push(`actions: ${buttons.length} buttons, the template shows ${L.maxButtons}`);
  if ((map.hasActions === 'true') !== buttons.length > 0) out.push('hasActions does not match actions');
  buttons.forEach((b, i) => {
    const label = typeof b.label === 'string' ? b.label : '';
    if (label.trim() === '') out.push(`actions[${i}]: no label`);
    if (codePoints(label) > L.maxButtonChars)
      out.push(`actions[${i}]: label of ${codePoints(label)} characters, over ${L.maxButtonChars}`);
    if (typeof b.url === 'string' && codePoints(b.url) > L.maxUrlChars)
      out.push(`actions[${i}]: url over ${L.maxUrlChars} characters`);
    if (typeof b.url !== 'string' && typeof b.k !== 'string') out.push(`actions[${i}]: neither a link nor a callback`);
  });
  return out;
}

function robotProblems(msgKey: string, param: Record<string, string>): string[] {
  const out: string[] = [];
  const required = robotParamsOf(msgKey);
  if (!required) return [`msgKey ${msgKey} is not a robot message type we send`];
  for (const k of required) if (typeof param[k] !== 'string' || param[k] === '') out.push(`${msgKey}.${k}: missing`);
  const bytes = utf8Bytes(JSON.stringify(param));
  if (bytes > L.maxMessageBytes) out.push(`msgParam: ${bytes} bytes, over ${L.maxMessageBytes}`);
  if (param.content !== undefined && codePoints(param.content) > L.maxTextChars)
    out.push(`content: ${codePoints(param.content)} characters, over ${L.maxTextChars}`);
  if (param.text !== undefined) out.push(...markdownProblems('text', param.text, L.maxMarkdownChars));
  if (param.title !== undefined && codePoints(param.title) > L.maxCardTitleChars)
    out.push(`title: ${codePoints(param.title)} characters, over ${L.maxCardTitleChars}`);
  for (const [k, v] of Object.entries(param)) {
    if (TITLE_KEY.test(k) && codePoints(v) > L.maxActionTitleChars)
      out.push(`${k}: ${codePoints(v)} characters, over ${L.maxActionTitleChars}`);
    if (URL_KEY.test(k) && codePoints(v) > L.maxUrlChars) out.push(`${k}: over ${L.maxUrlChars} characters`);
  }
  return out;
}

/** Everything DingTalk would refuse (or our template would not show) in this payload; [] when it is fine. */
export function dingTalkProblems(p: DingTalkPayload): string[] {
  return p.kind === 'card' ? cardProblems(p.cardParamMap) : robotProblems(p.msgKey, p.msgParam);
}
