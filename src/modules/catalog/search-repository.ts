// The catalogue search SQL. One statement computes the page and every facet over one
// materialised candidate set; facets are disjunctive (a facet's counts ignore its own filter,
// so picking "pkp" still shows how many "pka" there are). Full text: the programme's
// search_vector (Indonesian + English stems, 'simple' for codes) matched by a tsquery built
// from the query words and their nearest catalogue words by trigram similarity (pg_trgm).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { TODAY } from './summary.ts';

export interface SearchFilters {
  competency?: string[];
  category?: string[];
  form?: string[];
  providerKind?: string[];
  provider?: number[];
  accreditation?: string[];
  jpMin?: number;
  jpMax?: number;
  delivery?: ('online' | 'offline')[];
  province?: string[];
  startFrom?: string;
  startTo?: string;
  seatsAvailable?: boolean;
}

export type SearchSort = 'relevance' | 'start' | 'quality';

/**
 * The query words the catalogue has (with similarity 1), and for the others their nearest
 * catalogue words (trigram similarity, best first): the trigram search runs only for words the
 * word list lacks.
 */
export async function nearestWords(db: Kysely<DB>, words: string[]): Promise<{ tok: string; word: string; sim: number }[]> {
  if (words.length === 0) return [];
  const { rows } = await sql<{ tok: string; word: string; sim: number }>`
    with t as (select tok, exists (select 1 from catalog_lexicon x where x.word = tok) as known from unnest(${words}::text[]) as u(tok))
    select t.tok, t.tok as word, 1::float8 as sim from t where t.known
    union all
    select t.tok, l.word, similarity(l.word, t.tok)::float8 as sim
    from t cross join lateral (select word from catalog_lexicon where word % t.tok order by word <-> t.tok limit 4) l
    where not t.known`.execute(db);
  return rows;
}

/** Which of these words match a published programme through their stems. */
export async function wordsThatMatch(db: Kysely<DB>, words: string[]): Promise<string[]> {
  const { rows } = await sql<{ w: string }>`
    select t.w from unnest(${words}::text[]) as t(w)
    where exists (select 1 from catalog_search c where c.published
      and c.search_vector @@ (plainto_tsquery('indonesian', t.w) || plainto_tsquery('english', t.w) || plainto_tsquery('simple', t.w)))`.execute(db);
  return rows.map((r) => r.w);
}

/** The published programmes matching a text: ids and their ranks, position by position. */
export interface TextHits {
  ids: number[];
  scores: number[];
}

/** The published programmes matching a tsquery, with their rank (as the SQL search scores them). */
export async function textHits(db: Kysely<DB>, tsquery: RawBuilder<unknown>): Promise<TextHits> {
  // Two flat arrays (one aggregation pass, so position k of both is the same row): thousands of
  // hits parse several times faster than as an array of pairs.
  const { rows } = await sql<{ hits: TextHits }>`
    with query as (select ${tsquery} as tsq)
    select json_build_object('ids', coalesce(array_agg(c.programme_id), '{}'),
                             'scores', coalesce(array_agg(ts_rank(c.search_vector, (select tsq from query))::float8), '{}')) as hits
    from catalog_search c where c.published and c.search_vector @@ (select tsq from query)`.execute(db);
  return rows[0].hits;
}

/** A tsquery: every word group must match; a group matches when any of its alternatives does. */
export function tsqueryOf(groups: string[][]): RawBuilder<unknown> {
  const perGroup = groups.map((alts) => {
    const parts = alts.flatMap((a) => [sql`plainto_tsquery('indonesian', ${a})`, sql`plainto_tsquery('english', ${a})`, sql`plainto_tsquery('simple', ${a})`]);
    return sql`(${sql.join(parts, sql` || `)})`;
  });
  return sql`(${sql.join(perGroup, sql` && `)})`;
}

const ACCR = sql`case when p.accr_valid_to is null then 'none' when p.accr_valid_to < ${TODAY} then 'expired' when p.accr_valid_to <= ${TODAY} + 90 then 'expiring' else 'valid' end`;

const FACETS = ['competency', 'category', 'form', 'kind', 'accr', 'jp', 'delivery', 'province', 'seats'] as const;
type Facet = (typeof FACETS)[number];

function deliveryModes(delivery: ('online' | 'offline')[]): string[] {
  const modes = new Set<string>(['blended']);
  for (const d of delivery) modes.add(d);
  return [...modes];
}

