// What a search result shows of a programme, kept in catalog_search_card beside catalog_search
// (migration 0023) so the in-process engine (search-index.ts) answers the page without a
// statement per search:
// `card` — the stable part (code, titles, summaries, languages, accreditation grade, provider,
// partners in display order, competencies) — and `offerings` — the live offerings with what the
// result shows of the next one (dates, mode, province, seats left, registration close). Which of
// them are upcoming depends on the day, so the engine picks them per search.
//
// Exactness: the same triggers keep them, widened to every column they show — offering updates
// of dates, mode, province, capacity, seats taken and registration close; provider renames,
// code, kind and accreditation changes; partner and competency rows — and a row is still only
// rewritten (its own changed_xid) when its content changed, so followers see exactly the changes.
import { type Kysely } from 'kysely';
import { runScript } from '../statements.ts';
import { CATALOG_SEARCH_OFFERING_UPDATED, CATALOG_SEARCH_REFRESH } from './0023_catalog_search.ts';

// The card as search-repository.ts `pageDetails` builds it from the tables (same expressions,
// same order of partners and competencies), without the parts read from catalog_search's own
// columns (category, form, JP, seats, accreditation end) or computed per day.
const CARD = `jsonb_build_object(
            'code', p.code, 'title_id', p.title_id, 'title_en', p.title_en,
            'description_id', left(p.description_id, 240), 'description_en', left(p.description_en, 240),
            'languages', p.languages, 'quality', p.quality::text,
            'accr_grade', p.accr_grade, 'accr_valid_from', p.accr_valid_from,
            'provider', (select jsonb_build_object('id', pr.id, 'code', pr.code, 'name', pr.name, 'kind', pr.kind, 'accr_valid_to', pr.accr_valid_to)
                           from provider pr where pr.id = p.provider_id),
            'partners', (select coalesce(jsonb_agg(jsonb_build_object('provider_id', x.id, 'code', x.code, 'name', x.name, 'roles', pp.roles) order by 'lead' = any(pp.roles) desc, x.name), '[]')
                           from programme_partner pp cross join lateral (select x.id, x.code, x.name from provider x where x.id = pp.provider_id) x where pp.programme_id = p.id),
            'competencies', (select coalesce(jsonb_agg(jsonb_build_object('code', c.competency_code, 'level_from', c.level_from, 'level_to', c.level_to) order by c.competency_code), '[]')
                           from programme_competency c where c.programme_id = p.id))`;

// [id, start, end, mode, province, seats left, registration closes] of each live offering, by start then id.
const OFFERINGS = `coalesce((select jsonb_agg(jsonb_build_array(o.id, o.start_date, o.end_date, o.mode, o.province_code,
              greatest(o.capacity - o.enrolled_count, 0), o.registration_closes) order by o.start_date, o.id)
            from offering o where o.programme_id = p.id and o.status in ('planned','open','closed','running')), '[]')`;

