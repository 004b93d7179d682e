// compileOnce (src/db/prepared.ts) answers exactly what building and compiling the query each time
// answers: same text, same parameters — for every shape of the profile's visibility filter, and
// for different values of one shape after the first has been memoised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { profileQuery, profileRowQuery } from '../src/modules/competency/repository.ts';
import type { PersonFilter } from '../src/modules/org/policy.ts';

const db = new Kysely<DB>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
});

test('the profile statement compiled once equals the one compiled per call, for every filter shape and value', () => {
  const filters: PersonFilter[] = [
    { all: true },
    { agencyIds: [], supervisorOf: null, self: 5 },
    { agencyIds: [], supervisorOf: null, self: 6 },
    { agencyIds: [], supervisorOf: 9, self: 9 },
    { agencyIds: [], supervisorOf: 11, self: 11 },
    { agencyIds: [3, 7], supervisorOf: 9, self: 9 },
    { agencyIds: [4, 8], supervisorOf: 12, self: 13 },
    { agencyIds: [1], supervisorOf: null, self: null },
    { agencyIds: [2], supervisorOf: null, self: null },
    { agencyIds: [2, 5, 6], supervisorOf: null, self: 40 },
    { agencyIds: [], supervisorOf: null, self: null },
  ];
  for (const [i, filter] of filters.entries()) {
    for (const [personId, cutoff] of [[100 + i, '2023-12-03'], [7_000_000 + i, '2024-01-31']] as const) {
      const once = profileRowQuery(db, filter, personId, cutoff);
      const fresh = profileQuery(db, filter, personId, cutoff).compile();
      assert.equal(once.sql, fresh.sql, JSON.stringify(filter));
      assert.deepEqual(once.parameters, fresh.parameters, JSON.stringify(filter));
    }
  }
});
