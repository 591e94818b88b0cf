// The pulse report for the API, in the viewer's language. Everything K-protected comes from
// buildPulseReport (which also audits the view); this only picks fields and translates names.
import type { Locale } from '../vocabulary.js';
import { unitOfWork, type Db } from '../domain/unit-of-work.js';
import { buildPulseReport, type PulseReport } from '../domain/surveys/report.js';
import type { HeatmapKind } from '../domain/surveys/heatmap.js';
import { commentThemes } from '../domain/surveys/themes.js';
import { commentRefs, type CommentRef } from '../domain/surveys/comment-refs.js';
import { organisationFollowUps, type FollowUpResolution } from '../domain/surveys/follow-up-stats.js';
import { getTargets, satisfactionOf, targetStatus, type Targets } from '../domain/surveys/targets.js';
import type { MessageKey } from '../i18n/index.js';
import type { Viewer } from './context.js';
import { ApiError } from './errors.js';

export function reportJson(
  r: PulseReport,
  locale: Locale,
  extra: { followUpResolution: FollowUpResolution; targets: Targets; commentRefs: CommentRef[] },
) {
  return {
    wave: {
      id: r.wave.id,
      openedAt: r.wave.openedAt.toISOString(),
      closesAt: r.wave.closesAt.toISOString(),
      closed: r.wave.closedAt !== null,
    },
    title: r.template.name[locale],
    unit: { id: r.unit.id, name: r.unit.name, path: r.unit.path },
    k: r.k,
    commentK: r.commentK,
    /** open: participation only until the wave closes (at wave.closesAt); closed: the published results. */
    status: r.status,
    participation: r.participation,
    visible: r.visible,
    hidden: r.hidden ?? null,
    latestPublished: r.latestPublished ?? null,
    enclosing: r.enclosing
      ? {
          unit: { id: r.enclosing.unit.id, name: r.enclosing.unit.name, path: r.enclosing.unit.path },
          responses: r.enclosing.responses,
          dimensions: r.enclosing.dimensions.map((d) => ({ key: d.key, name: d.name[locale], avg: d.avg })),
          comments: r.enclosing.comments,
          commentsHidden: r.enclosing.commentsHidden,
        }
      : null,
    responses: r.responses ?? null,
    dimensionNames: r.template.dimensions.map((d) => ({ key: d.key, name: d.name[locale] })),
    dimensions: r.dimensions.map((d) => ({
      key: d.key,
      name: d.name[locale],
      avg: d.avg,
      previousAvg: d.previousAvg ?? null,
      distribution: d.distribution,
    })),
    lowest: r.lowest.map((i) => ({ text: i.text[locale], avg: i.avg })),
    enps: r.enps ?? null,
    heatmap: r.heatmap.map((h) => ({
      unit: { id: h.unit.id, name: h.unit.name },
      kind: h.kind,
      visible: h.visible,
      responses: h.responses ?? null,
      dims: h.dims,
    })),
    heatmapLevel: { ...r.heatmapLevel, kind: r.heatmapLevel.kind ?? null },
    heatmapKinds: r.heatmapKinds.map((k) => ({ ...k, responses: k.responses ?? null })),
    comments: r.comments,
    commentsHidden: r.commentsHidden,
    commentItems: r.commentsHidden
      ? []
      : extra.commentRefs.map((c) => ({
          id: c.id,
          text: c.text,
          replyable: c.replyable,
          threadId: c.threadId,
          threadStatus: c.status,
        })),
    // Over the published list only: the counts say no more than the comments shown beside them.
    themes: r.commentsHidden ? [] : commentThemes(r.comments),
    followUps: r.followUps,
    followUpResolution: extra.followUpResolution,
    targets: targetStatus(extra.targets, {
      // Judged on a closed wave only: an open wave's participation is not final (and the report of an open wave
      // is the same on every read but for its participation block).
      participation: r.status === 'closed' && r.participation.asked ? r.participation.rate : null,
      followUpsResolved: extra.followUpResolution.rate,
      // Only figures the report shows: a hidden unit or an open wave has no satisfaction to compare.
      satisfaction: r.visible ? satisfactionOf(r.dimensions) : null,
    }),
  };
}

/** The report a viewer may see, or a 403/404; `null` when no survey has been launched yet. */
export async function pulseFor(
  db: Db,
  v: Viewer,
  q: { waveId?: number; unitId?: number; depth?: number; kind?: HeatmapKind },
  now: Date = new Date(),
) {
  const r = await unitOfWork(db, async (tx) => {
    const built = await buildPulseReport(tx, {
      viewer: v.person,
      waveId: q.waveId,
      unitId: q.unitId,
      depth: q.depth,
      kind: q.kind,
    });
    return built.ok
      ? {
          ...built,
          extra: {
            followUpResolution: await organisationFollowUps(tx),
            targets: await getTargets(tx),
            // Beside a shown comment list only: each comment's id and thread, for "Reply" (issue 23 item 1).
            commentRefs: built.report.commentsHidden
              ? []
              : await commentRefs(tx, built.report.wave, built.report.unit.id, now),
          },
        }
      : built;
  });
  if (r.ok) return { report: reportJson(r.report, v.locale, r.extra) };
  if (r.code === 'no_waves') return { report: null, message: v.t('report.error.no_waves') };
  const message = v.t(`report.error.${r.code}` as MessageKey);
  throw new ApiError(r.code === 'forbidden' ? 403 : 404, message, r.code);
}
