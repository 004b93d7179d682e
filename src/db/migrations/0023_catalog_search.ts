// The catalogue search table: one narrow row per programme with what search filters, counts and
// sorts on (the programme's derived facet columns, the start dates of its live offerings, its
// search text) and the transaction that last changed it. Kept in step by triggers on programme
// and offering, so every writer is covered (services, seeds, the national generator, plain SQL);
// a row is only rewritten when its content changes. Programmes that are not published keep a
// row with published = false (a deleted programme too), so a reader that follows changes by
// `changed_xid` (search-index.ts) also learns of removals.
import { sql, type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

// The two functions migration 0035 replaces (its down() puts these back).
export const CATALOG_SEARCH_REFRESH = `
    create function catalog_search_refresh(p_ids integer[]) returns void language sql as $$
      with src as (
        select p.id, p.status = 'published' as published, p.category, p.learning_form, p.jp, p.quality, p.provider_kinds,
          p.competency_codes, p.partner_provider_ids, p.offering_modes, p.offering_provinces, p.seats_available, p.next_start,
          p.accr_valid_to,
          coalesce((select array_agg(distinct o.start_date order by o.start_date) from offering o
                     where o.programme_id = p.id and o.status in ('planned','open','closed','running')), '{}') as live_starts,
          p.search_vector
        from programme p where p.id = any(p_ids)
      ),
      upserted as (
        insert into catalog_search as c (programme_id, published, category, learning_form, jp, quality, provider_kinds, competency_codes,
          partner_provider_ids, offering_modes, offering_provinces, seats_available, next_start, accr_valid_to, live_starts, search_vector)
        select * from src
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
      )
      update catalog_search c set published = false, changed_xid = pg_current_xact_id()
       where c.programme_id = any(p_ids) and c.published and not exists (select 1 from src where src.id = c.programme_id);
    $$;`;

export const CATALOG_SEARCH_OFFERING_UPDATED = `
    create function catalog_search_offering_updated() returns trigger language plpgsql as $$
    begin
      perform catalog_search_refresh(array(
        select distinct n.programme_id from new_rows n join old_rows o on o.id = n.id
         where n.programme_id <> o.programme_id or n.start_date <> o.start_date or n.status <> o.status
        union
        select o.programme_id from new_rows n join old_rows o on o.id = n.id
         where n.programme_id <> o.programme_id));
      return null;
    end $$;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table catalog_search (
      programme_id integer primary key,  -- no foreign key: the row outlives a deleted programme as a tombstone
      published boolean not null,
      category text not null,
      learning_form text not null,
      jp integer not null,
      quality numeric(3,2),
      provider_kinds text[] not null,
      competency_codes text[] not null,
      partner_provider_ids integer[] not null,
      offering_modes text[] not null,
      offering_provinces text[] not null,
      seats_available integer not null,
      next_start date,
      accr_valid_to date,
      -- start dates of the live (planned, open, closed, running) offerings, past ones too: the date-range filter
      live_starts date[] not null,
      search_vector tsvector not null,
      changed_xid xid8 not null default pg_current_xact_id()
    );
    create index catalog_search_text on catalog_search using gin (search_vector) where published;
    create index catalog_search_changed on catalog_search (changed_xid);
    -- the catalogue worker's look-up of programmes whose next offering has started (worker.ts)
    create index programme_next_start on programme (next_start);

    ${CATALOG_SEARCH_REFRESH}

    create function catalog_search_programme_changed() returns trigger language plpgsql as $$
    begin
      perform catalog_search_refresh(array(select distinct r.id from changed_rows r));
      return null;
    end $$;
    create trigger catalog_search_programme_insert after insert on programme
      referencing new table as changed_rows for each statement execute function catalog_search_programme_changed();
    create trigger catalog_search_programme_update after update on programme
      referencing new table as changed_rows for each statement execute function catalog_search_programme_changed();
    create trigger catalog_search_programme_delete after delete on programme
      referencing old table as changed_rows for each statement execute function catalog_search_programme_changed();

    create function catalog_search_offering_changed() returns trigger language plpgsql as $$
    begin
      perform catalog_search_refresh(array(select distinct r.programme_id from changed_rows r));
      return null;
    end $$;
    ${CATALOG_SEARCH_OFFERING_UPDATED}
    create trigger catalog_search_offering_insert after insert on offering
      referencing new table as changed_rows for each statement execute function catalog_search_offering_changed();
    create trigger catalog_search_offering_update after update on offering
      referencing old table as old_rows new table as new_rows for each statement execute function catalog_search_offering_updated();
    create trigger catalog_search_offering_delete after delete on offering
      referencing old table as changed_rows for each statement execute function catalog_search_offering_changed();

    select catalog_search_refresh(array(select id from programme));
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    drop trigger catalog_search_programme_insert on programme;
    drop trigger catalog_search_programme_update on programme;
    drop trigger catalog_search_programme_delete on programme;
    drop trigger catalog_search_offering_insert on offering;
    drop trigger catalog_search_offering_update on offering;
    drop trigger catalog_search_offering_delete on offering;
    drop index programme_next_start;
    drop function catalog_search_programme_changed(), catalog_search_offering_changed(), catalog_search_offering_updated(), catalog_search_refresh(integer[]);
  `);
  await sql`drop table catalog_search`.execute(db);
}
