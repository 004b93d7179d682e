// The in-process search engine (search-index.ts) over catalog_search (migration 0023) against
// the SQL search it replaced (search-repository.ts `search`, reading programme directly): the
// same answers on a generated catalogue for many searches, before and after writes of every
// kind; the table equal to a derivation from programme and offering after each write; writes
// through another connection seen by the next search; and the catalogue worker's refresh of
// programmes whose next offering has started. The engine's result cards (search-cards.ts, from
// catalog_search.card/offerings, migration 0035) equal search-repository.ts `pageDetails` read
// from the tables, for every published programme, after every kind of write they show.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.ts';
import { generateNationalCatalogue } from '../src/modules/catalog/national.ts';
import { SearchIndex } from '../src/modules/catalog/search-index.ts';
import * as searchRepo from '../src/modules/catalog/search-repository.ts';
import { expandWords, expandWordsWith, queryWords } from '../src/modules/catalog/search-service.ts';
import { refreshProgrammes } from '../src/modules/catalog/summary.ts';
import { refreshStartedOfferings } from '../src/modules/catalog/worker.ts';
import { createRandom } from '../src/seed/random.ts';
import { backends, createTestDatabase, testConfig, type TestDatabase } from './helpers.ts';

const WORDS = ['kepemimpinan', 'keuangan', 'pengadaan', 'kebijakan', 'data', 'audit', 'leadership', 'budgeting', 'kepemimpnan', 'pengadan', 'pelatihan', 'digital', 'qqxzzv', 'np', 'arsip'];

