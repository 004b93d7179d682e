// Table types of planning (migration 0010_planning). The DB interface in schema.ts extends these.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** numeric, as text */
type Numeric = ColumnType<string, string | number, string | number>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export type PlanItemState = 'planned' | 'requested' | 'refused';
export type AgencyPlanStatus = 'draft' | 'submitted' | 'returned';

export interface PlanningSupplyMarkTable {
  programme_id: number;
  /** xid8, as text */
  txid: string;
}

export interface DevelopmentPlanTable {
  id: Generated<number>;
  civil_servant_id: number;
  agency_id: number;
  year: number;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  decider_id: number | null;
  submitted_at: MaybeTime;
  decided_at: MaybeTime;
  decided_by: string | null;
  decision_comment: string | null;
  submissions: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DevelopmentPlanItemTable {
  id: Generated<number>;
  plan_id: number;
  agency_id: number;
  programme_id: number;
  offering_id: number | null;
  planned_jp: Numeric;
  target_competencies: TextArray;
  note: string | null;
  origin: 'recommendation' | 'learner';
  state: ColumnType<PlanItemState, PlanItemState | undefined, PlanItemState>;
  enrolment_id: number | null;
  state_detail: string | null;
  claimed_until: MaybeTime;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AgencyPlanTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  status: ColumnType<AgencyPlanStatus, AgencyPlanStatus | undefined, AgencyPlanStatus>;
  budget: Numeric;
  notes: string | null;
  needs_snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  submitted_at: MaybeTime;
  submitted_by: string | null;
  returned_at: MaybeTime;
  returned_by: string | null;
  return_comment: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AgencyPlanLineTable {
  id: Generated<number>;
  plan_id: number;
  agency_id: number;
  programme_id: number;
  offering_id: number | null;
  seats: number;
  unit_fee: Numeric;
  target_competencies: TextArray;
  position_tier: string | null;
  unit_id: number | null;
  note: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PlanningDB {
  planning_supply_mark: PlanningSupplyMarkTable;
  development_plan: DevelopmentPlanTable;
  development_plan_item: DevelopmentPlanItemTable;
  agency_plan: AgencyPlanTable;
  agency_plan_line: AgencyPlanLineTable;
}
