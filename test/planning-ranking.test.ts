// The fast first stage of the recommendations (src/modules/planning/ranking.ts: no per-candidate
// allocations, joinable offerings worked out once per index version and day) gives exactly what
// the straightforward algorithm gives (test/planning-oracle.ts): whole answers for the people of
// the demo set against a generated catalogue, many made-up gap profiles, and both again after
// catalogue writes that change what is joinable (dates, place, capacity, ranges, archiving); and
// with full cohorts, the seats read in rounds choose what reading all six at once chooses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Actor } from '../src/http/actor.ts';
import { generateNationalCatalogue } from '../src/modules/catalog/national.ts';
import { provisionalTop, type RankingInput } from '../src/modules/planning/ranking.ts';
import { currentYear, recommendationsFor, seatsByRounds, type RecommendQuery } from '../src/modules/planning/recommend-service.ts';
import { supplyIndex } from '../src/modules/planning/supply-index.ts';
import { profileWithPlacement } from '../src/modules/competency/service.ts';
import { learnerFacts, learnerFactsExtra, learnerFactsOf, type LearnerFacts } from '../src/modules/learning/planning-facts.ts';
import { createRandom } from '../src/seed/random.ts';
import { todayJakarta } from '../src/modules/catalog/rules.ts';
import { RANKS } from '../src/modules/catalog/vocab.ts';
import { backends, createTestApp, type TestApp } from './helpers.ts';
import { referenceSeats, referenceTop } from './planning-oracle.ts';

process.env.PLANNING_SUPPLY_POLL_MS = '0';

const NATIONAL: Actor = { type: 'user', id: 'ranking-test', label: 'ranking test', grants: [{ role: 'national_admin', scopeType: 'national', scopeId: null }], civilServantId: null };