for (const kind of backends()) {
  describe(`catalogue search engine (${kind})`, () => {
    let test_: TestDatabase;
    let db: Database['db'];
    let index: SearchIndex;
    const rng = createRandom(11);
    let values: { providers: number[]; competencies: string[]; provinces: string[] };

    before(async () => {
      test_ = await createTestDatabase(kind);
      db = test_.database.db;
      await generateNationalCatalogue(db, { programmes: 240, offerings: 1800, providers: 24, seed: 5 });
      // ties on quality and no quality at all, so every tie-break of the sort is exercised
      await sql`update programme set quality = case when id % 5 = 0 then null else round((id % 4) * 1.25, 2) end`.execute(db);
      index = new SearchIndex(db);
      const c = (await sql<{ providers: number[]; competencies: string[]; provinces: string[] }>`
        select (select array_agg(id) from provider) as providers,
               (select array_agg(distinct x) from programme, unnest(competency_codes) x) as competencies,
               (select array_agg(distinct x) from programme, unnest(offering_provinces) x) as provinces`.execute(db)).rows[0];
      values = c;
    });
    after(() => test_?.drop());

    const some = <T>(items: T[], n = rng.int(1, 2)) => Array.from({ length: n }, () => rng.pick(items));
    function randomSearch(): { text: string | null; filters: searchRepo.SearchFilters; sort: searchRepo.SearchSort; limit: number; offset: number } {
      const f: searchRepo.SearchFilters = {};
      if (rng.next() < 0.3) f.competency = some([...values.competencies, 'T.NONE.1']);
      if (rng.next() < 0.3) f.category = some(['technical', 'functional', 'managerial', 'pkp', 'pka', 'latsar']);
      if (rng.next() < 0.3) f.form = some(['course', 'e_learning', 'workshop', 'coaching', 'seminar']);
      if (rng.next() < 0.2) f.providerKind = some(['government_institution', 'university', 'private_company']);
      if (rng.next() < 0.15) f.provider = some(values.providers);
      if (rng.next() < 0.25) f.accreditation = some(['valid', 'expiring', 'expired', 'none']);
      if (rng.next() < 0.2) f.jpMin = rng.int(0, 40);
      if (rng.next() < 0.2) f.jpMax = rng.int(40, 300);
      if (rng.next() < 0.25) f.delivery = some(['online', 'offline'] as const);
      if (rng.next() < 0.25) f.province = some(values.provinces);
      if (rng.next() < 0.15) f.startFrom = `202${rng.int(5, 7)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
      if (rng.next() < 0.15) f.startTo = `202${rng.int(6, 8)}-0${rng.int(1, 9)}-2${rng.int(0, 8)}`;
      if (rng.next() < 0.2) f.seatsAvailable = true;
      const text = rng.next() < 0.5 ? some(WORDS).join(' ') : null;
      const sort = rng.pick(['relevance', 'start', 'quality'] as const);
      const limit = rng.pick([5, 20, 50]);
      return { text, filters: f, sort, limit, offset: limit * rng.pick([0, 0, 1, 3, 40]) };
    }

    /** `run` with a second connection to the test database (PostgreSQL); PGlite has one, so the same handle. */
    async function throughAnother(run: (other: Database) => Promise<void>) {
      const other: Database = kind === 'postgres' ? await openDatabase({ url: test_.url!, poolSize: 2 }) : test_.database;
      try {
        await run(other);
      } finally {
        if (other !== test_.database) await other.close();
      }
    }

    async function compare(n: number) {
      for (let i = 0; i < n; i++) {
        const s = randomSearch();
        const terms = s.text ? (await expandWords({ db, config: testConfig() } as Parameters<typeof expandWords>[0], queryWords(s.text))).filter((t) => t.matched.length > 0) : [];
        if (s.text && terms.length === 0) continue; // answered without a search
        const tsquery = terms.length ? searchRepo.tsqueryOf(terms.map((t) => t.matched)) : null;
        const expected = await searchRepo.search(db, { tsquery, ...s });
        // the engine's own path: text hits held per query while nothing changes (so later steps check they are dropped after writes)
        const hits = tsquery ? await index.freshHits(JSON.stringify(terms.map((t) => t.matched)), () => searchRepo.textHits(db, tsquery)) : (await index.fresh(), null);
        const actual = index.search({ hits, ...s });
        assert.deepEqual(actual, expected, JSON.stringify(s));
        const ids = actual.page.map(([id]) => id);
        assert.deepEqual(index.details(ids), await searchRepo.pageDetails(db, ids), `details of ${JSON.stringify(s)}`);
      }
    }

    /** The engine's card of every published programme equals the page details read from the tables. */
    async function assertCardsExact() {
      await index.fresh();
      const ids = (await db.selectFrom('programme').select('id').where('status', '=', 'published').orderBy('id').execute()).map((r) => r.id);
      assert.ok(ids.length > 100);
      for (let i = 0; i < ids.length; i += 50) {
        const page = ids.slice(i, i + 50);
        assert.deepEqual(index.details(page), await searchRepo.pageDetails(db, page));
      }
    }

    /** catalog_search as a derivation from programme and offering would have it. */
    async function assertTableInStep() {
      const { rows } = await sql<{ n: number }>`
        with expected as (
          select p.id, p.status = 'published' as published, p.category, p.learning_form, p.jp, p.quality, p.provider_kinds, p.competency_codes,
            p.partner_provider_ids, p.offering_modes, p.offering_provinces, p.seats_available, p.next_start, p.accr_valid_to,
            coalesce((select array_agg(distinct o.start_date order by o.start_date) from offering o where o.programme_id = p.id and o.status in ('planned','open','closed','running')), '{}') as live_starts,
            p.search_vector
          from programme p),
        actual as (
          select programme_id, published, category, learning_form, jp, quality, provider_kinds, competency_codes, partner_provider_ids,
            offering_modes, offering_provinces, seats_available, next_start, accr_valid_to, live_starts, search_vector from catalog_search
          -- a deleted programme's row stays, unpublished, as a tombstone
          where published or exists (select 1 from programme p where p.id = programme_id))
        select count(*)::int as n from ((select * from expected except select * from actual) union all (select * from actual except select * from expected)) d`.execute(db);
      assert.equal(rows[0].n, 0, 'catalog_search differs from programme/offering');
    }

    test('answers exactly what the SQL search answers', async () => {
      await assertTableInStep();
      await compare(120);
      await assertCardsExact();
    });

    test('result cards stay exact after provider, partner, competency, programme and offering writes', async () => {
      const ids = (await db.selectFrom('programme').select('id').where('status', '=', 'published').orderBy('id').execute()).map((r) => r.id);
      const card = async (id: number) => {
        await index.fresh();
        return index.details([id])[0];
      };
      const p = ids[3];
      const before_ = await card(p);
      // the programme's provider renamed and its accreditation ending tomorrow (plain SQL: the triggers cover every writer)
      await sql`update provider set name = name || ' (baru)', accr_valid_to = (now() at time zone 'Asia/Jakarta')::date + 1 where id = ${before_.provider.id}`.execute(db);
      const renamed = await card(p);
      assert.equal(renamed.provider.name, `${before_.provider.name} (baru)`);
      assert.equal(renamed.provider.accreditation_status, 'expiring');
      await assertCardsExact();
      // a partner renamed so it sorts first among the non-leads, one partner's roles changed, one added, one removed
      const partner = (await sql<{ provider_id: number; programme_id: number }>`
        select provider_id, programme_id from programme_partner where not ('lead' = any(roles)) and programme_id = any(${ids}::int[]) order by programme_id limit 1`.execute(db)).rows[0];
      await sql`update provider set name = 'AAA ' || name, code = code || '-X' where id = ${partner.provider_id}`.execute(db);
      await sql`update programme_partner set roles = array['content','host'] where programme_id = ${partner.programme_id} and provider_id = ${partner.provider_id}`.execute(db);
      const outsider = (await sql<{ id: number }>`select id from provider where id not in (select provider_id from programme_partner where programme_id = ${ids[5]}) order by id limit 1`.execute(db)).rows[0];
      await sql`insert into programme_partner (programme_id, provider_id, roles) values (${ids[5]}, ${outsider.id}, array['faculty'])`.execute(db);
      await sql`delete from programme_partner where programme_id = ${ids[6]} and not ('lead' = any(roles))`.execute(db);
      assert.ok((await card(ids[5])).partners.some((x) => x.provider_id === outsider.id), 'added partner');
      await assertCardsExact();
      // competencies: a level range changed, one added, one removed
      const comp = (await sql<{ competency_code: string }>`select competency_code from programme_competency where programme_id = ${ids[7]} limit 1`.execute(db)).rows[0];
      await sql`update programme_competency set level_from = 1, level_to = 5 where programme_id = ${ids[7]} and competency_code = ${comp.competency_code}`.execute(db);
      await sql`insert into programme_competency (programme_id, competency_code, level_from, level_to) values (${ids[8]}, 'T.ZZZ.999', 2, 3) on conflict do nothing`.execute(db);
      await sql`delete from programme_competency where programme_id = ${ids[9]} and competency_code = (select min(competency_code) from programme_competency where programme_id = ${ids[9]})`.execute(db);
      assert.ok((await card(ids[7])).competencies.some((c) => c.code === comp.competency_code && c.level_from === 1 && c.level_to === 5));
      await assertCardsExact();
      // the programme's own text, languages and accreditation grade
      await sql`update programme set title_id = title_id || ' lanjutan', description_en = 'A new summary', languages = array['en'], accr_grade = 'B' where id = ${ids[10]}`.execute(db);
      assert.equal((await card(ids[10])).description_en, 'A new summary');
      // offerings: seats taken and capacity (no summary refresh), registration close, mode and province, end date; one added
      const [o1, o2, o3] = (await sql<{ id: number }>`
        select o.id from offering o where o.programme_id = any(${ids}::int[]) and o.status in ('planned','open') and o.start_date > (now() at time zone 'Asia/Jakarta')::date
        order by o.programme_id, o.start_date, o.id limit 3`.execute(db)).rows;
      await sql`update offering set enrolled_count = least(capacity, enrolled_count + 1), capacity = capacity + 2 where id = ${o1.id}`.execute(db);
      await sql`update offering set registration_closes = registration_closes - 1, mode = 'online', online_url = 'https://belajar.example.id/kelas', province_code = null where id = ${o2.id}`.execute(db);
      await sql`update offering set end_date = end_date + 1 where id = ${o3.id}`.execute(db);
      await sql`insert into offering (programme_id, code, start_date, end_date, registration_opens, registration_closes, capacity, mode, province_code, status)
                select programme_id, code || '-B', start_date, end_date, registration_opens, registration_closes, 9, 'offline', '31', 'open' from offering where id = ${o1.id}`.execute(db);
      await assertCardsExact();
      await assertTableInStep();
      await compare(20);
    });

    test('stays in step with publishing, archiving, seats, accreditation and plain SQL writes', async () => {
      const ids = (await db.selectFrom('programme').select('id').where('status', '=', 'published').orderBy('id').execute()).map((r) => r.id);
      // archive some, publish a draft
      await db.updateTable('programme').set({ status: 'archived' }).where('id', 'in', ids.slice(0, 15)).execute();
      const draft = await db.selectFrom('programme').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
      await db.updateTable('programme').set({ status: 'published' }).where('id', '=', draft.id).execute();
      // seats: fill some offerings, raise capacity of others, as learning and the catalogue do (refresh in the same transaction)
      await db.transaction().execute(async (tx) => {
        const offers = await tx.selectFrom('offering').select(['id', 'programme_id', 'capacity']).where('programme_id', 'in', ids.slice(20, 60)).execute();
        for (const o of offers.slice(0, 40)) await tx.updateTable('offering').set({ enrolled_count: o.capacity }).where('id', '=', o.id).execute();
        for (const o of offers.slice(40, 60)) await tx.updateTable('offering').set({ capacity: o.capacity + 7 }).where('id', '=', o.id).execute();
        await refreshProgrammes(tx, [...new Set(offers.map((o) => o.programme_id))]);
      });
      // an offering cancelled and one moved (the date-range filter reads live start dates)
      const [a, b] = await db.selectFrom('offering').select(['id']).where('programme_id', 'in', ids.slice(60, 70)).limit(2).execute();
      await db.updateTable('offering').set({ status: 'cancelled' }).where('id', '=', a.id).execute();
      await sql`update offering set start_date = start_date + 3, end_date = end_date + 3 where id = ${b.id}`.execute(db);
      // accreditation: one expired yesterday, one expiring in 10 days, one removed (plain SQL on the derived columns)
      await sql`update programme set accr_valid_to = (now() at time zone 'Asia/Jakarta')::date - 1 where id = ${ids[80]}`.execute(db);
      await sql`update programme set accr_valid_to = (now() at time zone 'Asia/Jakarta')::date + 10 where id = ${ids[81]}`.execute(db);
      await sql`update programme set accr_valid_to = null where id = ${ids[82]}`.execute(db);
      await assertTableInStep();
      await compare(80);
      const expired = index.search({ hits: null, filters: { accreditation: ['expired'] }, sort: 'relevance', limit: 50, offset: 0 });
      assert.ok(expired.page.some(([id]) => id === ids[80]), 'expired yesterday');
      const archived = index.search({ hits: null, filters: {}, sort: 'relevance', limit: 50, offset: 0 });
      assert.equal(archived.total, ids.length - 15 + 1);
      // a deleted programme leaves the index (its row stays as a tombstone)
      const doomed = ids[90];
      await sql`delete from programme_accreditation where programme_id = ${doomed}`.execute(db);
      await sql`delete from programme_prerequisite where prerequisite_id = ${doomed}`.execute(db);
      await sql`delete from offering_quota where offering_id in (select id from offering where programme_id = ${doomed})`.execute(db);
      await sql`delete from offering_session where offering_id in (select id from offering where programme_id = ${doomed})`.execute(db);
      await sql`delete from offering where programme_id = ${doomed}`.execute(db);
      await sql`delete from programme where id = ${doomed}`.execute(db);
      await index.fresh();
      assert.equal(index.search({ hits: null, filters: {}, sort: 'relevance', limit: 50, offset: 0 }).total, ids.length - 15);
      await compare(20);
    });

    test('a write committed through another connection is in the next search', async () => {
      await throughAnother(async (other) => {
        const before_ = index.search({ hits: null, filters: { category: ['pkp'] }, sort: 'relevance', limit: 5, offset: 0 });
        await index.fresh();
        const n = before_.total;
        const target = await db.selectFrom('programme').select('id').where('status', '=', 'published').where('category', '<>', 'pkp').executeTakeFirstOrThrow();
        await other.db.updateTable('programme').set({ category: 'pkp' }).where('id', '=', target.id).execute();
        await index.fresh();
        assert.equal(index.search({ hits: null, filters: { category: ['pkp'] }, sort: 'relevance', limit: 5, offset: 0 }).total, n + 1);
        await compare(10);
      });
    });

    test('text hits are held while no text changes and read again after a text write, through any connection', async () => {
      await throughAnother(async (other) => {
        let reads = 0;
        const tsquery = searchRepo.tsqueryOf([['zebrakorn']]);
        const hitsOf = () =>
          index.freshHits('["zebrakorn"]', () => {
            reads++;
            return searchRepo.textHits(db, tsquery);
          });
        assert.deepEqual(await hitsOf(), { ids: [], scores: [] });
        assert.deepEqual(await hitsOf(), { ids: [], scores: [] });
        assert.equal(reads, 1, 'nothing changed: the hits were held');
        const target = await db.selectFrom('programme').select(['id', 'jp']).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
        await other.db.updateTable('programme').set({ title_id: sql<string>`title_id || ' zebrakorn'` }).where('id', '=', target.id).execute();
        const found = await hitsOf();
        assert.deepEqual(found.ids, [target.id], 'the text write committed before the search is in its hits');
        assert.equal(reads, 2);
        assert.deepEqual(await hitsOf(), found);
        assert.equal(reads, 2);
        // writes that do not change any text (JP, seats) keep them: still exact, and the engine has the writes
        await sql`update programme set jp = ${target.jp + 1} where id = ${target.id}`.execute(other.db);
        await sql`update offering set capacity = capacity + 5 where programme_id = ${target.id}`.execute(other.db);
        const held = await hitsOf();
        assert.deepEqual(held, found);
        assert.equal(reads, 2, 'no text changed: the hits were held');
        const r = index.search({ hits: held, filters: { jpMin: target.jp + 1, jpMax: target.jp + 1 }, sort: 'relevance', limit: 5, offset: 0 });
        assert.deepEqual(r.page.map(([id]) => id), [target.id], 'the JP write is in the engine');
        // concurrent searches for the same text share one read
        const many = await Promise.all([hitsOf(), hitsOf(), hitsOf()]);
        for (const h of many) assert.deepEqual(h, found);
        assert.equal(reads, 2);
        // another programme's text changed: read again
        await other.db.updateTable('programme').set({ title_en: 'Zebrakorn for beginners' }).where('id', '=', target.id + 1).execute();
        const two = await hitsOf();
        assert.equal(reads, 3);
        assert.deepEqual([...two.ids].sort((a, b) => a - b), [target.id, target.id + 1].sort((a, b) => a - b));
        await other.db.updateTable('programme').set({ status: 'archived' }).where('id', 'in', [target.id, target.id + 1]).execute();
        assert.deepEqual(await hitsOf(), { ids: [], scores: [] }, 'archived: no longer hits');
        assert.equal(reads, 4);
        await compare(10);
      });
    });

    test('typo suggestions are held until the word list grows, through any connection', async () => {
      await throughAnother(async (other) => {
        const deps = { db, config: testConfig() } as Parameters<typeof expandWords>[0];
        let reads = 0;
        const expand = (words: string[]) =>
          index.freshWords(words.join(' '), () => {
            reads++;
            return expandWordsWith(deps, words);
          });
        const typo = ['kepemimpnan'];
        const first = await expand(typo);
        assert.deepEqual(first, await expandWords(deps, typo));
        assert.ok(first[0].matched.length > 1, 'suggestions found');
        assert.notEqual(first[0].matched[1], 'kepemimpnan');
        assert.deepEqual(await expand(typo), first);
        assert.equal(reads, 1, 'the word list did not grow: held');
        // a programme write that adds no word keeps them
        await sql`update programme set jp = jp + 1 where id = (select min(id) from programme where status = 'published')`.execute(other.db);
        assert.deepEqual(await expand(typo), first);
        assert.equal(reads, 1);
        // the word list grows (through another connection): looked up again, and now the word is itself
        await sql`insert into catalog_lexicon (word) values ('kepemimpnan') on conflict do nothing`.execute(other.db);
        const now = await expand(typo);
        assert.equal(reads, 2);
        assert.deepEqual(now, [{ term: 'kepemimpnan', matched: ['kepemimpnan'] }]);
        assert.deepEqual(now, await expandWords(deps, typo));
        // a word nothing resembles is checked against the catalogue's texts: never held
        const lonely = ['qqxzzv'];
        assert.deepEqual(await expand(lonely), [{ term: 'qqxzzv', matched: [] }]);
        await expand(lonely);
        assert.equal(reads, 4);
      });
    });

    test('stays exact through many small writes between searches (rows written into the columns in place)', async () => {
      const ids = (await db.selectFrom('programme').select('id').where('status', '=', 'published').orderBy('id').execute()).map((r) => r.id);
      for (let round = 0; round < 8; round++) {
        const p = ids[40 + round * 7];
        // seats taken with the summary refreshed (seats available), as enrolments do
        await db.transaction().execute(async (tx) => {
          await sql`update offering set enrolled_count = least(capacity, enrolled_count + 3) where programme_id = ${p} and status in ('planned','open')`.execute(tx);
          await refreshProgrammes(tx, [p]);
        });
        // category, JP and accreditation end: scalar columns, same place in every order
        await sql`update programme set category = ${rng.pick(['technical', 'functional', 'managerial'])}, jp = jp + ${round + 1}::int,
                    accr_valid_to = (now() at time zone 'Asia/Jakarta')::date + ${rng.int(-5, 200)}::int where id = ${ids[41 + round * 7]}`.execute(db);
        // a competency code replaced by another (same number of values)
        await sql`update programme_competency set competency_code = ${rng.pick(values.competencies)}
                    where programme_id = ${ids[42 + round * 7]} and competency_code = (select min(competency_code) from programme_competency where programme_id = ${ids[42 + round * 7]})
                      and not exists (select 1 from programme_competency x where x.programme_id = ${ids[42 + round * 7]} and x.competency_code = ${rng.pick(values.competencies)})`.execute(db);
        await refreshProgrammes(db, [ids[42 + round * 7]]);
        // and one that moves it in the orders (quality), so the columns are made again
        if (round % 3 === 0) await sql`update programme set quality = ${(round % 5) + 0.5}::numeric where id = ${ids[43 + round * 7]}`.execute(db);
        await compare(6);
      }
      await assertTableInStep();
      await assertCardsExact();
    });

    test('the catalogue worker refreshes programmes whose next offering has started', async () => {
      // A programme with two upcoming offerings; then "a few days pass": its earliest offering's
      // dates move into the past without any refresh, so the stored summary is stale.
      const p = (await sql<{ id: number }>`
        select p.id from programme p where p.status = 'published'
          and (select count(*) from offering o where o.programme_id = p.id and o.status in ('planned','open') and o.start_date > (now() at time zone 'Asia/Jakarta')::date + 5) >= 2
        order by p.id limit 1`.execute(db)).rows[0].id;
      await db.transaction().execute(async (tx) => {
        await sql`update offering set status = 'cancelled' where programme_id = ${p} and start_date <= (now() at time zone 'Asia/Jakarta')::date + 5`.execute(tx);
        await sql`update offering set enrolled_count = 0 where programme_id = ${p}`.execute(tx);
        await refreshProgrammes(tx, [p]);
      });
      const first = (await sql<{ id: number; start_date: string }>`select id, start_date from offering where programme_id = ${p} and status in ('planned','open') order by start_date, id limit 1`.execute(db)).rows[0];
      const stale = await db.selectFrom('programme').select(['next_start', 'seats_available']).where('id', '=', p).executeTakeFirstOrThrow();
      assert.equal(stale.next_start, first.start_date);
      await sql`update offering set registration_opens = (now() at time zone 'Asia/Jakarta')::date - 30, registration_closes = (now() at time zone 'Asia/Jakarta')::date - 3,
                  start_date = (now() at time zone 'Asia/Jakarta')::date - 2, end_date = (now() at time zone 'Asia/Jakarta')::date - 1 where id = ${first.id}`.execute(db);
      assert.equal((await db.selectFrom('programme').select('next_start').where('id', '=', p).executeTakeFirstOrThrow()).next_start, first.start_date, 'no write refreshed it');
      // the summary as the last refresh, two days ago, left it: that offering was next and counted its seats
      await sql`update programme set next_start = (now() at time zone 'Asia/Jakarta')::date - 2 where id = ${p}`.execute(db);
      await index.fresh();
      const before_ = index.search({ hits: null, filters: { seatsAvailable: true }, sort: 'start', limit: 50, offset: 0 });
      assert.equal(before_.page[0][0], p, 'sorted first by its stale next start');

      assert.ok((await refreshStartedOfferings(db)) >= 1);
      const fresh = await db.selectFrom('programme').select(['next_start', 'seats_available']).where('id', '=', p).executeTakeFirstOrThrow();
      const truth = (await sql<{ next_start: string | null; seats: number }>`
        select min(start_date) filter (where status in ('planned','open','closed','running')) as next_start,
               coalesce(sum(greatest(capacity - enrolled_count, 0)) filter (where status in ('planned','open')), 0)::int as seats
        from offering where programme_id = ${p} and start_date >= (now() at time zone 'Asia/Jakarta')::date`.execute(db)).rows[0];
      assert.equal(fresh.next_start, truth.next_start);
      assert.equal(fresh.seats_available, truth.seats);
      assert.ok(fresh.next_start! > first.start_date || fresh.next_start === null);
      assert.notEqual(fresh.seats_available, stale.seats_available, 'the started offering no longer counts');
      // nothing stale is left, and the engine answers from the refreshed rows
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from programme where next_start < (now() at time zone 'Asia/Jakarta')::date`.execute(db)).rows[0].n, 0);
      assert.equal(await refreshStartedOfferings(db), 0);
      await index.fresh();
      const after_ = index.search({ hits: null, filters: { seatsAvailable: true }, sort: 'start', limit: 50, offset: 0 });
      assert.notEqual(after_.page[0][0], p);
      await assertTableInStep();
      await compare(20);
    });
  });
}
