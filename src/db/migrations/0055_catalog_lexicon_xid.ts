// The transaction that added each catalogue word (catalog_lexicon, migration 0005), so the
// in-process search engine (search-index.ts) learns in its sync — two index look-ups, as for
// catalog_search.changed_xid — whether the word list grew since its previous snapshot, and can
// keep the typo suggestions it looked up (nearest words by trigram similarity) until it does.
// Words are never removed, so additions are the only change to detect.
import { type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    alter table catalog_lexicon add column added_xid xid8 not null default pg_current_xact_id();
    create index catalog_lexicon_added_xid on catalog_lexicon (added_xid);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    drop index catalog_lexicon_added_xid;
    alter table catalog_lexicon drop column added_xid;
  `);
}
