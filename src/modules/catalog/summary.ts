// The programme's derived columns (competency codes, partners, provider kinds, current
// accreditation, upcoming-offering summary, search text) and the catalogue word list.
// Called in the same transaction as every write that changes what they derive from.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DICTIONARY_V1 } from '../competency/dictionary-v1.ts';
import { CATEGORY_LABELS, FORM_LABELS, type Category, type LearningForm } from './vocab.ts';

const LIVE = sql`('planned','open','closed','running')`;
export const TODAY = sql`(now() at time zone 'Asia/Jakarta')::date`;

const competencyNames = new Map(DICTIONARY_V1.map((c) => [c.code, `${c.nameId} ${c.nameEn}`]));

/** Words that a programme is found by beside its titles and descriptions. */
export function searchExtra(p: { category: string; learning_form: string; competencyCodes: string[]; partners: { code: string; name: string }[] }): string {
  const category = CATEGORY_LABELS[p.category as Category];
  const form = FORM_LABELS[p.learning_form as LearningForm];
  return [
    category?.id,
    category?.en,
    form?.id,
    form?.en,
    ...p.competencyCodes.map((c) => `${c} ${competencyNames.get(c) ?? ''}`),
    ...p.partners.map((x) => `${x.code} ${x.name}`),
  ]
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Recomputes the derived columns of the given programmes (all when `ids` is 'all'). */
export async function refreshProgrammes(db: Kysely<DB>, ids: number[] | 'all'): Promise<void> {
  if (ids !== 'all' && ids.length === 0) return;
  const where = ids === 'all' ? sql`true` : sql`p.id = any(${ids}::int[])`;
  await sql`
    update programme p set
      competency_codes = coalesce((select array_agg(c.competency_code order by c.competency_code) from programme_competency c where c.programme_id = p.id), '{}'),
      partner_provider_ids = coalesce((select array_agg(pp.provider_id order by pp.provider_id) from programme_partner pp where pp.programme_id = p.id), '{}'),
      provider_kinds = coalesce((select array_agg(distinct pr.kind) from programme_partner pp join provider pr on pr.id = pp.provider_id where pp.programme_id = p.id), '{}'),
      (accr_grade, accr_valid_from, accr_valid_to) = (
        select a.grade, a.valid_from, a.valid_to from programme_accreditation a where a.programme_id = p.id order by a.id desc limit 1),
      offering_modes = coalesce((select array_agg(distinct o.mode) from offering o where o.programme_id = p.id and o.status in ${LIVE} and o.start_date >= ${TODAY}), '{}'),
      offering_provinces = coalesce((select array_agg(distinct o.province_code) from offering o where o.programme_id = p.id and o.status in ${LIVE} and o.start_date >= ${TODAY} and o.province_code is not null), '{}'),
      next_start = (select min(o.start_date) from offering o where o.programme_id = p.id and o.status in ${LIVE} and o.start_date >= ${TODAY}),
      seats_available = coalesce((select sum(greatest(o.capacity - o.enrolled_count, 0)) from offering o where o.programme_id = p.id and o.status in ('planned','open') and o.start_date >= ${TODAY}), 0)
    where ${where}`.execute(db);
}

/** Recomputes the search text of one programme from its partners and competencies. */
export async function refreshSearchText(db: Kysely<DB>, programmeId: number): Promise<void> {
  const p = await db.selectFrom('programme').select(['category', 'learning_form', 'competency_codes']).where('id', '=', programmeId).executeTakeFirst();
  if (!p) return;
  const partners = await db
    .selectFrom('programme_partner as pp')
    .innerJoin('provider as pr', 'pr.id', 'pp.provider_id')
    .select(['pr.code', 'pr.name'])
    .where('pp.programme_id', '=', programmeId)
    .execute();
  const extra = searchExtra({ category: p.category, learning_form: p.learning_form, competencyCodes: p.competency_codes, partners });
  await db.updateTable('programme').set({ search_extra: extra }).where('id', '=', programmeId).execute();
  await addToLexicon(db, [programmeId]);
}

/** Adds the words of these programmes (or all) to the catalogue word list. Words are never removed: a stale word only widens a typo's suggestions. */
export async function addToLexicon(db: Kysely<DB>, ids: number[] | 'all'): Promise<void> {
  const where = ids === 'all' ? sql`true` : sql`p.id = any(${ids}::int[])`;
  await sql`
    insert into catalog_lexicon (word)
    select distinct w from programme p,
      regexp_split_to_table(lower(p.code || ' ' || p.title_id || ' ' || coalesce(p.title_en, '') || ' ' || p.search_extra || ' ' || coalesce(p.description_id, '') || ' ' || coalesce(p.description_en, '')), '[^[:alnum:]]+') w
    where ${where} and length(w) between 3 and 40
    on conflict do nothing`.execute(db);
}

/** After any write to a programme's parts: everything derived, then the search text. */
export async function refreshProgramme(db: Kysely<DB>, programmeId: number): Promise<void> {
  await refreshProgrammes(db, [programmeId]);
  await refreshSearchText(db, programmeId);
}

/** The provider's current institution accreditation (the latest decision recorded). */
export async function refreshProvider(db: Kysely<DB>, providerId: number): Promise<void> {
  await sql`
    update provider p set (accr_grade, accr_valid_from, accr_valid_to) = (
      select a.grade, a.valid_from, a.valid_to from provider_accreditation a where a.provider_id = p.id order by a.id desc limit 1),
      updated_at = now()
    where p.id = ${providerId}`.execute(db);
}

/** The programme's quality (0–5, from evaluations): set by the evaluation module; shown and sorted on in the catalogue. */
export async function setProgrammeQuality(db: Kysely<DB>, programmeId: number, quality: number | null): Promise<void> {
  const value = quality === null ? null : Math.min(5, Math.max(0, quality)).toFixed(2);
  await db.updateTable('programme').set({ quality: value }).where('id', '=', programmeId).execute();
}

/** Daily upkeep: offerings that started since the last write leave the upcoming summary. */
export const refreshAllSummaries = (db: Kysely<DB>) => refreshProgrammes(db, 'all');
