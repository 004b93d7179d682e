// What the catalogue supplies to planning: published programmes with the competency ranges they
// develop, their eligibility, prerequisites and quality, and their offerings that still take
// registrations (planned or open, registration not yet closed), with quotas. Read in one
// statement; planning builds its recommendation index from it (src/modules/planning/supply-index.ts).
// Also the labels and competency ranges of any programme (published or not) that plans refer to.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { TODAY } from './summary.ts';

export interface SupplyOffering {
  id: number;
  code: string;
  name: string | null;
  start_date: string;
  end_date: string;
  registration_opens: string;
  registration_closes: string;
  capacity: number;
  mode: 'offline' | 'online' | 'blended';
  province_code: string | null;
  regency_code: string | null;
  fee: number;
  status: string;
  quotas: { agency_id: number; seats: number }[];
}

export interface SupplyProgramme {
  id: number;
  code: string;
  title_id: string;
  title_en: string | null;
  category: string;
  learning_form: string;
  jp: number;
  status: string;
  quality: number | null;
  position_tiers: string[];
  rank_min: string | null;
  rank_max: string | null;
  accr_valid_to: string | null;
  provider: { id: number; code: string; name: string };
  competencies: { code: string; level_from: number; level_to: number }[];
  prerequisites: { id: number; code: string }[];
  offerings: SupplyOffering[];
}

/** Published programmes (all, or those of `ids` that are published) with their open and upcoming offerings. */
export async function catalogueSupply(db: Kysely<DB>, ids: number[] | 'all'): Promise<SupplyProgramme[]> {
  if (ids !== 'all' && ids.length === 0) return [];
  const where = ids === 'all' ? sql`true` : sql`p.id = any(${ids}::int[])`;
  const { rows } = await sql<Omit<SupplyProgramme, 'quality' | 'offerings'> & { quality: string | null; offerings: (Omit<SupplyOffering, 'fee'> & { fee: string | number })[] }>`
    select p.id, p.code, p.title_id, p.title_en, p.category, p.learning_form, p.jp, p.status, p.quality, p.position_tiers, p.rank_min, p.rank_max,
      p.accr_valid_to,
      json_build_object('id', pr.id, 'code', pr.code, 'name', pr.name) as provider,
      coalesce((select json_agg(json_build_object('code', c.competency_code, 'level_from', c.level_from, 'level_to', c.level_to) order by c.competency_code)
        from programme_competency c where c.programme_id = p.id), '[]') as competencies,
      coalesce((select json_agg(json_build_object('id', q.id, 'code', q.code) order by q.code)
        from programme_prerequisite pq join programme q on q.id = pq.prerequisite_id where pq.programme_id = p.id), '[]') as prerequisites,
      coalesce((select json_agg(json_build_object('id', o.id, 'code', o.code, 'name', o.name, 'start_date', o.start_date, 'end_date', o.end_date,
          'registration_opens', o.registration_opens, 'registration_closes', o.registration_closes, 'capacity', o.capacity, 'mode', o.mode,
          'province_code', o.province_code, 'regency_code', o.regency_code, 'fee', o.fee, 'status', o.status,
          'quotas', coalesce((select json_agg(json_build_object('agency_id', oq.agency_id, 'seats', oq.seats) order by oq.agency_id) from offering_quota oq where oq.offering_id = o.id), '[]'))
          order by o.start_date, o.id)
        from offering o where o.programme_id = p.id and o.status in ('planned','open') and o.registration_closes >= ${TODAY}), '[]') as offerings
    from programme p join provider pr on pr.id = p.provider_id
    where p.status = 'published' and ${where}
    order by p.id`.execute(db);
  return rows.map((r) => ({
    ...r,
    quality: r.quality === null ? null : Number(r.quality),
    offerings: r.offerings.map((o) => ({ ...o, fee: Number(o.fee) })),
  }));
}

export interface ProgrammeLabel {
  id: number;
  code: string;
  title_id: string;
  title_en: string | null;
  category: string;
  jp: number;
  status: string;
  provider_name: string;
  competencies: { code: string; level_from: number; level_to: number }[];
}

/** Codes, titles and competency ranges of programmes whatever their status (for plans that refer to them). */
export async function programmeLabels(db: Kysely<DB>, ids: number[]): Promise<Map<number, ProgrammeLabel>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<ProgrammeLabel>`
    select p.id, p.code, p.title_id, p.title_en, p.category, p.jp, p.status, pr.name as provider_name,
      coalesce((select json_agg(json_build_object('code', c.competency_code, 'level_from', c.level_from, 'level_to', c.level_to) order by c.competency_code)
        from programme_competency c where c.programme_id = p.id), '[]') as competencies
    from programme p join provider pr on pr.id = p.provider_id
    where p.id = any(${[...new Set(ids)]}::int[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r]));
}

export interface OfferingLabel {
  id: number;
  programme_id: number;
  code: string;
  start_date: string;
  end_date: string;
  registration_opens: string;
  registration_closes: string;
  mode: string;
  province_code: string | null;
  fee: number;
  status: string;
}

/** Offerings by id whatever their status (for plan items and lines). */
export async function offeringLabels(db: Kysely<DB>, ids: number[]): Promise<Map<number, OfferingLabel>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('offering')
    .select(['id', 'programme_id', 'code', 'start_date', 'end_date', 'registration_opens', 'registration_closes', 'mode', 'province_code', 'fee', 'status'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { ...r, fee: Number(r.fee) }]));
}

/** Seats still free per offering now (capacity − enrolled), for these offerings. */
export async function offeringSeatsLeft(db: Kysely<DB>, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ id: number; left: number }>`
    select id, greatest(capacity - enrolled_count, 0)::int as left from offering where id = any(${ids}::int[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r.left]));
}
