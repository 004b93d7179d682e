// The analytics tables derived from scratch, straight from the source tables (the assessment
// history, not competency_current; learning_record, enrolment, the catalogue, evaluations),
// independently of migration 0012's triggers, fold and rebuild. `analyticsDrift` compares what
// the dashboards read (the *_now views: counters plus pending deltas) with it, row by row.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../src/db/schema.ts';

const CURRENT = sql`
  select distinct on (civil_servant_id, competency_code) civil_servant_id, competency_code, level, assessed_on
    from competency_assessment where voided_at is null
   order by civil_servant_id, competency_code, assessed_on desc, id desc`;

const STANDARD = sql`
  select o.position_id, o.competency_code as code, o.required_level as required from competency_position_standard o
  union all
  select pos.id, t.competency_code, t.required_level from position pos join competency_tier_standard t on t.tier = pos.tier
   where not exists (select 1 from competency_position_standard o where o.position_id = pos.id and o.competency_code = t.competency_code)`;

const GAP_CELLS = sql`
  select cs.agency_id, coalesce(cs.unit_id, 0) as unit_key, pos.tier, s.code as competency_code, s.required,
         case when c.assessed_on > (select cutoff from competency_current_state) then c.level end as level
    from civil_servant cs
    join position pos on pos.id = cs.position_id
    join (${STANDARD}) s on s.position_id = cs.position_id
    left join (${CURRENT}) c on c.civil_servant_id = cs.id and c.competency_code = s.code
   where cs.status = 'active'`;

const GAP_SUMS = sql`count(*)::bigint as people, count(level)::bigint as assessed,
  (count(*) filter (where required > coalesce(level, 0)))::bigint as with_gap, sum(greatest(required - coalesce(level, 0), 0))::bigint as gap_sum`;

const PERSON_YEAR = sql`
  select civil_servant_id, year, sum(jp) as jp from learning_record where status = 'credited' group by 1, 2 having sum(jp) <> 0`;

const JP_PEOPLE = sql`
  select cs.agency_id, coalesce(cs.unit_id, 0) as unit_key, coalesce(p.tier, '') as tier, y.year, least((y.jp * 100)::int, 2000) as jp_centi, y.jp
    from (${PERSON_YEAR}) y join civil_servant cs on cs.id = y.civil_servant_id and cs.status in ('active', 'leave')
    left join position p on p.id = cs.position_id
   where y.jp > 0`;

const LIVE = sql`('planned', 'open', 'closed', 'running')`;

/** Pairs of (maintained, derived) relations with the same columns. */
export const PAIRS: Record<string, [RawBuilder<unknown>, RawBuilder<unknown>]> = {
  gap_unit: [
    sql`select agency_id, unit_key, tier, competency_code, people, assessed, with_gap, gap_sum from analytics_gap_unit_now where (people, assessed, with_gap, gap_sum) <> (0, 0, 0, 0)`,
    sql`select agency_id, unit_key, tier, competency_code, ${GAP_SUMS} from (${GAP_CELLS}) x group by 1, 2, 3, 4`,
  ],
  gap_agency: [
    sql`select agency_id, competency_code, people, assessed, with_gap, gap_sum from analytics_gap_agency_now where (people, assessed, with_gap, gap_sum) <> (0, 0, 0, 0)`,
    sql`select agency_id, competency_code, ${GAP_SUMS} from (${GAP_CELLS}) x group by 1, 2`,
  ],
  headcount_unit: [
    sql`select agency_id, unit_key, tier, status, people from analytics_headcount_unit_now where people <> 0`,
    sql`select cs.agency_id, coalesce(cs.unit_id, 0), coalesce(p.tier, ''), cs.status, count(*)::bigint from civil_servant cs left join position p on p.id = cs.position_id group by 1, 2, 3, 4`,
  ],
  headcount_agency: [
    sql`select agency_id, status, people from analytics_headcount_agency_now where people <> 0`,
    sql`select cs.agency_id, cs.status, count(*)::bigint from civil_servant cs group by 1, 2`,
  ],
  jp_unit: [
    sql`select agency_id, unit_key, tier, year, jp_centi, people, jp_sum from analytics_jp_unit_now where people <> 0 or jp_sum <> 0`,
    sql`select agency_id, unit_key, tier, year, jp_centi, count(*)::bigint, sum(jp) from (${JP_PEOPLE}) x group by 1, 2, 3, 4, 5`,
  ],
  jp_agency: [
    sql`select agency_id, year, jp_centi, people, jp_sum from analytics_jp_agency_now where people <> 0 or jp_sum <> 0`,
    sql`select agency_id, year, jp_centi, count(*)::bigint, sum(jp) from (${JP_PEOPLE}) x group by 1, 2, 3`,
  ],
  person: [
    sql`select civil_servant_id, agency_id, unit_key, tier, status from analytics_person`,
    sql`select cs.id, cs.agency_id, coalesce(cs.unit_id, 0), coalesce(p.tier, ''), cs.status from civil_servant cs left join position p on p.id = cs.position_id`,
  ],
  person_year: [
    sql`select civil_servant_id, year, jp from analytics_person_year_now where jp <> 0`,
    sql`select civil_servant_id, year, jp from (${PERSON_YEAR}) y`,
  ],
  supply: [
    sql`select start_date, competency_code, offerings, seats from analytics_supply_now where (offerings, seats) <> (0, 0)`,
    sql`select o.start_date, pc.competency_code, count(*)::bigint, sum(o.capacity)::bigint
          from offering o join programme pr on pr.id = o.programme_id and pr.status = 'published'
          join programme_competency pc on pc.programme_id = o.programme_id
         where o.status in ${LIVE} group by 1, 2`,
  ],
  cohort_enrolments: [
    sql`select programme_id, offering_key, requested, approved, enrolled, waitlisted, completed, not_completed, withdrawn, no_show, rejected
          from analytics_cohort_now where (requested, approved, enrolled, waitlisted, completed, not_completed, withdrawn, no_show, rejected) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)`,
    sql`select programme_id, offering_id, ${sql.join(
      ['requested', 'approved', 'enrolled', 'waitlisted', 'completed', 'not_completed', 'withdrawn', 'no_show', 'rejected'].map((s) => sql`(count(*) filter (where status = ${s}))::bigint`),
    )} from enrolment group by 1, 2`,
  ],
  cohort_evaluations: [
    sql`select programme_id, offering_key, reaction_n, reaction_sum, pre_n, pre_sum, post_n, post_sum, follow_n, follow_sum
          from analytics_cohort_now where (reaction_n, pre_n, post_n, follow_n) <> (0, 0, 0, 0)`,
    sql`select programme_id, offering_key, sum(reaction_n)::bigint, sum(reaction_sum), sum(pre_n)::bigint, sum(pre_sum), sum(post_n)::bigint, sum(post_sum), sum(follow_n)::bigint, sum(follow_sum) from (
          select programme_id, coalesce(offering_id, 0) as offering_key, count(*) as reaction_n, sum(score) as reaction_sum, 0 as pre_n, 0 as pre_sum, 0 as post_n, 0 as post_sum, 0 as follow_n, 0 as follow_sum
            from evaluation_reaction group by 1, 2
          union all
          select programme_id, offering_id, 0, 0, count(pre_score), coalesce(sum(pre_score), 0), count(post_score), coalesce(sum(post_score), 0), 0, 0 from evaluation_test_score group by 1, 2
          union all
          select f.programme_id, coalesce(c.offering_id, 0), 0, 0, 0, 0, 0, 0, count(*), sum(f.score)
            from evaluation_follow_up f join certificate c on c.id = f.certificate_id where f.status = 'completed' and f.score is not null group by 1, 2
        ) x group by 1, 2 having (sum(reaction_n), sum(pre_n), sum(post_n), sum(follow_n)) <> (0, 0, 0, 0)`,
  ],
  offering: [
    sql`select offering_id, programme_id, code, start_date, end_date, status, capacity, seats_taken from analytics_offering`,
    sql`select id, programme_id, code, start_date, end_date, status, capacity, enrolled_count from offering`,
  ],
  programme: [
    sql`select programme_id, provider_id, partner_ids, code, title_id, title_en, category, status, quality, accr_grade, accr_valid_to from analytics_programme`,
    sql`select id, provider_id, partner_provider_ids, code, title_id, title_en, category, status, quality, accr_grade, accr_valid_to from programme`,
  ],
  provider: [
    sql`select provider_id, code, name, kind, accr_grade, accr_valid_to from analytics_provider`,
    sql`select id, code, name, kind, accr_grade, accr_valid_to from provider`,
  ],
};

