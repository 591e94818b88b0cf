// What Slack would refuse in a payload, checked against the documented limits in limits.ts. Pure: given the
// exact payload the adapter would send (chat.postMessage / chat.update arguments, or a view for views.open /
// views.update / views.push / views.publish, or a view_submission's `response_action: 'update'`), it lists
// the problems; an empty list means Slack would accept it. The renderer's `fits` and the conformance tests use it.
import { SLACK_LIMITS as L, textLength } from './limits.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (o: unknown): string => (isObj(o) && typeof o.text === 'string' ? o.text : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function textObject(o: unknown, where: string, max: number, problems: string[], plainOnly = false): void {
  if (!isObj(o)) {
    problems.push(`${where}: not a text object`);
    return;
  }
  if (o.type !== 'plain_text' && (plainOnly || o.type !== 'mrkdwn'))
    problems.push(`${where}: text type ${String(o.type)}`);
  const t = textOf(o);
  if (t.length < 1) problems.push(`${where}: empty text`);
  if (t.length > max) problems.push(`${where}: text ${t.length} > ${max}`);
}

function options(list: unknown, where: string, problems: string[]): string[] {
  const values: string[] = [];
  for (const [i, o] of arr(list).entries()) {
    if (!isObj(o)) {
      problems.push(`${where}[${i}]: not an option`);
      continue;
    }
    textObject(o.text, `${where}[${i}].text`, L.optionText, problems);
    const v = typeof o.value === 'string' ? o.value : '';
    if (v.length < 1 || v.length > L.optionValue) problems.push(`${where}[${i}].value length ${v.length}`);
    values.push(v);
  }
  return values;
}

