// The emulator refuses what Slack refuses, so a rendering regression fails the tests as it would fail in
// production: Slack answers `invalid_blocks` (messages) or `invalid_arguments` (views) when a surface breaks
// the Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks and …/reference/views).
type Json = Record<string, unknown>;

const text = (o: unknown): string => (typeof o === 'object' && o !== null && typeof (o as Json).text === 'string' ? ((o as Json).text as string) : '');

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
        if (Array.isArray(b.fields) && (b.fields.length > 10 || b.fields.some((f) => text(f).length > 2000))) problems.push(`${where}: fields`);
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
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) problems.push(`${where}: 1..10 elements`);
        break;
      case 'input':
        if (surface === 'message') problems.push(`${where}: input blocks need a submit, messages have none`);
        if (!text(b.label) || text(b.label).length > 2000) problems.push(`${where}: label`);
        if (typeof b.element !== 'object' || b.element === null) problems.push(`${where}: element`);
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
    if (typeof v.private_metadata === 'string' && v.private_metadata.length > 3000) problems.push('private_metadata over 3000');
  }
  return problems;
}
