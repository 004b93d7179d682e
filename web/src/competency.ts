// Shapes of the competency API and small helpers the competency pages share.
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';

export interface NamedCompetency {
  code: string;
  kind: string | null;
  name_id: string | null;
  name_en: string | null;
}

export interface ProfileItem extends NamedCompetency {
  required: number | null;
  source: 'position' | 'tier_default' | null;
  current: number | null;
  gap: number | null;
  assessed_on: string | null;
  method: string | null;
  assessment_id: number | null;
}

export interface Totals {
  required: number;
  withGap: number;
  totalGap: number;
}

export interface Talent {
  period: string;
  performance: string;
  potential: string;
  box: number;
}

export interface Profile {
  person: { id: number; name: string; agency_id: number; agency_name: string; position_name: string | null; position_tier: string | null; unit_name: string | null };
  asOf: string;
  validityMonths: number;
  dictionaryVersion: number | null;
  items: ProfileItem[];
  totals: Totals;
  talent: Talent | null;
}

export interface HistoryItem {
  id: number;
  competency_code: string;
  level: number;
  method: string;
  assessed_on: string;
  assessor: string;
  evidence: string | null;
  recorded_at: string;
  voided_at: string | null;
  void_reason: string | null;
  dictionary_version: number;
  name_id: string;
  name_en: string;
  current: boolean;
  expired: boolean;
}

export interface History {
  asOf: string;
  validityMonths: number;
  total: number;
  items: HistoryItem[];
}

export interface GapStat extends NamedCompetency {
  people: number;
  assessed: number;
  withGap: number;
  averageGap: number;
}

export interface GapCell {
  code: string;
  required: number | null;
  current: number | null;
  gap: number | null;
}

export interface TeamGaps {
  supervisorId: number;
  asOf: string;
  validityMonths: number;
  competencies: NamedCompetency[];
  people: { id: number; name: string; position_name: string | null; position_tier: string | null; talentBox: number | null; cells: GapCell[]; totals: Totals }[];
  summary: GapStat[];
}

export interface LevelText {
  level: number;
  id: string;
  en: string;
}

export interface Competency {
  id: number;
  kind: 'managerial' | 'socio_cultural' | 'technical';
  code: string;
  name_id: string;
  name_en: string;
  agency_id: number | null;
  levels: LevelText[];
}

export interface VersionSummary {
  id: number;
  number: number;
  status: 'draft' | 'published';
  notes: string | null;
  created_at: string;
  published_at: string | null;
  competency_count: number;
}

export interface Version extends Omit<VersionSummary, 'competency_count'> {
  competencies: Competency[];
}

/** The name of a competency in the current language (the other language, then the code, when missing). */
export function useCompetencyName(): (c: NamedCompetency) => string {
  const { i18n: instance } = useTranslation();
  const en = instance.language === 'en';
  return (c) => (en ? (c.name_en ?? c.name_id) : (c.name_id ?? c.name_en)) ?? c.code;
}

type LabelGroup = 'competency.methods' | 'competency.kinds' | 'tiers' | 'talent.performance' | 'talent.potential' | 'imports.statuses' | 'imports.kinds' | 'person.statuses';

/** A known code's label from the catalogue; unknown codes as they are. */
export function codeLabel(group: LabelGroup, code: string | null | undefined): string {
  if (!code) return i18n.t('common.empty');
  const key = `${group}.${code}`;
  return i18n.exists(key) ? i18n.t(key as 'common.empty') : code;
}

/** 9-box: performance × potential → box (DESIGN.md §3). */
export const TALENT_BOX: Record<string, Record<string, number>> = {
  low: { below: 1, meets: 2, above: 4 },
  middle: { below: 3, meets: 5, above: 7 },
  high: { below: 6, meets: 8, above: 9 },
};

export const PERFORMANCE = ['below', 'meets', 'above'] as const;
export const POTENTIAL = ['high', 'middle', 'low'] as const;

/** Colours shared by the charts and the legend swatches in CSS. */
export const COLOURS = {
  required: '#0f766e',
  current: '#d97706',
  gap: ['#ecfdf3', '#fef3c7', '#fdba74', '#f97316', '#c2410c', '#7c2d12'],
};

export const percent = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 1000) / 10 : 0);