/** Per table, the rows that differ between what the dashboards read and the derivation (all 0 = in step), with a few examples. */
export async function analyticsDrift(db: Kysely<DB>): Promise<{ counts: Record<string, number>; examples: Record<string, unknown[]> }> {
  const counts: Record<string, number> = {};
  const examples: Record<string, unknown[]> = {};
  for (const [name, [kept, derived]] of Object.entries(PAIRS)) {
    const { rows } = await sql<{ side: string; row: unknown }>`
      with kept as (${kept}), derived as (${derived})
      select 'kept' as side, to_jsonb(k) as row from (select * from kept except all select * from derived) k
      union all
      select 'derived', to_jsonb(d) from (select * from derived except all select * from kept) d`.execute(db);
    counts[name] = rows.length;
    if (rows.length) examples[name] = rows.slice(0, 6);
  }
  return { counts, examples };
}

export const IN_STEP = Object.fromEntries(Object.keys(PAIRS).map((k) => [k, 0]));

/**
 * The providers dashboard's two reads as they were written before issue #7's round (joined to
 * analytics_cohort_now, which groups every cohort's 17 counters first): what
 * analyticsRepo.providerTotals and programmeQuality must still give, row for row.
 */
export async function referenceProviderReads(db: Kysely<DB>, from: string, to: string) {
  const totals = await sql<Record<string, unknown>>`
    select pv.provider_id, pv.code, pv.name, pv.kind,
           count(o.offering_id)::bigint as offerings, coalesce(sum(o.capacity), 0)::bigint as capacity, coalesce(sum(o.seats_taken), 0)::bigint as seats_taken,
           coalesce(sum(c.completed), 0)::bigint as completed, coalesce(sum(c.completed + c.not_completed + c.no_show), 0)::bigint as finished,
           coalesce(sum(c.reaction_n), 0)::bigint as reaction_n, coalesce(sum(c.reaction_sum), 0) as reaction_sum
      from analytics_provider pv
      left join analytics_programme pr on pr.provider_id = pv.provider_id
      left join analytics_offering o on o.programme_id = pr.programme_id and o.start_date >= ${from} and o.start_date < ${to} and o.status <> 'cancelled'
      left join analytics_cohort_now c on c.programme_id = o.programme_id and c.offering_key = o.offering_id
     group by 1, 2, 3, 4`.execute(db);
  const quality = await sql<Record<string, unknown>>`
    select pr.programme_id, pr.provider_id, pr.quality, coalesce(sum(c.reaction_n), 0)::bigint as responses
      from analytics_programme pr left join analytics_cohort_now c on c.programme_id = pr.programme_id
     where pr.quality is not null
     group by pr.programme_id, pr.provider_id, pr.quality
     order by pr.programme_id`.execute(db);
  return { totals: totals.rows, quality: quality.rows };
}
