// xapi.query: GET /xapi/statements by agent, by verb + activity, and by registration over HTTP on
// loopback, on a store holding --statements statements (default 10,000,000), p95 latency per
// query kind. The store (provider XQUERY in kembang_bench_xapi) is filled by COPY when it holds
// fewer (bench/xapi-copy.ts: one COPY stream per table, FREEZE, indexes built after): the
// statements, their agent and activity index rows, as the LRS would have written them. The
// baseline is GET /xapi/about (authentication + HTTP) in the same run, so the ratio shows what the
// query itself adds.
//
//   npx kembang bench xapi.query [--statements 10000000] [--duration 20] [--concurrency 4]
import os from 'node:os';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemCaller } from '../src/context.ts';
import { createCredential } from '../src/modules/xapi/credentials.ts';
import { log, percentile, phaseProgress, report, round, type BenchOptions } from './common.ts';
import { copyXapiStore, SEQ_BASE, storedCount } from './xapi-copy.ts';
import type { Universe } from './xapi-data.ts';
import { openXapiBenchDatabase, runLoad, xapiBenchUrl } from './xapi-ingest.ts';

const PROVIDER = 'XQUERY';
const UNIVERSE: Universe = { people: 500_000, courses: 5_000, seed: 23 };

export async function run(options: BenchOptions & { statements?: number }): Promise<void> {
  const url = xapiBenchUrl(options);
  const want = options.statements ?? 10_000_000;
  const seconds = options.duration ?? 20;
  const concurrency = options.concurrency ?? 4;
  const opened = await openXapiBenchDatabase(url, 10);
  const { database } = opened;
  await database.db.insertInto('provider').values({ code: PROVIDER, name: 'LRS query benchmark provider', kind: 'national_institute' }).onConflict((oc) => oc.column('code').doNothing()).execute();
  const providerId = (await database.db.selectFrom('provider').select('id').where('code', '=', PROVIDER).executeTakeFirstOrThrow()).id;
  const pool = (database.raw as { pool: import('pg').Pool }).pool;
  const stored = await storedCount(pool, providerId);
  if (stored < want) {
    log(`xapi.query: store ${PROVIDER} holds ${stored} statements; loading up to ${want} by COPY (load average ${os.loadavg().map((x) => round(x)).join(' ')})`);
    const loaded = await copyXapiStore(pool, providerId, want, { universe: UNIVERSE, onProgress: phaseProgress() });
    log(`xapi.query: loaded ${JSON.stringify(loaded)} (load average ${os.loadavg().map((x) => round(x)).join(' ')})`);
  }
  const total = Number((await pool.query('select count(*) as n from xapi_statement where provider_id = $1', [providerId])).rows[0].n);

  const config = loadConfig({ LOG_LEVEL: 'silent', XAPI_RATE_LIMIT_PER_MINUTE: '0', LEARNING_WORKER_MS: '0' }, { port: 0 });
  const credential = await createCredential({ db: database.db, config }, systemCaller('bench'), { provider: PROVIDER, name: `bench-${Date.now()}` });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const headers = { authorization: `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`, 'x-experience-api-version': '2.0.0' };

  // Query values taken from stored statements spread over the whole store, so answers are not empty.
  const seqs = Array.from({ length: 2000 }, (_, k) => SEQ_BASE + Math.floor(((k + 0.5) * total) / 2000));
  const { rows: samples } = await pool.query('select statement from xapi_statement where provider_id = $1 and seq = any($2::bigint[]) order by seq', [providerId, seqs]);
  const byAgent: string[] = [];
  const byVerbActivity: string[] = [];
  const byRegistration: string[] = [];
  for (const { statement: s } of samples) {
    byAgent.push(`/xapi/statements?${new URLSearchParams({ agent: JSON.stringify(s.actor) })}`);
    byVerbActivity.push(`/xapi/statements?${new URLSearchParams({ verb: s.verb.id, activity: s.object.id })}`);
    byRegistration.push(`/xapi/statements?${new URLSearchParams({ registration: s.context.registration })}`);
  }
  try {
    const job = { mode: 'query' as const, origin, headers, concurrency };
    await runLoad({ ...job, paths: [...byAgent.slice(0, 100), ...byVerbActivity.slice(0, 100), ...byRegistration.slice(0, 100)], durationSeconds: 3 }); // warm-up
    const base = await runLoad({ ...job, paths: ['/xapi/about'], durationSeconds: Math.min(seconds, 5) });
    const baseP95 = percentile([...base.latenciesMs].sort((a, b) => a - b), 95);
    for (const [kind, paths] of [['agent', byAgent], ['verb+activity', byVerbActivity], ['registration', byRegistration]] as const) {
      const load1 = os.loadavg();
      const r = await runLoad({ ...job, paths, durationSeconds: seconds });
      const sorted = [...r.latenciesMs].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      report({
        bench: 'xapi.query',
        metric: `p95 by ${kind}`,
        value: p95,
        unit: 'ms',
        baseline: baseP95,
        baselineUnit: 'ms p95 of GET /xapi/about',
        target: 50,
        statements: total,
        p50: round(percentile(sorted, 50)),
        p99: round(percentile(sorted, 99)),
        requests: sorted.length,
        concurrency,
        statuses: r.statuses,
        ...(r.firstError ? { firstError: r.firstError } : {}),
        loadavgBefore: load1.map((x) => round(x)),
        loadavgAfter: os.loadavg().map((x) => round(x)),
      });
    }
  } finally {
    await app.close();
    await database.close();
  }
}
