// The pulse report and the trend across waves (HR: any unit; a manager: their units), K-protected by the
// domain (buildPulseReport, pulseTrend) and worded in the reader's language (see endpoint.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { optionalId, participation, unitRef } from './parts.js';
import { THEMES } from '../domain/surveys/themes.js';

const dimensionName = z.strictObject({ key: z.string(), name: z.string() });
/** HQ departments, stores, or a grouping node over both (see domain/surveys/heatmap.ts). */
const heatmapKind = z.enum(['department', 'store', 'mixed']);
const followUpResolution = z.strictObject({
  total: z.number(),
  resolved: z.number(),
  rate: z.number().nullable(),
  medianDays: z.number().nullable(),
});
const targetKey = z.enum(['participation', 'followUpsResolved', 'satisfaction']);
/** Shares 0..1, satisfaction 1..5 (validated again by the domain: src/domain/surveys/targets.ts). */
const targets = z.strictObject({ participation: z.number(), followUpsResolved: z.number(), satisfaction: z.number() });

/** The heatmap's level below the unit (1 = its direct units) and an optional kind filter. */
export const heatmapQuery = { depth: optionalId, kind: heatmapKind.optional() };

/** The smallest published group around a hidden unit of a closed wave, with its own (K-protected) results. */
export const pulseEnclosingSchema = z.strictObject({
  unit: unitRef,
  responses: z.number(),
  dimensions: z.array(z.strictObject({ key: z.string(), name: z.string(), avg: z.number() })),
  comments: z.array(z.string()),
  commentsHidden: z.boolean(),
});

export const pulseReportSchema = z.strictObject({
  /** `closed` once the wave's results are published (they never change afterwards). */
  wave: z.strictObject({ id: z.number(), openedAt: z.string(), closesAt: z.string(), closed: z.boolean() }),
  title: z.string(),
  unit: unitRef,
  k: z.number(),
  /** The comment threshold in force for this wave (≥ k). */
  commentK: z.number(),
  /** open: participation only (no figures, comments or heatmap values) until wave.closesAt. */
  status: z.enum(['open', 'closed']),
  participation,
  /** False while the wave is open, and for a unit that is not published. */
  visible: z.boolean(),
  /** Why the figures are not shown; null when they are. */
  hidden: z.enum(['open', 'too_few', 'protected']).nullable(),
  /** For an open wave: the latest wave whose results are published, to read meanwhile. */
  latestPublished: z.number().nullable(),
  /** For a hidden unit of a closed wave: the smallest published group containing it. */
  enclosing: pulseEnclosingSchema.nullable(),
  responses: z.number().nullable(),
  dimensionNames: z.array(dimensionName),
  dimensions: z.array(
    z.strictObject({
      key: z.string(),
      name: z.string(),
      avg: z.number(),
      previousAvg: z.number().nullable(),
      distribution: z.array(z.number()),
    }),
  ),
  lowest: z.array(z.strictObject({ text: z.string(), avg: z.number() })),
  enps: z
    .strictObject({ score: z.number(), promoters: z.number(), passives: z.number(), detractors: z.number() })
    .nullable(),
  /** Rows `heatmapLevel.depth` levels below the unit (of one kind when asked); a hidden row has no figures. */
  heatmap: z.array(
    z.strictObject({
      unit: z.strictObject({ id: z.number(), name: z.string() }),
      kind: heatmapKind,
      visible: z.boolean(),
      responses: z.number().nullable(),
      dims: z.record(z.string(), z.number()),
    }),
  ),
  /** The level shown and how many levels the unit has below it (1..levels can be asked). */
  heatmapLevel: z.strictObject({ depth: z.number(), levels: z.number(), kind: heatmapKind.nullable() }),
  /** Per kind at that level: figures over its shown rows only (nothing a hidden row holds). */
  heatmapKinds: z.array(
    z.strictObject({
      kind: heatmapKind,
      units: z.number(),
      shownUnits: z.number(),
      responses: z.number().nullable(),
      dims: z.record(z.string(), z.number()),
    }),
  ),
  comments: z.array(z.string()),
  commentsHidden: z.boolean(),
  /** The same published comments with what a conversation needs (issue 23 item 1): empty when they are hidden. */
  commentItems: z.array(
    z.strictObject({
      id: z.string(),
      text: z.string(),
      replyable: z.boolean(),
      threadId: z.number().nullable(),
      threadStatus: z.enum(['none', 'open', 'closed']),
    }),
  ),
  /** Themes of the published comments (empty when they are hidden), most frequent first. */
  themes: z.array(z.strictObject({ theme: z.enum(THEMES), count: z.number() })),
  followUps: z.strictObject({ total: z.number(), done: z.number() }),
  /** Organisation-wide, across every wave: share resolved and median days to resolve (null when none). */
  followUpResolution: followUpResolution,
  /** HR's targets against this report's figures; `met` null when the figure is not shown. */
  targets: z.array(
    z.strictObject({
      key: targetKey,
      target: z.number(),
      actual: z.number().nullable(),
      met: z.boolean().nullable(),
    }),
  ),
});

/** The report a viewer may see; `null` (with a message) when no survey has been launched yet. */
export const pulseAnswerSchema = z.strictObject({
  report: pulseReportSchema.nullable(),
  message: z.string().optional(),
});

/** `waveId` picks the template of that wave (the report's wave filter); `templateId` picks one directly. */
const trendQuery = z.object({ unitId: optionalId, templateId: optionalId, waveId: optionalId });

export const pulseTrendAnswerSchema = z.strictObject({
  trend: z
    .strictObject({
      title: z.string(),
      templateId: z.number(),
      unit: unitRef,
      k: z.number(),
      dimensions: z.array(dimensionName),
      waves: z.array(
        z.strictObject({
          waveId: z.number(),
          openedAt: z.string(),
          closed: z.boolean(),
          participation,
          /** False when the report would hide this unit in this wave. */
          visible: z.boolean(),
          /** Dimension key → average, or null when hidden (or nobody answered that dimension). */
          dims: z.record(z.string(), z.number().nullable()),
        }),
      ),
    })
    .nullable(),
  message: z.string().optional(),
});

export const pulseReportEndpoints = {
  'GET /hr/report': {
    query: z.object({ waveId: optionalId, unitId: optionalId, ...heatmapQuery }),
    response: pulseAnswerSchema,
  },
  'GET /hr/trend': { query: trendQuery, response: pulseTrendAnswerSchema },
  'GET /hr/report-targets': { response: targets },
  'PUT /hr/report-targets': {
    body: z.object({ participation: z.unknown(), followUpsResolved: z.unknown(), satisfaction: z.unknown() }),
    response: targets,
  },
  'GET /team/trend': { query: trendQuery, response: pulseTrendAnswerSchema },
} satisfies Endpoints;
