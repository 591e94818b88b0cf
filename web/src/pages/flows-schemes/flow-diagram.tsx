// The editor's diagram of the flow being edited: a column from "submitted" to "approved", one box per step
// (who decides, its condition, what a rejection does), straight arrows to the step below, side lanes for a
// `next` that jumps and for the dashed way past a conditional step. The boxes are an ordered list (what a
// screen reader reads); the lines are decoration drawn beside them, so the picture works at any width.
import { locale, t } from '../../i18n/index.js';
import './flow-diagram.css';
import { flowGraph, rowOf, type GraphEdge } from './flow-graph.js';
import { decidesTogether, type StepForm } from './flow-types.js';

/** Each box line is LINE px (the CSS sets the same line height); GAP px between boxes for the arrow. */
const LINE = 18;
const PAD = 12;
const GAP = 22;
const LANE = 12;

interface Props {
  steps: StepForm[];
  people: { id: number; name: string }[];
  units: { id: number; name: string }[];
  /** The flow's form fields by key, for a branch on one (its label in the reader's language). */
  fields?: { key: string; label: string }[];
}

export function stepName(s: StepForm, i: number): string {
  const own = locale() === 'zh-CN' ? s.nameZh : s.nameEn;
  return own || s.nameZh || s.nameEn || t('fd.unnamed', { n: i + 1 });
}

function approverWords(s: StepForm, people: Props['people'], units: Props['units']): string {
  if (s.type === 'manager') return t('x.fs.rule.manager');
  if (s.type === 'role') return t('x.fs.rule.role', { role: t(`x.fs.role.${s.role}`) });
  if (s.type === 'person') return people.find((p) => String(p.id) === s.employeeId)?.name ?? t('fd.somePerson');
  const unit =
    s.unit === 'applicant'
      ? t('x.fs.unit.applicant')
      : s.unit === 'target'
        ? t('x.fs.unit.target')
        : (units.find((u) => String(u.id) === s.unit)?.name ?? t('fd.someUnit'));
  return t('x.fs.rule.unitHead', { unit });
}

/** Where each row's box starts and how tall it is. */
type Rows = { top: number; height: number }[];

function Edge({ e, n, left, rows }: { e: GraphEdge; n: number; left: number; rows: Rows }) {
  const from = rows[rowOf(e.from, n)]!;
  const to = rows[rowOf(e.to, n)]!;
  const cls = `fd-edge fd-${e.kind}`;
  if (e.lane === 0)
    return (
      <path class={cls} d={`M${left + 18} ${from.top + from.height} V${to.top - 2}`} marker-end="url(#fd-arrow)" />
    );
  // Out of the box's left side, down the lane, into the target's left side. A skip leaves from the first line
  // (before the step runs), a jump or a branch from the last (after it approved).
  const lx = left - e.lane * LANE;
  const y0 = e.kind === 'skip' ? from.top + PAD : from.top + from.height - PAD;
  const y1 = to.top + (e.kind === 'skip' ? PAD : to.height / 2);
  return <path class={cls} d={`M${left} ${y0} H${lx} V${y1} H${left - 2}`} marker-end="url(#fd-arrow)" />;
}

/** How several decide, who is informed, where branches go: one line each, as far as the step has them. */
function stepLines(
  s: StepForm,
  steps: StepForm[],
  people: Props['people'],
  units: Props['units'],
  fields: NonNullable<Props['fields']> = [],
): { cls: string; text: string }[] {
  const fieldLabel = (key: string) => fields.find((f) => f.key === key)?.label || key;
  const lines: { cls: string; text: string }[] = [];
  if (decidesTogether(s) && (s.type === 'people' || s.mode === 'all'))
    lines.push({ cls: 'fd-mode', text: t(s.mode === 'all' ? 'fd.mode.all' : 'fd.mode.any') });
  const cc = [
    ...(s.ccHr ? [t('x.fs.role.hr')] : []),
    ...s.ccPeople.map((id) => people.find((p) => String(p.id) === id)?.name ?? `#${id}`),
    ...s.ccOther.map((r) => approverWords({ ...s, ...ruleForm(r) }, people, units)),
  ];
  if (cc.length > 0)
    lines.push({ cls: 'fd-cc', text: t('fd.cc', { who: cc.join(locale() === 'zh-CN' ? '、' : ', ') }) });
  for (const b of s.branches) {
    const j = steps.findIndex((x) => x.id === b.next);
    if (j < 0) continue;
    const cond =
      b.field === 'unitKind'
        ? `${t('fe.cond.unitKind')} ${t(`fe.kind.${b.value as 'store'}`)}`
        : b.field === 'form'
          ? `${fieldLabel(b.key ?? '')} ${b.op === 'eq' ? '=' : t(`x.fs.op.${b.op as 'gte'}`)} ${b.value || '…'}`
          : `${t(`x.fs.cond.${b.field}`)} ${t(`x.fs.op.${b.op as 'gte'}`)} ${b.value || '…'}`;
    lines.push({ cls: 'fd-branch', text: t('fd.branch', { cond, step: stepName(steps[j]!, j) }) });
  }
  return lines;
}

