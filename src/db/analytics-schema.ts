// Table types of analytics (migration 0012_analytics). The DB interface in schema.ts extends these.
// The *_delta tables and the counters are written by triggers and analytics_fold() only; the
// analytics module reads the *_now views (counters plus the deltas not folded yet).
import type { ColumnType } from 'kysely';

/** numeric, as text */
type Numeric = ColumnType<string, string | number, string | number>;
type ReadOnly<T> = ColumnType<T, never, never>;
/** calendar date, 'YYYY-MM-DD' */
type DateText = string;

interface GapCounts {
  people: number;
  assessed: number;
  with_gap: number;
  gap_sum: number;
}

export interface AnalyticsGapUnitTable extends GapCounts {
  agency_id: number;
  /** 0 = no unit */
  unit_key: number;
  /** '' = no position */
  tier: string;
  competency_code: string;
}

export interface AnalyticsGapAgencyTable extends GapCounts {
  agency_id: number;
  competency_code: string;
}

export interface AnalyticsHeadcountUnitTable {
  agency_id: number;
  unit_key: number;
  tier: string;
  status: string;
  people: number;
}

export interface AnalyticsHeadcountAgencyTable {
  agency_id: number;
  status: string;
  people: number;
}

export interface AnalyticsJpUnitTable {
  agency_id: number;
  unit_key: number;
  tier: string;
  year: number;
  /** credited JP in hundredths, capped at 2000 (20 JP) */
  jp_centi: number;
  people: number;
  jp_sum: Numeric;
}

export interface AnalyticsJpAgencyTable {
  agency_id: number;
  year: number;
  jp_centi: number;
  people: number;
  jp_sum: Numeric;
}

export interface AnalyticsPersonTable {
  civil_servant_id: number;
  agency_id: number;
  unit_key: number;
  tier: string;
  status: string;
}

export interface AnalyticsPersonYearTable {
  civil_servant_id: number;
  year: number;
  agency_id: number;
  jp: Numeric;
}

export interface AnalyticsSupplyTable {
  start_date: DateText;
  competency_code: string;
  offerings: number;
  seats: number;
}

export interface AnalyticsCohortTable {
  programme_id: number;
  /** 0 = evaluations of completions without an offering */
  offering_key: number;
  requested: number;
  approved: number;
  enrolled: number;
  waitlisted: number;
  completed: number;
  not_completed: number;
  withdrawn: number;
  no_show: number;
  rejected: number;
  reaction_n: number;
  reaction_sum: Numeric;
  pre_n: number;
  pre_sum: Numeric;
  post_n: number;
  post_sum: Numeric;
  follow_n: number;
  follow_sum: Numeric;
}

export interface AnalyticsOfferingTable {
  offering_id: number;
  programme_id: number;
  code: string;
  start_date: DateText;
  end_date: DateText;
  status: string;
  capacity: number;
  seats_taken: number;
}

export interface AnalyticsProgrammeTable {
  programme_id: number;
  provider_id: number;
  partner_ids: number[];
  code: string;
  title_id: string;
  title_en: string | null;
  category: string;
  status: string;
  quality: Numeric | null;
  accr_grade: string | null;
  accr_valid_to: DateText | null;
}

export interface AnalyticsProviderTable {
  provider_id: number;
  code: string;
  name: string;
  kind: string;
  accr_grade: string | null;
  accr_valid_to: DateText | null;
}

type View<T> = { [K in keyof T]: ReadOnly<T[K]> };

export interface AnalyticsDB {
  analytics_gap_unit: AnalyticsGapUnitTable;
  analytics_gap_agency: AnalyticsGapAgencyTable;
  analytics_headcount_unit: AnalyticsHeadcountUnitTable;
  analytics_headcount_agency: AnalyticsHeadcountAgencyTable;
  analytics_jp_unit: AnalyticsJpUnitTable;
  analytics_jp_agency: AnalyticsJpAgencyTable;
  analytics_person: AnalyticsPersonTable;
  analytics_person_year: AnalyticsPersonYearTable;
  analytics_supply: AnalyticsSupplyTable;
  analytics_cohort: AnalyticsCohortTable;
  analytics_offering: AnalyticsOfferingTable;
  analytics_programme: AnalyticsProgrammeTable;
  analytics_provider: AnalyticsProviderTable;
  // views: counters plus pending deltas
  analytics_gap_unit_now: View<AnalyticsGapUnitTable>;
  analytics_gap_agency_now: View<AnalyticsGapAgencyTable>;
  analytics_headcount_unit_now: View<AnalyticsHeadcountUnitTable>;
  analytics_headcount_agency_now: View<AnalyticsHeadcountAgencyTable>;
  analytics_jp_unit_now: View<AnalyticsJpUnitTable>;
  analytics_jp_agency_now: View<AnalyticsJpAgencyTable>;
  analytics_person_year_now: View<{ civil_servant_id: number; year: number; jp: string }>;
  analytics_supply_now: View<AnalyticsSupplyTable>;
  analytics_cohort_now: View<AnalyticsCohortTable>;
}
