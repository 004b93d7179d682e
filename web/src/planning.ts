// Shapes of the planning API and the reason renderer: the server sends each recommendation's
// reason as structured data; this turns it into a sentence in the user's language through the
// catalogue (planning.reason.*), the same sentence the API renders for other callers.
import { useTranslation } from 'react-i18next';
import { useFormatters } from './hooks.ts';

export interface ReasonCompetency {
  code: string;
  name_id: string | null;
  name_en: string | null;
  current: number | null;
  required: number;
  from: number;
  to: number;
  closes: number;
}

export interface Reason {
  perspective: 'self' | 'other';
  competencies: ReasonCompetency[];
  programme: { code: string; category: string; title_id: string; title_en: string | null };
  offering: null | {
    code: string;
    startDate: string;
    registration: 'open' | 'upcoming';
    registrationOpens: string;
    registrationCloses: string;
    seatsLeft: number;
    mode: 'online' | 'offline' | 'blended';
    provinceCode: string | null;
    provinceName: string | null;
  };
  cohort: 'offering' | 'none' | 'elsewhere' | 'full';
  jp: { programme: number; stillNeeded: number };
  quality: number | null;
  requiredByPosition: boolean;
}

export interface ProgrammeBrief {
  id: number;
  code: string;
  title_id: string;
  title_en: string | null;
  category: string;
  learning_form: string;
  jp: number;
  quality: number | null;
  provider: { id: number; code: string; name: string };
}

export interface OfferingBrief {
  id: number;
  code: string;
  name: string | null;
  start_date: string;
  end_date: string;
  registration_opens: string;
  registration_closes: string;
  registration: 'open' | 'upcoming';
  seats_left: number;
  mode: 'online' | 'offline' | 'blended';
  province_code: string | null;
  province_name: string | null;
  fee: number;
}

export interface Recommendation {
  rank: number;
  kind: 'offering' | 'programme';
  score: number;
  closes: number;
  weights: { jp: number; quality: number; availability: number };
  programme: ProgrammeBrief;
  offering: OfferingBrief | null;
  reason: Reason;
  reason_text: string;
}

export interface Recommendations {
  person: { id: number; name: string; agency_id: number; position_tier: string | null; province_code: string | null };
  year: number;
  offerings_of_year: number | null;
  as_of: string;
  jp: { credited: number; entitlement: number; still_needed: number };
  gaps: { code: string; name_id: string | null; name_en: string | null; current: number | null; required: number; gap: number }[];
  excluded: { already_taken: number; not_eligible: number };
  items: Recommendation[];
}

export interface Named {
  code: string;
  name_id: string | null;
  name_en: string | null;
}

export interface PlanItem {
  id: number;
  kind: 'offering' | 'programme';
  programme: { id: number; code: string; title_id: string; title_en: string | null; category: string; jp: number; status: string; provider_name: string };
  offering: null | { id: number; code: string; start_date: string; end_date: string; registration_opens: string; registration_closes: string; registration: 'open' | 'upcoming' | 'closed' | null; mode: string; province_code: string | null; status: string };
  planned_jp: number;
  target_competencies: Named[];
  note: string | null;
  origin: 'recommendation' | 'learner';
  state: 'planned' | 'requested' | 'refused' | 'missed';
  enrolment_id: number | null;
  state_detail: string | null;
}

export interface Plan {
  id: number;
  year: number;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  person: { id: number; name: string; agency_id: number };
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_comment: string | null;
  submissions: number;
  jp: { entitlement: number; credited: number; planned: number; remaining: number };
  items: PlanItem[];
  may: { edit: boolean; submit: boolean; withdraw: boolean; decide: boolean };
}

export interface NeedRow extends Named {
  tier: string;
  unitId: number | null;
  people: number;
  withGap: number;
  gapSum: number;
}

export interface ComparisonRow extends Named {
  people: number;
  withGap: number;
  gapSum: number;
  plannedSeats: number;
  deliveredCompletions: number;
  deliveredJp: number;
}

export interface Comparison {
  lastYear: number;
  delivered: { people: number; jp: number; jpWithoutProgramme: number };
  competencies: ComparisonRow[];
}

export interface NeedsView {
  agency: { id: number; code: string; name: string };
  year: number;
  needs: { as_of: string; units: { id: number; code: string; name: string }[]; rows: NeedRow[] };
  comparison: Comparison;
}

export interface AgencyPlanLine {
  id: number;
  programme: { id: number; code: string; title_id: string; title_en: string | null; category: string; jp: number; status: string; provider_name: string };
  offering: null | { id: number; code: string; start_date: string; end_date: string; mode: string; province_code: string | null; status: string; fee: number };
  seats: number;
  unit_fee: number;
  cost: number;
  target_competencies: Named[];
  position_tier: string | null;
  unit_id: number | null;
  unit_name: string | null;
  note: string | null;
}