for (const kind of backends()) {
  describe(`recommendation ranking = the straightforward algorithm (${kind})`, () => {
    let t: TestApp;
    let people: number[];
    const deps = () => ({ db: t.database.db, config: t.config });
    // A request may join a refresh already under way (the planning worker's, say), whose snapshot
    // can predate the last write; the second call starts a refresh of its own, after the writes.
    const settledIndex = async () => (await supplyIndex(deps()), supplyIndex(deps()));

    before(async () => {
      t = await createTestApp(kind);
      await generateNationalCatalogue(t.database.db, { providers: 20, programmes: 200, offerings: 1600, seed: 77 });
      await settledIndex();
      people = (await t.database.db.selectFrom('civil_servant').select('id').where('position_id', 'is not', null).orderBy('id').limit(30).execute()).map((r) => Number(r.id));
    });
    after(() => t?.close());

    const queries = (): RecommendQuery[] => [
      { limit: 10, location: 'near', lang: 'id' },
      { limit: 25, location: 'any', lang: 'en' },
      { limit: 50, location: 'near', lang: 'id', year: currentYear() + 1 },
    ];

    /** Every answer for the sample people, fast path and reference; returns how many items were compared. */
    async function compareAnswers(): Promise<number> {
      let items = 0;
      for (const id of people) {
        for (const q of queries()) {
          const fast = await recommendationsFor(deps(), NATIONAL, id, q);
          const reference = await recommendationsFor(deps(), NATIONAL, id, q, referenceTop, referenceSeats);
          assert.deepEqual(fast, reference, `person ${id}, ${JSON.stringify(q)}`);
          items += fast.items.length;
        }
      }
      return items;
    }

    /** Made-up people: gaps over the catalogue's competencies, history, rank, tier, place, year, location. */
    async function compareMadeUp(seed: number, n: number, cold = false): Promise<number> {
      const index = await supplyIndex(deps());
      const rng = createRandom(seed);
      const programmes = [...index.programmes.keys()];
      const codes = [...new Set([...index.programmes.values()].flatMap((p) => p.competencies.map((c) => c.code)))];
      const tiers = [null, 'pengawas', 'administrator', 'ahli_muda', 'ahli_pertama', 'pelaksana', 'jpt_pratama'];
      const provinces = [null, '32', '31', '35', '51', '11', '94'];
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const gaps = new Map<string, { code: string; required: number; current: number | null }>();
        for (let k = rng.int(0, 8); k > 0; k--) {
          const code = rng.pick(codes);
          const current = rng.next() < 0.3 ? null : rng.int(1, 4);
          gaps.set(code, { code, current, required: Math.min(5, (current ?? 0) + rng.int(1, 3)) });
        }
        const input: RankingInput = {
          gaps,
          done: new Set(Array.from({ length: rng.int(0, 6) }, () => rng.pick(programmes))),
          live: new Set(Array.from({ length: rng.int(0, 2) }, () => rng.pick(programmes))),
          person: { tier: rng.pick(tiers), rank: rng.pick([...RANKS]), status: rng.next() < 0.9 ? 'active' : 'leave', provinceCode: rng.pick(provinces) },
          stillNeeded: rng.pick([0, 4, 12.5, 20]),
          year: rng.pick([null, currentYear(), currentYear() + 1]),
          location: rng.next() < 0.5 ? 'near' : 'any',
          today: todayJakarta(),
          keep: rng.int(1, 60),
        };
        // cold: as if the catalogue had just changed, nothing derived from the index is kept
        if (cold) index.version++;
        const fast = provisionalTop(index, input);
        assert.deepEqual(fast, referenceTop(index, input), `made-up person ${i} of seed ${seed}`);
        kept += fast.top.length;
      }
      return kept;
    }

    test('the same answers for the people of the set, and for made-up gap profiles', async () => {
      assert.ok((await compareAnswers()) > 0, 'some answers have items');
      assert.ok((await compareMadeUp(1, 300)) > 300, 'the made-up people get candidates');
      // asked again: the joinable offerings now come from the shared cache
      await compareMadeUp(1, 300);
      // and each from nothing derived yet (what a first request after a catalogue change meets)
      await compareMadeUp(4, 200, true);
    });

    test('the same after catalogue writes that change what is joinable', async () => {
      const db = t.database.db;
      await compareMadeUp(2, 100); // fills the cache for today
      const index = await supplyIndex(deps());
      const withOfferings = [...index.programmes.values()].filter((p) => p.offerings.length >= 2).slice(0, 40);
      assert.ok(withOfferings.length >= 20, 'programmes with offerings to change');
      const today = todayJakarta();
      const plusDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      const ids = (xs: { id: number }[]) => xs.map((x) => x.id);
      // an offline cohort moves province; a registration closes; one opens later; a cohort is cancelled
      const [moved, closed, later, cancelled] = [0, 1, 2, 3].map((k) => withOfferings.filter((_, i) => i % 4 === k).map((p) => p.offerings[0]));
      await db.updateTable('offering').set({ mode: 'offline', province_code: '94', online_url: null }).where('id', 'in', ids(moved)).execute();
      await db.updateTable('offering').set({ registration_closes: plusDays(-1), registration_opens: plusDays(-30) }).where('id', 'in', ids(closed)).execute();
      await db.updateTable('offering').set({ registration_opens: plusDays(3) }).where('id', 'in', ids(later)).where('registration_closes', '>=', plusDays(3)).execute();
      await db.updateTable('offering').set({ status: 'cancelled' }).where('id', 'in', ids(cancelled)).execute();
      // ranges widen and narrow; two programmes are archived
      await sql`update programme_competency set level_to = least(5, level_to + 1) where programme_id = any(${ids(withOfferings.slice(0, 10))}::int[])`.execute(db);
      await sql`update programme_competency set level_from = least(level_to, level_from + 1) where programme_id = any(${ids(withOfferings.slice(10, 20))}::int[])`.execute(db);
      await db.updateTable('programme').set({ status: 'archived' }).where('id', 'in', ids(withOfferings.slice(20, 22))).execute();

      const fresh = await settledIndex();
      assert.ok(!fresh.programmes.has(withOfferings[20].id), 'the index followed the archiving');
      assert.ok(!fresh.programmes.get(withOfferings[3].id)!.offerings.some((o) => o.id === cancelled[0].id), 'and the cancelled cohort');
      assert.ok((await compareAnswers()) > 0);
      await compareMadeUp(2, 100);
      await compareMadeUp(3, 300);
    });

    test('the same when cohorts are full: seats read in rounds choose the offerings all six at once choose', async () => {
      const db = t.database.db;
      // every third offering full, and both first cohorts of some programmes: the second round is needed
      await sql`update offering set enrolled_count = capacity where id % 3 = 0`.execute(db);
      const index = await settledIndex();
      const today = todayJakarta();
      let secondRound = 0;
      let none = 0;
      for (const id of people) {
        const person = await db.selectFrom('civil_servant').select(['agency_id']).where('id', '=', id).executeTakeFirstOrThrow();
        for (const q of queries()) {
          const answer = await recommendationsFor(deps(), NATIONAL, id, q);
          assert.deepEqual(answer, await recommendationsFor(deps(), NATIONAL, id, q, referenceTop, referenceSeats), `person ${id}, ${JSON.stringify(q)}`);
          // the same choice per candidate, whatever the answer keeps
          const { top } = provisionalTop(index, { gaps: new Map(answer.gaps.map((g) => [g.code, { code: g.code, required: g.required, current: g.current }])), done: new Set(), live: new Set(), person: { tier: answer.person.position_tier, rank: 'IV/e', status: 'active', provinceCode: answer.person.province_code }, stillNeeded: 20, year: q.year ?? null, location: q.location, today, keep: 40 });
          const [rounds, all] = [await seatsByRounds(deps(), person.agency_id, top), await referenceSeats(deps(), person.agency_id, top)];
          for (const s of top) {
            const at = s.near.slice(0, 6).findIndex((o) => (all.get(o.id) ?? 0) > 0);
            assert.equal(s.near.slice(0, 6).findIndex((o) => (rounds.get(o.id) ?? 0) > 0), at, `person ${id}, programme ${s.p.id}`);
            if (at >= 2) secondRound++;
            if (at < 0 && s.near.length > 0) none++;
          }
        }
      }
      assert.ok(secondRound > 0, 'some candidates are offered a cohort after their first two');
      assert.ok(none > 0, 'some candidates have only full cohorts nearby');
    });

    test('the learner facts read beside the profile are learnerFacts', async () => {
      const db = t.database.db;
      const withHistory = await sql<{ id: string }>`select civil_servant_id as id from enrolment union select civil_servant_id from learning_record order by 1 limit 60`.execute(db);
      const ids = [...new Set([...people, ...withHistory.rows.map((r) => Number(r.id))])];
      let some = { jp: 0, completed: 0, live: 0 };
      for (const year of [currentYear(), currentYear() - 1]) {
        for (const id of ids) {
          const sorted = (f: LearnerFacts) => ({ ...f, live: [...f.live].sort((a, b) => a.enrolmentId - b.enrolmentId) });
          const beside = learnerFactsOf((await profileWithPlacement(deps(), NATIONAL, id, learnerFactsExtra(year))).row);
          const alone = await learnerFacts(db, id, year);
          assert.deepEqual(sorted(beside), sorted(alone), `person ${id}, ${year}`);
          some = { jp: some.jp + Number(alone.creditedJp > 0), completed: some.completed + Number(alone.completedProgrammeIds.length > 0), live: some.live + Number(alone.live.length > 0) };
        }
      }
      assert.ok(some.jp > 0 && some.completed > 0 && some.live > 0, `people with each kind of history: ${JSON.stringify(some)}`);
    });
  });
}
