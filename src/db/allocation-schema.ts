// Table types of the national allocation (migration 0011_allocation). The DB interface in schema.ts extends these.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type JsonIn = ColumnType<unknown, string | null | undefined, string | null>;

export type AllocationRunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface AllocationRunTable {
  id: Generated<number>;
  status: ColumnType<AllocationRunStatus, AllocationRunStatus | undefined, AllocationRunStatus>;
  params: ColumnType<unknown, string, string>;
  label: string | null;
  stage: string | null;
  progress: ColumnType<number, number | undefined, number>;
  lease_until: MaybeTime;
  summary: JsonIn;
  latsar: JsonIn;
  problem: JsonIn;
  created_by: string;
  created_at: CreatedAt;
  started_at: MaybeTime;
  finished_at: MaybeTime;
}

export interface AllocationGroupTable {
  run_id: number;
  id: number;
  agency_id: number;
  tier: string;
  province_code: string | null;
  competency_code: string;
  current_level: number;
  required_level: number;
  people: number;
  seats: number;
  gap_closed: number;
  greedy_seats: number;
  greedy_gap_closed: number;
  reason: ColumnType<unknown, string, string>;
}

export interface AllocationAssignmentTable {
  run_id: number;
  method: 'optimiser' | 'greedy';
  group_id: number;
  agency_id: number;
  offering_id: number;
  seats: number;
  gap_closed: number;
  /** numeric, as text */
  cost: ColumnType<string, string | number, string | number>;
}

export interface AllocationDB {
  allocation_run: AllocationRunTable;
  allocation_group: AllocationGroupTable;
  allocation_assignment: AllocationAssignmentTable;
}