export interface AgencyPlan {
  id: number;
  agency: { id: number; code: string; name: string };
  year: number;
  status: 'draft' | 'submitted' | 'returned';
  budget: number;
  cost: number;
  remaining: number;
  seats: number;
  notes: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  returned_at: string | null;
  returned_by: string | null;
  return_comment: string | null;
  lines: AgencyPlanLine[];
  needs: { as_of: string; frozen: boolean; units: { id: number; code: string; name: string }[]; rows: NeedRow[] };
  comparison: Comparison;
  may: { edit: boolean; submit: boolean; return: boolean };
}

export interface AgencyPlanSummary {
  id: number;
  agency: { id: number; code: string; name: string };
  year: number;
  status: 'draft' | 'submitted' | 'returned';
  budget: number;
  cost: number;
  seats: number;
  submitted_at: string | null;
  submitted_by: string | null;
}

export const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date()));

const LEADERSHIP: Record<string, string> = { pkp: 'PKP', pka: 'PKA', pkn1: 'PKN I', pkn2: 'PKN II', latsar: 'Latsar' };

/** The title of a programme in the current language. */
export function useTitle(): (p: { title_id: string; title_en: string | null }) => string {
  const { i18n } = useTranslation();
  return (p) => (i18n.language === 'en' ? p.title_en ?? p.title_id : p.title_id);
}

/** A recommendation's reason as one sentence in the current language. */
export function useReasonText(): (r: Reason) => string {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const en = i18n.language === 'en';
  const nameOf = (c: Named) => (en ? c.name_en ?? c.name_id : c.name_id ?? c.name_en) ?? c.code;
  return (r) => {
    const self = r.perspective === 'self';
    const parts: string[] = [];
    const gaps = r.competencies.map(
      (c) => `${c.current === null ? t('planning.reason.unassessed', { name: nameOf(c) }) : t('planning.reason.at', { name: nameOf(c), level: c.current })}, ${t(self ? 'planning.reason.needsSelf' : 'planning.reason.needsOther', { level: c.required })}`,
    );
    if (gaps.length) parts.push(gaps.join('; '));
    const label = LEADERSHIP[r.programme.category] ? `${LEADERSHIP[r.programme.category]} ` : '';
    const cohort = r.offering !== null;
    if (r.competencies.length === 1) {
      const c = r.competencies[0];
      parts.push(t(cohort ? 'planning.reason.developsOneCohort' : 'planning.reason.developsOneProgramme', { label, from: c.from, to: c.to }));
    } else if (r.competencies.length > 1) {
      const items = r.competencies.map((c) => t('planning.reason.range', { name: nameOf(c), from: c.from, to: c.to }));
      const list = `${items.slice(0, -1).join(', ')} ${t('planning.reason.and')} ${items[items.length - 1]}`;
      parts.push(t(cohort ? 'planning.reason.developsManyCohort' : 'planning.reason.developsManyProgramme', { label, list }));
    }
    if (r.requiredByPosition) parts.push(t(self ? 'planning.reason.requiredSelf' : 'planning.reason.requiredOther'));
    const o = r.offering;
    if (o) {
      parts.push(t(o.seatsLeft === 1 ? 'planning.reason.seatsOne' : 'planning.reason.seats', { n: o.seatsLeft }));
      parts.push(o.mode === 'online' ? t('planning.reason.online') : t(o.mode === 'offline' ? 'planning.reason.offline' : 'planning.reason.blended', { province: o.provinceName ?? '' }));
      parts.push(o.registration === 'open' ? t('planning.reason.registrationOpen', { date: format.date(o.registrationCloses) }) : t('planning.reason.registrationUpcoming', { date: format.date(o.registrationOpens) }));
      parts.push(t('planning.reason.starts', { date: format.date(o.startDate) }));
    } else {
      parts.push(t(r.cohort === 'elsewhere' ? 'planning.reason.cohortElsewhere' : r.cohort === 'full' ? 'planning.reason.cohortFull' : 'planning.reason.cohortNone'));
    }
    if (r.jp.stillNeeded > 0) parts.push(t(self ? 'planning.reason.jpSelf' : 'planning.reason.jpOther', { jp: r.jp.programme, needed: r.jp.stillNeeded }));
    return parts.join('; ');
  };
}

/** Rupiah, whole. */
export function useRupiah(): (n: number) => string {
  const { i18n } = useTranslation();
  return (n) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(n);
}
