// The emulator refuses what Slack refuses, so a rendering regression fails the tests as it would fail in
// production: Slack answers `invalid_blocks` (messages) or `invalid_arguments` (views) when a surface breaks
// the Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks and …/reference/views), and
// `msg_blocks_too_long` when a message's blocks hold more than 12,000 characters of text in total (not in
// Slack's reference; Slack's maintainer on https://github.com/slackapi/bolt-js/issues/2509: "12,000 text
// characters with a buffer for block containers" — counted here as every `text` string in the blocks).
// Written apart from the adapter's own checker (adapters/slack/conformance.ts), so one cannot hide the other's mistake.
type Json = Record<string, unknown>;

/** The total text Slack counts for msg_blocks_too_long. */
export const MESSAGE_TEXT_LIMIT = 12_000;
export function blocksTextLength(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + blocksTextLength(x), 0);
  if (typeof v !== 'object' || v === null) return 0;
  return Object.entries(v).reduce(
    (n, [k, x]) =>
      n + (k === 'text' && typeof x === 'string' ? x.length : typeof x === 'object' ? blocksTextLength(x) : 0),
    0,
  );
}

/** Static / multi-static select options: 100 options, or up to 100 option groups of up to 100 options
 *  (https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object); radio buttons and
 *  checkboxes 10; option text ≤ 75, value ≤ 150; initial options among the options. */
function elementProblems(e: Json, where: string): string[] {
  const out: string[] = [];
  const opts = (list: unknown): Json[] => (Array.isArray(list) ? (list as Json[]) : []);
  const checkOptions = (list: Json[], max: number, at: string) => {
    if (list.length === 0 || list.length > max) out.push(`${at}: 1..${max} options`);
    for (const o of list)
      if (text(o.text).length > 75 || String(o.value ?? '').length > 150 || !o.value)
        out.push(`${at}: option text/value`);
  };
  const all: Json[] = [];
  if (e.type === 'static_select' || e.type === 'multi_static_select') {
    if ((e.options === undefined) === (e.option_groups === undefined)) out.push(`${where}: options xor option_groups`);
    if (e.options !== undefined) {
      checkOptions(opts(e.options), 100, where);
      all.push(...opts(e.options));
    }
    if (e.option_groups !== undefined) {
      const groups = opts(e.option_groups);
      if (groups.length === 0 || groups.length > 100) out.push(`${where}: 1..100 option groups`);
      groups.forEach((g, i) => {
        if (!text(g.label) || text(g.label).length > 75) out.push(`${where}: option_groups[${i}].label`);
        checkOptions(opts(g.options), 100, `${where}: option_groups[${i}]`);
        all.push(...opts(g.options));
      });
    }
  }
  if (e.type === 'radio_buttons' || e.type === 'checkboxes') {
    checkOptions(opts(e.options), 10, where);
    all.push(...opts(e.options));
  }
  const initial = [...(e.initial_option ? [e.initial_option as Json] : []), ...opts(e.initial_options)];
  for (const o of initial)
    if (!all.some((x) => x.value === o.value)) out.push(`${where}: initial option not among the options`);
  return out;
}

const text = (o: unknown): string =>
  typeof o === 'object' && o !== null && typeof (o as Json).text === 'string' ? ((o as Json).text as string) : '';

/** Problems with a list of blocks on a surface; an empty list means Slack would accept it. */
export function blockProblems(blocks: unknown, surface: 'message' | 'modal' | 'home'): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const problems: string[] = [];
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) problems.push(`more than ${max} blocks`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const where = `blocks[${i}] (${String(b.type)})`;
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) problems.push(`${where}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        if (text(b.text).length > 150) problems.push(`${where}: header text over 150`);
        break;
      case 'section':
        if (text(b.text).length > 3000) problems.push(`${where}: text over 3000`);
        if (Array.isArray(b.fields) && (b.fields.length > 10 || b.fields.some((f) => text(f).length > 2000)))
          problems.push(`${where}: fields`);
        if (!b.text && !b.fields) problems.push(`${where}: needs text or fields`);
        break;
      case 'actions': {
        const els = (b.elements ?? []) as Json[];
        if (els.length === 0 || els.length > 25) problems.push(`${where}: 1..25 elements`);
        for (const e of els) {
          const id = String(e.action_id ?? '');
          if (actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
          actionIds.add(id);
          if (text(e.text).length > 75) problems.push(`${where}: button text over 75`);
          if (typeof e.value === 'string' && e.value.length > 2000) problems.push(`${where}: value over 2000`);
        }
        break;
      }
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10)
          problems.push(`${where}: 1..10 elements`);
        else if ((b.elements as unknown[]).some((e) => !text(e) || text(e).length > 3000))
          problems.push(`${where}: element text 1..3000`);
        break;
      case 'input':
        if (surface === 'message') problems.push(`${where}: input blocks need a submit, messages have none`);
        if (!text(b.label) || text(b.label).length > 2000) problems.push(`${where}: label`);
        if (typeof b.element !== 'object' || b.element === null) problems.push(`${where}: element`);
        else problems.push(...elementProblems(b.element as Json, where));
        break;
      case 'image':
        if (!/^https?:\/\//.test(String(b.image_url ?? ''))) problems.push(`${where}: image_url`);
        if (!b.alt_text) problems.push(`${where}: alt_text`);
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}

/** How Slack answers chat.postMessage / chat.update for these blocks: undefined when it takes them. */
export function messageRefusal(blocks: unknown): { error: string; errors?: string[] } | undefined {
  const problems = blockProblems(blocks, 'message');
  if (problems.length > 0) return { error: 'invalid_blocks', errors: problems };
  if (blocksTextLength(blocks) > MESSAGE_TEXT_LIMIT) return { error: 'msg_blocks_too_long' };
  return undefined;
}

/** What Slack does with a view_submission's HTTP answer (https://docs.slack.dev/surfaces/modals, "Modifying
 *  modals" / "Displaying errors"): an empty body closes the modal; `response_action: 'update' | 'push'` needs
 *  a valid view; 'errors' needs an errors object; anything else is an error shown in the modal. */
export function viewSubmissionAnswerProblems(body: string): string[] {
  if (body === '') return [];
  let a: Json;
  try {
    a = JSON.parse(body) as Json;
  } catch {
    return ['answer is not JSON'];
  }
  switch (a.response_action) {
    case 'update':
    case 'push':
      return viewProblems(a.view);
    case 'errors':
      return typeof a.errors === 'object' && a.errors !== null ? [] : ['errors needs an object'];
    case 'clear':
      return [];
    default:
      return [`response_action ${String(a.response_action)}`];
  }
}

export function viewProblems(view: unknown): string[] {
  if (typeof view !== 'object' || view === null) return ['view is not an object'];
  const v = view as Json;
  if (v.type !== 'modal' && v.type !== 'home') return ['view type'];
  const problems = blockProblems(v.blocks, v.type);
  if (v.type === 'modal') {
    if (!text(v.title) || text(v.title).length > 24) problems.push('title 1..24');
    if (v.submit !== undefined && text(v.submit).length > 24) problems.push('submit over 24');
    const hasInput = Array.isArray(v.blocks) && v.blocks.some((b) => (b as Json).type === 'input');
    if (hasInput && v.submit === undefined) problems.push('a modal with inputs needs submit');
    if (typeof v.private_metadata === 'string' && v.private_metadata.length > 3000)
      problems.push('private_metadata over 3000');
  }
  return problems;
}
