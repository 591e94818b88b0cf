// Rating schemes as the API sends them (inferred from the API contract), and the new-scheme form's state
// (strings, as inputs hold them).
import type { Answer } from '../../../../src/contract/index.js';

export type SchemeRow = Answer<'GET /hr/schemes'>['schemes'][number];
export type SchemeDef = SchemeRow['definition'];
export type DimensionDef = SchemeDef['dimensions'][number];
export type RaterRule = DimensionDef['rater'];

export interface DimForm {
  key: string;
  nameZh: string;
  nameEn: string;
  weight: string;
  kind: 'scale' | 'indicator';
  rater: RaterRule['type'];
  email: string;
  min: string;
  max: string;
  higherIsBetter: boolean;
}
export interface SchemeForm {
  key: string;
  nameZh: string;
  nameEn: string;
  dims: DimForm[];
}

export const blankDim = (): DimForm => ({
  key: '',
  nameZh: '',
  nameEn: '',
  weight: '',
  kind: 'scale',
  rater: 'manager',
  email: '',
  min: '0',
  max: '10',
  higherIsBetter: true,
});
export const blankScheme = (): SchemeForm => ({ key: '', nameZh: '', nameEn: '', dims: [blankDim()] });

/** A copy of an existing scheme to start from; the key must change (schemes are never edited in place). */
export function copyOf(s: SchemeDef): SchemeForm {
  return {
    key: `${s.key}-2`.slice(0, 32),
    nameZh: s.name['zh-CN'],
    nameEn: s.name.en,
    dims: s.dimensions.map((d) => ({
      key: d.key,
      nameZh: d.name['zh-CN'],
      nameEn: d.name.en,
      weight: String(d.weight),
      kind: d.kind,
      rater: d.rater.type,
      email: d.rater.type === 'person' ? d.rater.email : '',
      min: String(d.indicator?.min ?? 0),
      max: String(d.indicator?.max ?? 10),
      higherIsBetter: d.indicator?.higherIsBetter ?? true,
    })),
  };
}

const num = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? null : Number(s));

export const weightsTotal = (f: SchemeForm) => f.dims.reduce((sum, d) => sum + (num(d.weight) ?? 0), 0);

export function toBody(f: SchemeForm): Record<string, unknown> {
  return {
    key: f.key.trim(),
    name: { 'zh-CN': f.nameZh, en: f.nameEn },
    dimensions: f.dims.map((d) => ({
      key: d.key.trim(),
      name: { 'zh-CN': d.nameZh, en: d.nameEn },
      weight: num(d.weight),
      kind: d.kind,
      rater: d.rater === 'person' ? { type: 'person', email: d.email } : { type: d.rater },
      ...(d.kind === 'indicator'
        ? { indicator: { min: num(d.min), max: num(d.max), higherIsBetter: d.higherIsBetter } }
        : {}),
    })),
  };
}
