// Migration 0036 keeps notifications written before it readable in each language: a body that
// held "Indonesian / English" is split into body and body_en; anything else is left as it was.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { down, up } from '../src/db/migrations/0036_notification_english.ts';
import { backends, createTestDatabase, type TestDatabase } from './helpers.ts';

for (const kind of backends()) {
  describe(`notification languages, migration 0036 (${kind})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(kind);
    });
    after(() => t.drop());

    test('old bilingual bodies are split; one-language and many-slash bodies stay whole; down joins them again', async () => {
      // migrations take an untyped handle (they run before the schema types hold)
      const db = t.database.db as unknown as Kysely<unknown>;
      await down(db);
      await sql`insert into user_account (email, display_name) values ('baca@kembang.test', 'Pembaca')`.execute(db);
      const rows = [
        ['Terdaftar: O-1', 'Anda terdaftar di O-1. / You are enrolled in O-1.'],
        ['Tidak lulus: P', 'O-2: attendance 60% below 80%'],
        ['Catatan', 'a / b / c'],
      ];
      for (const [title, body] of rows) await sql`insert into notification (recipient_user_id, kind, title, body) select id, 'x', ${title}, ${body} from user_account limit 1`.execute(db);
      await up(db);
      const after = await sql<{ title: string; body: string; title_en: string | null; body_en: string | null }>`select title, body, title_en, body_en from notification order by id`.execute(db);
      assert.deepEqual(after.rows, [
        { title: 'Terdaftar: O-1', body: 'Anda terdaftar di O-1.', title_en: null, body_en: 'You are enrolled in O-1.' },
        { title: 'Tidak lulus: P', body: 'O-2: attendance 60% below 80%', title_en: null, body_en: null },
        { title: 'Catatan', body: 'a / b / c', title_en: null, body_en: null },
      ]);
      await down(db);
      const joined = await sql<{ body: string }>`select body from notification order by id`.execute(db);
      assert.deepEqual(joined.rows.map((r) => r.body), rows.map(([, body]) => body));
      await up(db);
    });
  });
}
