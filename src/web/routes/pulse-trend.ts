// The pulse trend across waves, for the HR report (any unit) and a manager's team page (their units).
// Every figure comes from pulseTrend, which applies the report's scope and K-protection and audits the view.
import type { FastifyInstance } from 'fastify';
import { pulseTrend, type PulseTrend } from '../../domain/surveys/trend.js';
import { getWave } from '../../domain/surveys/waves.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { Locale } from '../../vocabulary.js';
import { requireHr, requireManager, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

// `waveId` picks the template of that wave (the report's wave filter); `templateId` picks one directly.
type TrendQuery = { unitId?: number; templateId?: number; waveId?: number };

function trendJson(t: PulseTrend, locale: Locale) {
  return {
    title: t.template.name[locale],
    templateId: t.template.id,
    unit: { id: t.unit.id, name: t.unit.name, path: t.unit.path },
    k: t.k,
    dimensions: t.template.dimensions.map((d) => ({ key: d.key, name: d.name[locale] })),
    waves: t.waves,
  };
}

export function registerPulseTrendRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  const answer = async (v: Viewer, { waveId, ...q }: TrendQuery) => {
    if (waveId !== undefined && q.templateId === undefined) {
      const wave = await getWave(db, waveId);
      if (!wave) throw new ApiError(404, v.t('report.error.unknown_wave'), 'unknown_wave');
      q.templateId = wave.templateId;
    }
    const r = await unitOfWork(db, async (tx) => await pulseTrend(tx, { viewer: v.person, ...q }));
    if (r.ok) return { trend: trendJson(r.trend, v.locale) };
    if (r.code === 'no_waves') return { trend: null, message: v.t('report.error.no_waves') };
    if (r.code === 'forbidden') throw new ApiError(403, v.t('report.error.forbidden'), 'forbidden');
    throw new ApiError(
      404,
      v.t(r.code === 'unknown_unit' ? 'report.error.unknown_unit' : 'survey.error.unknown_template'),
      r.code,
    );
  };

  serve(api, 'GET /hr/trend', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    return answer(v, input.query());
  });

  serve(api, 'GET /team/trend', async (req, _reply, input) => {
    const v = viewerOf(req);
    await requireManager(db, v);
    return answer(v, input.query());
  });
}
