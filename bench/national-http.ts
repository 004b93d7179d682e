// The set-up the national HTTP benches (registry.profile, planning.recommend) share: the bench
// database with the national set, the app and a bare Fastify route listening on loopback, a
// national auditor signed in (session cookie), and the range of civil-servant ids to pick from.
import Fastify from 'fastify';
import type pg from 'pg';
import { buildApp } from '../src/app.ts';
import { systemCaller } from '../src/context.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { createUser } from '../src/modules/identity/service.ts';
import { ensureNationalSet, openBenchDatabase, withApplicationName, type BenchOptions } from './common.ts';

const EMAIL = 'bench.auditor@kembang.test';
const PASSWORD = 'Bangku-Uji-Beban-2026';

export interface NationalHttpBench {
  database: Database;
  pool: pg.Pool;
  scale: Awaited<ReturnType<typeof ensureNationalSet>>;
  minId: number;
  maxId: number;
  origin: string;
  bareOrigin: string;
  cookie: string;
}

/**
 * Runs `measure` with the servers up and signed in; closes everything afterwards. `prepare` runs
 * on the database before the servers start (e.g. adding the national catalogue).
 */
export async function withNationalHttpBench(
  options: BenchOptions,
  { bench, application, concurrency, prepare }: { bench: string; application: string; concurrency: number; prepare?: (database: Database, pool: pg.Pool) => Promise<void> },
  measure: (b: NationalHttpBench) => Promise<void>,
): Promise<void> {
  const database = await openBenchDatabase({ ...options, databaseUrl: withApplicationName(options.databaseUrl, application) }, Math.max(10, concurrency));
  const config = loadConfig({ LOG_LEVEL: 'silent' }, { port: 0, host: '127.0.0.1', databaseUrl: options.databaseUrl });
  const app = await buildApp({ config, database, logger: false });
  const bare = Fastify({ logger: false });
  bare.get('/bare/:id', async (request) => ({ id: Number((request.params as { id: string }).id), ok: true }));
  try {
    const scale = await ensureNationalSet(database, options);
    const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
    if (!pool) throw new Error(`${bench} runs on PostgreSQL`);
    await prepare?.(database, pool);
    const { rows: [range] } = await pool.query('select min(id)::bigint as min, max(id)::bigint as max from civil_servant');
    try {
      await createUser({ db: database.db, config }, systemCaller('bench'), { email: EMAIL, password: PASSWORD, role: 'auditor', scope: 'national', displayName: 'Bench auditor' });
    } catch (error) {
      if ((error as { status?: number }).status !== 409) throw error;
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const bareOrigin = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
    const login = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: EMAIL, password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    await measure({ database, pool, scale, minId: Number(range.min), maxId: Number(range.max), origin, bareOrigin, cookie });
  } finally {
    await app.close();
    await bare.close();
    await database.close().catch(() => {});
  }
}