/** The form fields a CC rule would fill, so its words come from the same function as an approver's. */
function ruleForm(r: StepForm['ccOther'][number]): Partial<StepForm> {
  if (r.type === 'unitHead') return { type: 'unitHead', unit: String(r.unit) };
  if (r.type === 'role') return { type: 'role', role: r.role };
  if (r.type === 'person') return { type: 'person', employeeId: String(r.employeeId) };
  if (r.type === 'people') return { type: 'people', employeeIds: r.employeeIds.map(String) };
  return { type: 'manager' };
}

/** The step a step leads to, when it is not simply the one below (for the words in its box). */
function jumpTarget(steps: StepForm[], i: number): number | undefined {
  const next = steps[i]!.next;
  if (next === '') return undefined;
  const j = steps.findIndex((s) => s.id === next);
  return j === i + 1 || j < 0 ? undefined : j;
}

export function FlowDiagram({ steps, people, units, fields }: Props) {
  const g = flowGraph(
    steps.map((s) => ({ id: s.id, conditional: s.conditional, next: s.next, branches: s.branches.map((b) => b.next) })),
  );
  const n = steps.length;
  const left = 6 + g.lanes * LANE;
  const unreachable = new Set(g.unreachable);
  const jumps = steps.map((_, i) => jumpTarget(steps, i));
  const detail = steps.map((s) => stepLines(s, steps, people, units, fields));
  // Name, approver and rejection always; the condition, a jump and a warning when there are any.
  const extra = (i: number) =>
    (steps[i]!.conditional ? 1 : 0) +
    (jumps[i] === undefined ? 0 : 1) +
    (unreachable.has(i) ? 1 : 0) +
    detail[i]!.length;
  const lines = [1, ...steps.map((_, i) => 3 + extra(i)), 1];
  const rows: Rows = [];
  let y = 0;
  for (const l of lines) {
    rows.push({ top: y, height: l * LINE + 2 * PAD });
    y += l * LINE + 2 * PAD + GAP;
  }
  const height = y - GAP;
  const box = (row: number) => ({
    top: `${rows[row]!.top}px`,
    left: `${left}px`,
    height: `${rows[row]!.height}px`,
  });
  return (
    <section class="card fd" id="flow-diagram" aria-labelledby="fd-title">
      <h2 id="fd-title">{t('fd.title')}</h2>
      <p class="muted">{t('fd.hint')}</p>
      {g.broken && (
        <p class="ferr" id="fd-broken" role="status">
          {t('fd.broken')}
        </p>
      )}
      <div class="fd-canvas" style={{ height: `${height}px` }}>
        <svg class="fd-lines" width={left + 40} height={height} aria-hidden="true">
          <defs>
            <marker id="fd-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0 0 L8 4 L0 8 z" />
            </marker>
          </defs>
          {g.edges.map((e, i) => (
            <Edge key={i} e={e} n={n} left={left} rows={rows} />
          ))}
        </svg>
        <ol class="fd-nodes">
          <li class="fd-node fd-start" style={box(0)}>
            <strong>{t('fd.start')}</strong>
          </li>
          {steps.map((s, i) => (
            <li
              key={i}
              class={`fd-node${s.conditional ? ' fd-conditional' : ''}${unreachable.has(i) ? ' fd-unreachable' : ''}`}
              data-step={i}
              style={box(i + 1)}
            >
              <strong>{stepName(s, i)}</strong>
              <span>{t('fd.by', { who: approverWords(s, people, units) })}</span>
              {detail[i]!.map((l) => (
                <span class={l.cls}>{l.text}</span>
              ))}
              {s.conditional && (
                <span class="fd-when">
                  {t('fd.onlyWhen', {
                    field: t(`x.fs.cond.${s.field}`),
                    op: t(`x.fs.op.${s.op}`),
                    value: s.value || '…',
                  })}
                </span>
              )}
              <span class="fd-reject">{t(s.onReject === 'return' ? 'fd.rejectReturns' : 'fd.rejectEnds')}</span>
              {jumps[i] !== undefined && (
                <span class="fd-then">{t('fd.then', { step: stepName(steps[jumps[i]]!, jumps[i]) })}</span>
              )}
              {unreachable.has(i) && <span class="fd-warn">{t('fd.unreachable')}</span>}
            </li>
          ))}
          <li class="fd-node fd-end" style={box(n + 1)}>
            <strong>{t('fd.end')}</strong>
          </li>
        </ol>
      </div>
    </section>
  );
}
