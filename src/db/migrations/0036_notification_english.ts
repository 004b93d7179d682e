// Notifications in both languages: `title` and `body` stay Indonesian, `title_en` and `body_en`
// hold the English text (notification-text.ts writes both). Earlier rows carried both languages
// in one body, "Indonesian / English": split where that separator occurs exactly once; their
// titles were Indonesian only (English readers see them as they were, through the fallback).
import { type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    alter table notification add column title_en text, add column body_en text;
    update notification
       set body_en = split_part(body, ' / ', 2), body = split_part(body, ' / ', 1)
     where body like '% / %' and body not like '% / % / %';
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    update notification set body = body || ' / ' || body_en where body_en is not null;
    alter table notification drop column title_en, drop column body_en;
  `);
}
