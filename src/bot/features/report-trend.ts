// /report trend [unit]: the pulse trend across the last waves in chat, the same read model as the mini-app's
// trend (pulseTrend: K-protected per wave, audited), drawn as text sparklines by cards/pulse-trend.ts.
import { pulseTrendCard } from '../../../cards/pulse-trend.js';
import { errorCard } from '../../../cards/notice.js';
import { allUnits, findUnit } from '../../domain/org/units.js';
import type { HeatmapKind } from '../../domain/surveys/heatmap.js';
import { pulseTrend } from '../../domain/surveys/trend.js';
import type { MessageKey } from '../../i18n/index.js';
import { appUrl } from '../app-links.js';
import type { HandlerContext } from '../context.js';

export async function trendReportReply(ctx: HandlerContext, words: string[]): Promise<void> {
  let unitId: number | undefined;
  const ref = words.join(' ').trim();
  if (ref) {
    const unit = findUnit(await allUnits(ctx.db), ref);
    if (!unit) return ctx.reply(errorCard(ctx.t('reports.trend.unknownUnit', { unit: ref }), ctx.t));
    unitId = unit.id;
  }
  const r = await pulseTrend(ctx.db, { viewer: ctx.person, unitId });
  if (!r.ok)
    return ctx.reply(
      errorCard(
        ctx.t(
          r.code === 'unknown_template' ? 'survey.error.unknown_template' : (`report.error.${r.code}` as MessageKey),
        ),
        ctx.t,
      ),
    );
  const { trend } = r;
  const L = ctx.locale;
  const day = new Intl.DateTimeFormat(L, { month: 'numeric', day: 'numeric', timeZone: ctx.config.defaultTimezone });
  const scale = trend.template.items.find((i) => i.kind === 'scale');
  const hr = ctx.person.roles.includes('hr') || ctx.person.roles.includes('admin');
  await ctx.reply(
    pulseTrendCard(
      {
        title: `${trend.template.name[L]} · ${ctx.t('reports.trend.title')}`,
        unitName: trend.unit.name,
        k: trend.k,
        scale: { min: scale?.min ?? 1, max: scale?.max ?? 5 },
        waves: trend.waves.map((w) => ({
          label: `#${w.waveId} ${day.format(new Date(w.openedAt))}`,
          rate: w.participation.rate,
        })),
        dimensions: trend.template.dimensions.map((d) => ({
          name: d.name[L],
          values: trend.waves.map((w) => w.dims[d.key] ?? null),
        })),
        appUrl: appUrl(ctx.config, hr ? `/hr/report?unit=${trend.unit.id}` : '/team'),
      },
      ctx.t,
    ),
  );
}

/** A `/report pulse` word that picks the heatmap's level (level=2, 层级=2) or kind of unit (kind=store, 类型=门店,
 *  kind=hq, 类型=总部); undefined for any other word (a wave, a unit name). */
export function heatmapWord(word: string): { depth?: number; kind?: HeatmapKind } | undefined {
  const m = /^(level|depth|层级|层)[=:：](\d{1,2})$/i.exec(word);
  if (m) return { depth: Number(m[2]) };
  const k = /^(kind|类型)[=:：](.+)$/i.exec(word);
  if (!k) return undefined;
  const v = k[2]!.toLowerCase();
  if (['store', 'stores', '门店'].includes(v)) return { kind: 'store' };
  if (['department', 'departments', 'hq', '总部', '部门'].includes(v)) return { kind: 'department' };
  if (['mixed', '混合'].includes(v)) return { kind: 'mixed' };
  return undefined;
}