function element(e: unknown, where: string, surface: Surface, problems: string[], actionIds: Set<string>): void {
  if (!isObj(e)) {
    problems.push(`${where}: not an element`);
    return;
  }
  const id = typeof e.action_id === 'string' ? e.action_id : undefined;
  if (id !== undefined) {
    if (id.length > L.actionId) problems.push(`${where}: action_id over ${L.actionId}`);
    if (actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
    actionIds.add(id);
  }
  switch (e.type) {
    case 'button':
      textObject(e.text, `${where}.text`, L.buttonText, problems, true);
      if (typeof e.value === 'string' && e.value.length > L.buttonValue)
        problems.push(`${where}: value over ${L.buttonValue}`);
      if (typeof e.url === 'string' && e.url.length > L.buttonUrl) problems.push(`${where}: url over ${L.buttonUrl}`);
      break;
    case 'static_select':
    case 'multi_static_select': {
      const has = (k: string) => e[k] !== undefined;
      if (has('options') === has('option_groups')) problems.push(`${where}: exactly one of options and option_groups`);
      const all: string[] = [];
      if (has('options')) {
        const n = arr(e.options).length;
        if (n < 1 || n > L.selectOptions) problems.push(`${where}: ${n} options (1..${L.selectOptions})`);
        all.push(...options(e.options, `${where}.options`, problems));
      }
      if (has('option_groups')) {
        const groups = arr(e.option_groups);
        if (groups.length < 1 || groups.length > L.optionGroups)
          problems.push(`${where}: ${groups.length} option groups (1..${L.optionGroups})`);
        for (const [g, grp] of groups.entries()) {
          if (!isObj(grp)) continue;
          textObject(grp.label, `${where}.option_groups[${g}].label`, L.optionGroupLabel, problems, true);
          const n = arr(grp.options).length;
          if (n < 1 || n > L.selectOptions)
            problems.push(`${where}.option_groups[${g}]: ${n} options (1..${L.selectOptions})`);
          all.push(...options(grp.options, `${where}.option_groups[${g}].options`, problems));
        }
      }
      const initial = [...(isObj(e.initial_option) ? [e.initial_option] : []), ...arr(e.initial_options)];
      for (const o of initial)
        if (!isObj(o) || !all.includes(String(o.value)))
          problems.push(`${where}: initial option not among the options`);
      if (isObj(e.placeholder)) textObject(e.placeholder, `${where}.placeholder`, L.placeholder, problems, true);
      break;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const n = arr(e.options).length;
      if (n < 1 || n > L.radioOptions) problems.push(`${where}: ${n} options (1..${L.radioOptions})`);
      options(e.options, `${where}.options`, problems);
      break;
    }
    case 'plain_text_input': {
      const max = typeof e.max_length === 'number' ? e.max_length : L.inputMaxLength;
      if (max > L.inputMaxLength) problems.push(`${where}: max_length over ${L.inputMaxLength}`);
      if (typeof e.initial_value === 'string' && e.initial_value.length > max)
        problems.push(`${where}: initial_value over max_length`);
      if (isObj(e.placeholder)) textObject(e.placeholder, `${where}.placeholder`, L.placeholder, problems, true);
      break;
    }
    default:
      problems.push(`${where}: element type ${String(e.type)} not used by this app`);
  }
}

export type Surface = 'message' | 'modal' | 'home';

/** Problems with a list of blocks on a surface (per-block limits, block count, and — messages — the total text). */
export function blocksProblems(blocks: unknown, surface: Surface): string[] {
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const problems: string[] = [];
  const max = surface === 'message' ? L.messageBlocks : L.viewBlocks;
  if (blocks.length > max) problems.push(`${blocks.length} blocks > ${max}`);
  if (surface === 'message') {
    const n = textLength(blocks);
    if (n > L.messageBlocksText) problems.push(`msg_blocks_too_long: ${n} characters of text > ${L.messageBlocksText}`);
  }
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((b: unknown, i) => {
    const where = `blocks[${i}]`;
    if (!isObj(b)) {
      problems.push(`${where}: not a block`);
      return;
    }
    if (typeof b.block_id === 'string') {
      if (b.block_id.length > L.blockId) problems.push(`${where}: block_id over ${L.blockId}`);
      if (blockIds.has(b.block_id)) problems.push(`${where}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        textObject(b.text, `${where}.text`, L.headerText, problems, true);
        break;
      case 'section':
        if (b.text === undefined && b.fields === undefined) problems.push(`${where}: needs text or fields`);
        if (b.text !== undefined) textObject(b.text, `${where}.text`, L.sectionText, problems);
        if (b.fields !== undefined) {
          const f = arr(b.fields);
          if (f.length < 1 || f.length > L.sectionFields)
            problems.push(`${where}: ${f.length} fields (1..${L.sectionFields})`);
          f.forEach((x, j) => textObject(x, `${where}.fields[${j}]`, L.fieldText, problems));
        }
        break;
      case 'actions': {
        const els = arr(b.elements);
        if (els.length < 1 || els.length > L.actionsElements)
          problems.push(`${where}: ${els.length} elements (1..${L.actionsElements})`);
        els.forEach((e, j) => element(e, `${where}.elements[${j}]`, surface, problems, actionIds));
        break;
      }
      case 'context': {
        const els = arr(b.elements);
        if (els.length < 1 || els.length > L.contextElements)
          problems.push(`${where}: ${els.length} elements (1..${L.contextElements})`);
        els.forEach((e, j) => textObject(e, `${where}.elements[${j}]`, L.textObject, problems));
        break;
      }
      case 'input':
        if (surface === 'message') problems.push(`${where}: input blocks need a view with a submit`);
        textObject(b.label, `${where}.label`, L.inputLabel, problems, true);
        element(b.element, `${where}.element`, surface, problems, new Set());
        break;
      case 'image': {
        const url = typeof b.image_url === 'string' ? b.image_url : '';
        if (!/^https?:\/\//.test(url) || url.length > L.imageUrl) problems.push(`${where}: image_url`);
        const alt = typeof b.alt_text === 'string' ? b.alt_text : '';
        if (alt.length < 1 || alt.length > L.imageAlt) problems.push(`${where}: alt_text`);
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${where}: block type ${String(b.type)} not used by this app`);
    }
  });
  return problems;
}

/** chat.postMessage / chat.update arguments ({ text, blocks }). */
export function messageProblems(payload: { text?: string; blocks?: unknown }): string[] {
  const problems = payload.blocks === undefined ? [] : blocksProblems(payload.blocks, 'message');
  if ((payload.text ?? '').length > L.messageText) problems.push(`text over ${L.messageText}`);
  return problems;
}

/** A modal or Home view. */
export function viewProblems(view: unknown): string[] {
  if (!isObj(view)) return ['view is not an object'];
  if (view.type !== 'modal' && view.type !== 'home') return [`view type ${String(view.type)}`];
  const problems = blocksProblems(view.blocks, view.type);
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > L.privateMetadata)
    problems.push(`private_metadata ${view.private_metadata.length} > ${L.privateMetadata}`);
  if (view.type === 'modal') {
    textObject(view.title, 'title', L.modalTitle, problems, true);
    if (view.submit !== undefined) textObject(view.submit, 'submit', L.modalButton, problems, true);
    if (view.close !== undefined) textObject(view.close, 'close', L.modalButton, problems, true);
    if (arr(view.blocks).some((b) => isObj(b) && b.type === 'input') && view.submit === undefined)
      problems.push('a modal with inputs needs submit');
  }
  return problems;
}