export interface SearchRow {
  total: number;
  page: [number, number][];
  competency: [string, number][];
  category: [string, number][];
  learning_form: [string, number][];
  provider_kind: [string, number][];
  accreditation: [string, number][];
  jp: [string, number][];
  delivery: [string, number][];
  province: [string, number][];
  seats: [string, number][];
}

/**
 * The faceted search in one SQL statement over programme: the reference the in-process engine
 * (search-index.ts) is tested against, and what it replaced.
 */
export async function search(
  db: Kysely<DB>,
  q: { tsquery: RawBuilder<unknown> | null; filters: SearchFilters; sort: SearchSort; limit: number; offset: number },
): Promise<SearchRow> {
  const f = q.filters;
  const cond: Record<Facet, RawBuilder<unknown> | null> = {
    competency: f.competency?.length ? sql`p.competency_codes && ${f.competency}::text[]` : null,
    category: f.category?.length ? sql`p.category = any(${f.category}::text[])` : null,
    form: f.form?.length ? sql`p.learning_form = any(${f.form}::text[])` : null,
    kind: f.providerKind?.length ? sql`p.provider_kinds && ${f.providerKind}::text[]` : null,
    accr: f.accreditation?.length ? sql`${ACCR} = any(${f.accreditation}::text[])` : null,
    jp: f.jpMin !== undefined || f.jpMax !== undefined ? sql`p.jp between ${f.jpMin ?? 0} and ${f.jpMax ?? 100000}` : null,
    delivery: f.delivery?.length ? sql`p.offering_modes && ${deliveryModes(f.delivery)}::text[]` : null,
    province: f.province?.length ? sql`p.offering_provinces && ${f.province}::text[]` : null,
    seats: f.seatsAvailable ? sql`p.seats_available > 0` : null,
  };
  const flags = FACETS.map((name) => sql`${cond[name] ?? sql`true`} as ${sql.ref(`f_${name}`)}`);
  const all = sql.raw(FACETS.map((n) => `f_${n}`).join(' and '));
  const except = (name: Facet) => sql.raw(FACETS.filter((n) => n !== name).map((n) => `f_${n}`).join(' and ') || 'true');

  const where: RawBuilder<unknown>[] = [sql`p.status = 'published'`];
  if (q.tsquery) where.push(sql`p.search_vector @@ (select tsq from query)`);
  if (f.provider?.length) where.push(sql`p.partner_provider_ids && ${f.provider}::int[]`);
  if (f.startFrom || f.startTo) {
    where.push(sql`exists (select 1 from offering o where o.programme_id = p.id and o.status in ('planned','open','closed','running')
      and o.start_date >= ${f.startFrom ?? '1900-01-01'}::date and o.start_date <= ${f.startTo ?? '9999-12-31'}::date)`);
  }
  const score = q.tsquery ? sql`ts_rank(p.search_vector, (select tsq from query))::float8` : sql`0::float8`;
  const order =
    q.sort === 'start'
      ? sql`next_start asc nulls last, score desc, id`
      : q.sort === 'quality'
        ? sql`quality desc nulls last, score desc, next_start asc nulls last, id`
        : sql`score desc, quality desc nulls last, next_start asc nulls last, id`;
  const facet = (name: Facet, expr: RawBuilder<unknown>, limit = 100) =>
    sql`(select coalesce(json_agg(json_build_array(v, n)), '[]') from (select ${expr} as v, count(*)::int as n from base where ${except(name)} group by 1 order by 2 desc, 1 limit ${limit}) x)`;

  const { rows } = await sql<SearchRow>`
    with query as (select ${q.tsquery ?? sql`null::tsquery`} as tsq),
    base as materialized (
      select p.id, p.category, p.learning_form, p.jp, p.provider_kinds, p.competency_codes, p.offering_modes, p.offering_provinces,
        p.seats_available, p.next_start, p.quality, ${ACCR} as accr, ${score} as score, ${sql.join(flags, sql`, `)}
      from programme p
      where ${sql.join(where, sql` and `)}
    )
    select
      (select count(*)::int from base where ${all}) as total,
      (select coalesce(json_agg(json_build_array(id, score)), '[]') from (select id, score from base where ${all} order by ${order} limit ${q.limit} offset ${q.offset}) x) as page,
      ${facet('competency', sql`unnest(competency_codes)`, 40)} as competency,
      ${facet('category', sql`category`)} as category,
      ${facet('form', sql`learning_form`)} as learning_form,
      ${facet('kind', sql`unnest(provider_kinds)`)} as provider_kind,
      ${facet('accr', sql`accr`)} as accreditation,
      ${facet('jp', sql`case when jp <= 8 then '1-8' when jp <= 24 then '9-24' when jp <= 80 then '25-80' when jp <= 200 then '81-200' else '201+' end`)} as jp,
      (select json_build_array(
          json_build_array('online', count(*) filter (where offering_modes && '{online,blended}'::text[])),
          json_build_array('offline', count(*) filter (where offering_modes && '{offline,blended}'::text[])))
        from base where ${except('delivery')}) as delivery,
      ${facet('province', sql`unnest(offering_provinces)`, 40)} as province,
      (select json_build_array(json_build_array('available', count(*) filter (where seats_available > 0))) from base where ${except('seats')}) as seats
  `.execute(db);
  return rows[0];
}

