// /report turnover [days] [level=N] [kind=store|hq]: HR's turnover by unit in chat, from the same read model as
// the mini-app's page (buildTurnoverReport), the pulse beside each row as the pulse report shows it.
import { errorCard } from '../../../cards/notice.js';
import { turnoverCard } from '../../../cards/turnover.js';
import { buildTurnoverReport } from '../../domain/org/turnover-report.js';
import { appUrl } from '../app-links.js';
import type { HandlerContext } from '../context.js';
import { heatmapWord } from './report-trend.js';

export async function turnoverReportReply(ctx: HandlerContext, words: string[]): Promise<void> {
  let days: number | undefined;
  let depth: number | undefined;
  let kind: 'department' | 'store' | 'mixed' | undefined;
  for (const w of words) {
    const h = heatmapWord(w);
    if (h) {
      depth = h.depth ?? depth;
      kind = h.kind ?? kind;
    } else if (/^\d+$/.test(w)) days = Number(w);
    else return ctx.reply(errorCard(ctx.t('turnover.error.days'), ctx.t));
  }
  const r = await buildTurnoverReport(ctx.db, { viewer: ctx.person, days, depth, kind, now: ctx.now });
  if (!r.ok)
    return ctx.reply(
      errorCard(
        ctx.t(
          r.code === 'forbidden'
            ? 'turnover.error.forbidden'
            : `turnover.error.${r.code === 'bad_days' ? 'days' : 'unit'}`,
        ),
        ctx.t,
      ),
    );
  const t = r.report;
  const L = ctx.locale;
  const dimName = new Map(t.wave?.dimensions.map((d) => [d.key, d.name[L]]) ?? []);
  await ctx.reply(
    turnoverCard(
      {
        days: t.days,
        unit: t.unit.name,
        threshold: t.threshold,
        waveLabel: t.wave ? `#${t.wave.id} ${t.wave.name[L]}` : undefined,
        total: t.total,
        rows: t.rows.map((row) => ({
          unit: row.unit.name,
          flagged: row.flagged,
          headcountEnd: row.headcountEnd,
          leavers: row.leavers,
          movedOut: row.movedOut,
          movedIn: row.movedIn,
          joined: row.joined,
          rate: row.rate,
          annualRate: row.annualRate,
          pulse:
            row.pulse === undefined
              ? undefined
              : 'hidden' in row.pulse
                ? 'hidden'
                : {
                    responses: row.pulse.responses,
                    dims: Object.entries(row.pulse.dims).map(([k, avg]) => ({ name: dimName.get(k) ?? k, avg })),
                  },
        })),
        appUrl: appUrl(ctx.config, `/hr/turnover?days=${t.days}`),
      },
      ctx.t,
    ),
  );
}