const REFRESH = `
    create or replace function catalog_search_refresh(p_ids integer[]) returns void language sql as $$
      with src as (
        select p.id, p.status = 'published' as published, p.category, p.learning_form, p.jp, p.quality, p.provider_kinds,
          p.competency_codes, p.partner_provider_ids, p.offering_modes, p.offering_provinces, p.seats_available, p.next_start,
          p.accr_valid_to,
          coalesce((select array_agg(distinct o.start_date order by o.start_date) from offering o
                     where o.programme_id = p.id and o.status in ('planned','open','closed','running')), '{}') as live_starts,
          p.search_vector, ${CARD} as card, ${OFFERINGS} as offerings
        from programme p where p.id = any(p_ids)
      ),
      upserted as (
        insert into catalog_search as c (programme_id, published, category, learning_form, jp, quality, provider_kinds, competency_codes,
          partner_provider_ids, offering_modes, offering_provinces, seats_available, next_start, accr_valid_to, live_starts, search_vector)
        select id, published, category, learning_form, jp, quality, provider_kinds, competency_codes, partner_provider_ids, offering_modes,
          offering_provinces, seats_available, next_start, accr_valid_to, live_starts, search_vector from src
        on conflict (programme_id) do update set
          published = excluded.published, category = excluded.category, learning_form = excluded.learning_form, jp = excluded.jp,
          quality = excluded.quality, provider_kinds = excluded.provider_kinds, competency_codes = excluded.competency_codes,
          partner_provider_ids = excluded.partner_provider_ids, offering_modes = excluded.offering_modes,
          offering_provinces = excluded.offering_provinces, seats_available = excluded.seats_available, next_start = excluded.next_start,
          accr_valid_to = excluded.accr_valid_to, live_starts = excluded.live_starts, search_vector = excluded.search_vector,
          changed_xid = pg_current_xact_id()
        where (c.published, c.category, c.learning_form, c.jp, c.quality, c.provider_kinds, c.competency_codes, c.partner_provider_ids,
               c.offering_modes, c.offering_provinces, c.seats_available, c.next_start, c.accr_valid_to, c.live_starts, c.search_vector)
          is distinct from
              (excluded.published, excluded.category, excluded.learning_form, excluded.jp, excluded.quality, excluded.provider_kinds,
               excluded.competency_codes, excluded.partner_provider_ids, excluded.offering_modes, excluded.offering_provinces,
               excluded.seats_available, excluded.next_start, excluded.accr_valid_to, excluded.live_starts, excluded.search_vector)
        returning c.programme_id
      ),
      carded as (
        insert into catalog_search_card as k (programme_id, card, offerings)
        select id, card, offerings from src
        on conflict (programme_id) do update set card = excluded.card, offerings = excluded.offerings, changed_xid = pg_current_xact_id()
        where (k.card, k.offerings) is distinct from (excluded.card, excluded.offerings)
        returning k.programme_id
      )
      update catalog_search c set published = false, changed_xid = pg_current_xact_id()
       where c.programme_id = any(p_ids) and c.published and not exists (select 1 from src where src.id = c.programme_id);
    $$;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    -- beside catalog_search, not in it: the text hits read catalog_search's rows, kept narrow
    create table catalog_search_card (
      programme_id integer primary key,  -- no foreign key, as catalog_search
      card jsonb not null,
      offerings jsonb not null,
      changed_xid xid8 not null default pg_current_xact_id()
    );
    create index catalog_search_card_changed on catalog_search_card (changed_xid);
    ${REFRESH}

    -- offering updates: also every column the result shows of an offering
    create or replace function catalog_search_offering_updated() returns trigger language plpgsql as $$
    begin
      perform catalog_search_refresh(array(
        select distinct n.programme_id from new_rows n join old_rows o on o.id = n.id
         where (n.programme_id, n.start_date, n.status, n.end_date, n.mode, n.province_code, n.capacity, n.enrolled_count, n.registration_closes)
               is distinct from (o.programme_id, o.start_date, o.status, o.end_date, o.mode, o.province_code, o.capacity, o.enrolled_count, o.registration_closes)
        union
        select o.programme_id from new_rows n join old_rows o on o.id = n.id
         where n.programme_id <> o.programme_id));
      return null;
    end $$;

    -- a provider shown on cards: as the programme's provider or as a partner
    create function catalog_search_provider_updated() returns trigger language plpgsql as $$
    begin
      perform catalog_search_refresh(array(
        with touched as (
          select n.id from new_rows n join old_rows o on o.id = n.id
           where (n.code, n.name, n.kind, n.accr_valid_to) is distinct from (o.code, o.name, o.kind, o.accr_valid_to))
        select p.id from programme p where p.provider_id in (select id from touched)
        union
        select pp.programme_id from programme_partner pp where pp.provider_id in (select id from touched)));
      return null;
    end $$;
    create trigger catalog_search_provider_update after update on provider
      referencing old table as old_rows new table as new_rows for each statement execute function catalog_search_provider_updated();

    -- partner and competency rows (insert, update, delete): the programmes they belong to, before and after
    create function catalog_search_programme_rows_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform catalog_search_refresh(array(select distinct programme_id from new_rows));
      elsif tg_op = 'DELETE' then
        perform catalog_search_refresh(array(select distinct programme_id from old_rows));
      else
        perform catalog_search_refresh(array(select programme_id from new_rows union select programme_id from old_rows));
      end if;
      return null;
    end $$;
    create trigger catalog_search_partner_insert after insert on programme_partner
      referencing new table as new_rows for each statement execute function catalog_search_programme_rows_changed();
    create trigger catalog_search_partner_update after update on programme_partner
      referencing old table as old_rows new table as new_rows for each statement execute function catalog_search_programme_rows_changed();
    create trigger catalog_search_partner_delete after delete on programme_partner
      referencing old table as old_rows for each statement execute function catalog_search_programme_rows_changed();
    create trigger catalog_search_competency_insert after insert on programme_competency
      referencing new table as new_rows for each statement execute function catalog_search_programme_rows_changed();
    create trigger catalog_search_competency_update after update on programme_competency
      referencing old table as old_rows new table as new_rows for each statement execute function catalog_search_programme_rows_changed();
    create trigger catalog_search_competency_delete after delete on programme_competency
      referencing old table as old_rows for each statement execute function catalog_search_programme_rows_changed();

    select catalog_search_refresh(array(select id from programme));
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    drop trigger catalog_search_provider_update on provider;
    drop trigger catalog_search_partner_insert on programme_partner;
    drop trigger catalog_search_partner_update on programme_partner;
    drop trigger catalog_search_partner_delete on programme_partner;
    drop trigger catalog_search_competency_insert on programme_competency;
    drop trigger catalog_search_competency_update on programme_competency;
    drop trigger catalog_search_competency_delete on programme_competency;
    drop function catalog_search_provider_updated(), catalog_search_programme_rows_changed();
    ${CATALOG_SEARCH_REFRESH.replace('create function', 'create or replace function')}
    ${CATALOG_SEARCH_OFFERING_UPDATED.replace('create function', 'create or replace function')}
    drop table catalog_search_card;
  `);
}