/** What a result shows of a programme, as `pageDetails` reads it (and the engine keeps it, search-cards.ts). */
export interface PageDetail {
  id: number;
  code: string;
  title_id: string;
  title_en: string | null;
  description_id: string | null;
  description_en: string | null;
  category: string;
  learning_form: string;
  jp: number;
  languages: string[];
  quality: string | null;
  accr_grade: string | null;
  accr_valid_from: string | null;
  accr_valid_to: string | null;
  accr: string;
  seats_available: number;
  provider: { id: number; code: string; name: string; kind: string; accreditation_status: string };
  partners: { provider_id: number; code: string; name: string; roles: string[] }[];
  competencies: { code: string; level_from: number; level_to: number }[];
  upcoming_offerings: number;
  next_offering: { id: number; start_date: string; end_date: string; mode: string; province_code: string | null; seats_left: number; registration_closes: string } | null;
}

/** The details of one page of results, in the order given. */
export async function pageDetails(db: Kysely<DB>, ids: number[]): Promise<PageDetail[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ rows: PageDetail[] }>`
    select coalesce(json_agg(json_build_object(
      'id', p.id, 'code', p.code, 'title_id', p.title_id, 'title_en', p.title_en,
      'description_id', left(p.description_id, 240), 'description_en', left(p.description_en, 240),
      'category', p.category, 'learning_form', p.learning_form, 'jp', p.jp, 'languages', p.languages, 'quality', p.quality::text,
      'accr_grade', p.accr_grade, 'accr_valid_from', p.accr_valid_from, 'accr_valid_to', p.accr_valid_to, 'accr', ${ACCR}, 'seats_available', p.seats_available,
      'provider', json_build_object('id', pr.id, 'code', pr.code, 'name', pr.name, 'kind', pr.kind,
        'accreditation_status', case when pr.accr_valid_to is null then 'none' when pr.accr_valid_to < ${TODAY} then 'expired' when pr.accr_valid_to <= ${TODAY} + 90 then 'expiring' else 'valid' end),
      'partners', (select coalesce(json_agg(json_build_object('provider_id', x.id, 'code', x.code, 'name', x.name, 'roles', pp.roles) order by 'lead' = any(pp.roles) desc, x.name), '[]')
         from programme_partner pp cross join lateral (select x.id, x.code, x.name from provider x where x.id = pp.provider_id) x where pp.programme_id = p.id),
      'competencies', (select coalesce(json_agg(json_build_object('code', c.competency_code, 'level_from', c.level_from, 'level_to', c.level_to) order by c.competency_code), '[]')
         from programme_competency c where c.programme_id = p.id),
      'upcoming_offerings', (select count(*)::int from offering o where o.programme_id = p.id and o.status in ('planned','open','closed','running') and o.start_date >= ${TODAY}),
      'next_offering', (select json_build_object('id', o.id, 'start_date', o.start_date, 'end_date', o.end_date, 'mode', o.mode, 'province_code', o.province_code,
                'seats_left', greatest(o.capacity - o.enrolled_count, 0), 'registration_closes', o.registration_closes)
         from offering o where o.programme_id = p.id and o.status in ('planned','open','closed','running') and o.start_date >= ${TODAY}
         order by o.start_date, o.id limit 1))), '[]') as rows
    from programme p join provider pr on pr.id = p.provider_id
    where p.id = any(${ids}::int[])`.execute(db);
  // one JSON value for the page: a single parse instead of one per row and column
  const byId = new Map(rows[0].rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}
