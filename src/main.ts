// The `kembang` command line: serve | migrate | seed | user create | token create.
import { Command, InvalidArgumentError, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { systemCaller } from './context.ts';
import type { Database } from './db/database.ts';
import { DatabaseLockedError } from './db/lock.ts';
import { migrateToLatest } from './db/migrate.ts';
import { ensureReferenceData } from './seed/reference.ts';
import { ROLES, type Role } from './http/actor.ts';
import { Problem } from './http/problem.ts';
import { createApiToken, createUser } from './modules/identity/service.ts';
import { createCredential } from './modules/xapi/credentials.ts';
import { progressBar } from './cli/progress.ts';
import { seedDemo } from './seed/demo.ts';
import { openConfiguredDatabase, startServer } from './server.ts';

function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return Number(value);
}

function role(value: string): Role {
  if (!ROLES.includes(value as Role)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

function configFrom(options: { port?: number; databaseUrl?: string; dataDir?: string }): Config {
  return loadConfig({
    ...process.env,
    ...(options.port !== undefined ? { PORT: String(options.port) } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.dataDir ? { KEMBANG_DATA_DIR: options.dataDir } : {}),
  });
}

const dbOptions = (cmd: Command) =>
  cmd
    .addOption(new Option('--database-url <url>', 'PostgreSQL connection string (default: embedded PGlite)').env('DATABASE_URL'))
    .addOption(new Option('--data-dir <dir>', 'directory of the embedded database').env('KEMBANG_DATA_DIR'));

/** Opens the configured database, migrates it, runs `work`, and always closes it. */
async function withDatabase<T>(
  options: { databaseUrl?: string; dataDir?: string },
  work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>, config: Config) => Promise<T>,
  { migrate = true } = {},
) {
  const config = configFrom(options);
  const database = await openConfiguredDatabase(config);
  try {
    if (migrate) {
      await migrateToLatest(database.db);
      await ensureReferenceData(database.db);
    }
    return await work(database, config);
  } finally {
    await database.close();
  }
}

const whole = (v: string) => {
  if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError('must be a positive whole number');
  return Number(v);
};

/** The national catalogue next to the national registry, unless one is there already (a re-run adds nothing). */
async function seedNationalCatalogue(db: Database['db'], options: { seed?: number; programmes?: number; offerings?: number; onProgress: (phase: string, done: number, total: number) => void }) {
  const existing = await db.selectFrom('provider').select('id').where('code', 'like', 'NP-%').limit(1).executeTakeFirst();
  if (existing) return { skipped: 'a national catalogue is already loaded' };
  const { generateNationalCatalogue } = await import('./modules/catalog/national.ts');
  // One transaction: a failed run leaves no half catalogue behind.
  return db.transaction().execute((tx) => generateNationalCatalogue(tx, { seed: options.seed, programmes: options.programmes, offerings: options.offerings, onProgress: options.onProgress }));
}

const program = new Command('kembang')
  .description('Kembang: competency development for Indonesia\'s civil service')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

dbOptions(
  program
    .command('serve')
    .description('run the web UI, JSON API and docs (migrates first; seeds the embedded demo on first start)')
    .addOption(new Option('-p, --port <port>', 'port to listen on').env('PORT').argParser(port)),
).action(async (options) => {
  const config = configFrom(options);
  const server = await startServer(config);
  const lines = [`Kembang is running at ${server.url}  (API docs: ${server.url}/docs, database: ${server.database.kind})`];
  if (server.demoAccounts) {
    lines.push('Demo accounts (one per role):');
    for (const a of server.demoAccounts) lines.push(`  ${a.role.padEnd(15)} ${a.email.padEnd(30)} password: ${a.password}   scope: ${a.scope}`);
  }
  console.log(lines.join('\n'));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info(`${signal} received: finishing in-flight requests`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
});

dbOptions(program.command('migrate').description('bring the database schema up to date')).action(async (options) => {
  await withDatabase(options, async (database) => {
    const applied = await migrateToLatest(database.db);
    await ensureReferenceData(database.db);
    console.log(JSON.stringify({ database: database.kind, applied }));
  }, { migrate: false });
});

dbOptions(
  program
    .command('seed')
    .description('load a data set; --demo loads the demo agencies, staff and one account per role')
    .option('--demo', 'load the demo data set (the same as --scale demo)')
    .addOption(new Option('--scale <scale>', 'demo | agency (one large agency, 50k people) | national (6.5M people, 600+ agencies; PostgreSQL)').choices(['demo', 'agency', 'national']))
    .option('--people <n>', 'headcount of --scale agency|national (default 50000 | 6500000)', (v) => {
      if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError('must be a positive whole number');
      return Number(v);
    })
    .option('--seed <n>', 'random seed (same seed, same data)', (v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a whole number');
      return Number(v);
    })
    .option('--password <password>', 'one password for all demo accounts (default: a random one per account, printed once)')
    .option('--catalogue', 'also load the national catalogue (160 providers, 5,200 programmes, 52,000 offerings); the default of --scale national')
    .option('--no-catalogue', 'leave the national catalogue out')
    .option('--programmes <n>', 'programmes of the national catalogue (default 5200)', whole)
    .option('--offerings <n>', 'offerings of the national catalogue (default 52000)', whole),
).action(async (options) => {
  if (!options.demo && !options.scale) program.error('say which data set to load: --demo or --scale demo|agency|national');
  if (options.scale && options.scale !== 'demo') {
    const { loadSynthetic } = await import('./seed/synthetic/load.ts');
    await withDatabase(options, async (database) => {
      const bars = new Map<string, (done: number, total: number) => void>();
      const onProgress = (phase: string, done: number, total: number) => {
        if (!bars.has(phase)) bars.set(phase, progressBar(phase));
        bars.get(phase)!(done, total);
      };
      const registry = await loadSynthetic(database, { scale: options.scale, seed: options.seed, people: options.people, onProgress });
      const catalogue = (options.catalogue ?? options.scale === 'national')
        ? await seedNationalCatalogue(database.db, { seed: options.seed, programmes: options.programmes, offerings: options.offerings, onProgress })
        : undefined;
      console.log(JSON.stringify(catalogue ? { ...registry, catalogue } : registry, null, 2));
    });
    return;
  }
  await withDatabase(options, async (database, config) => {
    // On PostgreSQL nobody gets a known password unless they ask for one.
    const password = options.password ?? (database.kind === 'pglite' ? config.demoPassword : () => randomBytes(12).toString('base64url'));
    // The demo issues certificates: sign them with this configuration's keys and public URL.
    const { configureCertificates } = await import('./modules/certificate/runtime.ts');
    configureCertificates(config);
    const result = await seedDemo(database.db, { password, seed: options.seed, onProgress: progressBar('civil servants') });
    console.log(JSON.stringify(result, null, 2));
  });
});

const user = program.command('user').description('manage accounts');
dbOptions(
  user
    .command('create')
    .description('create an account with a role in a scope')
    .requiredOption('--email <email>', 'e-mail address (sign-in name)')
    .requiredOption('--password <password>', 'password (at least 10 characters)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
    .option('--scope <scope>', '"national", "agency:<code>" or "provider:<code>"', 'national')
    .option('--name <name>', 'display name')
    .option('--nip <nip>', 'link to this civil servant (18-digit NIP)'),
).action(async (options) => {
  await withDatabase(options, async (database, config) => {
    const created = await createUser({ db: database.db, config }, systemCaller('cli'), {
      email: options.email,
      password: options.password,
      role: options.role,
      scope: options.scope,
      displayName: options.name,
      nip: options.nip,
    });
    console.log(JSON.stringify({ id: created.id, email: created.email, grants: created.grants }));
  });
});

const token = program.command('token').description('manage API tokens for machine clients');
dbOptions(
  token
    .command('create')
    .description('create an API token; prints it once, as JSON')
    .requiredOption('--scope <scope>', '"national", "agency:<code>" or "provider:<code>"')
    .requiredOption('--name <name>', 'a label, e.g. the client system')
    .option('--role <role>', 'role the token acts as (default: the admin role of its scope; auditor for national)', role),
).action(async (options) => {
  await withDatabase(options, async (database, config) => {
    const created = await createApiToken({ db: database.db, config }, systemCaller('cli'), { name: options.name, scope: options.scope, role: options.role });
    console.log(JSON.stringify({ id: created.id, name: created.name, role: created.role, scope: created.scope, token: created.token }));
  });
});

dbOptions(
  program
    .command('import')
    .description('import staff, positions or units from CSV or XLSX (see docs/import-format.md); JSON report on stdout, progress on stderr')
    .argument('<kind>', 'staff | positions | units')
    .argument('<file>', 'a .csv (UTF-8) or .xlsx file')
    .option('--dry-run', 'check only: report every error and what would change, write nothing')
    .option('--agency <code>', 'import for this agency only (KODE_INSTANSI may then be left out)'),
).action(async (kind: string, file: string, options) => {
  const { importFile } = await import('./modules/org/import/cli.ts');
  await withDatabase(options, async (database, config) => {
    process.exitCode = await importFile({ db: database.db, config }, kind, file, options);
  });
});

dbOptions(
  program
    .command('export')
    .description('export civil servants as CSV (the staff import columns) to stdout')
    .argument('<what>', 'staff')
    .option('--agency <code>', 'only this agency'),
).action(async (what: string, options) => {
  const { exportFile } = await import('./modules/org/import/cli.ts');
  await withDatabase(options, async (database, config) => {
    process.exitCode = await exportFile({ db: database.db, config }, what, options);
  });
});

// Each benchmark and the database it uses by default. Module benches export `run(options)`;
// script benches (bench/<file>.ts run on import) read DATABASE_URL and BENCH_* from the
// environment, which the options below fill in. learning.enrol drops and re-creates its database.
const BENCH_DB = 'postgres://postgres@127.0.0.1:5432/';
const BENCHES: Record<string, { file: string; database: string }> = {
  'registry.load': { file: 'registry-load', database: 'kembang_bench' },
  'registry.gaps': { file: 'registry-gaps', database: 'kembang_bench' },
  'registry.profile': { file: 'registry-profile', database: 'kembang_bench' },
  'planning.recommend': { file: 'planning-recommend', database: 'kembang_bench' },
  'catalog.search': { file: 'catalog-search', database: 'kembang_bench_catalog' },
  'learning.complete': { file: 'learning-complete', database: 'kembang_bench_learning' },
  'learning.verify': { file: 'learning-verify', database: 'kembang_bench_learning' },
  'learning.enrol': { file: 'learning-enrol', database: 'kembang_bench_enrol' },
  'xapi.ingest': { file: 'xapi-ingest', database: 'kembang_bench_xapi' },
  'xapi.query': { file: 'xapi-query', database: 'kembang_bench_xapi' },
  'analytics.dashboard': { file: 'analytics-dashboard', database: 'kembang_bench' },
  'planning.allocate': { file: 'planning-allocate', database: 'kembang_bench' },
};
program
  .command('bench')
  .description(`run a benchmark (${Object.keys(BENCHES).join(', ')}); one JSON line per figure on stdout, progress on stderr (see docs/performance.md)`)
  .argument('<name>', Object.keys(BENCHES).join(' | '))
  .option('--database-url <url>', `PostgreSQL database of the benchmark, created when missing (default ${BENCH_DB}<the bench's database>: ${Object.entries(BENCHES).map(([n, b]) => `${n} ${b.database}`).join(', ')}); registry.load and learning.enrol drop and re-create it`)
  .option('--people <n>', 'headcount of the synthetic national set (default 6500000)', whole)
  .option('--seed <n>', 'random seed of the synthetic set', whole)
  .option('--concurrency <n>', 'concurrent HTTP connections of the load (default 16; learning.enrol 32)', whole)
  .option('--requests <n>', 'registry.profile and planning.recommend: requests per run (default 20000); registry.gaps: timed runs (default 3); learning.enrol: requests (default 2000)', whole)
  .option('--duration <seconds>', 'time bound of an HTTP load run (registry.profile default 30, planning.recommend 20, catalog.search and learning.verify 10, xapi.ingest 60)', whole)
  .option('--statements <n>', 'xapi.query: statements in the queried store (default 10000000)', whole)
  .option('--explain', 'analytics.dashboard: print EXPLAIN ANALYZE of the national reads')
  .option('--endpoint <name>', 'analytics.dashboard: one national dashboard only (provinces, competencies, supply-demand, providers, accreditation), without the cached runs and the import refresh')
  .action(async (name: string, options) => {
    const bench = BENCHES[name];
    if (!bench) program.error(`unknown benchmark ${name}: one of ${Object.keys(BENCHES).join(', ')}`);
    const databaseUrl: string = options.databaseUrl ?? BENCH_DB + bench.database;
    // Script benches: fill their environment before importing them (the import runs them).
    process.env.DATABASE_URL = databaseUrl;
    if (options.duration) process.env.BENCH_SECONDS = String(options.duration);
    if (options.concurrency) process.env.BENCH_CONCURRENCY = String(options.concurrency);
    if (options.requests && name === 'learning.enrol') process.env.BENCH_REQUESTS = String(options.requests);
    const { ensureDatabase } = await import('../bench/common.ts');
    if (name !== 'learning.enrol') await ensureDatabase(databaseUrl);
    const module = (await import(new URL(`../bench/${bench.file}.ts`, import.meta.url).href)) as { run?(options: object): Promise<void> };
    if (module.run) await module.run({ ...options, databaseUrl });
  });

const plan = program.command('plan').description('national planning');
dbOptions(
  plan
    .command('allocate')
    .description('run the national seat allocation (optimiser and greedy baseline) and print the run (summary, Latsar wave) as JSON; see docs/allocation.md')
    .option('--what-if <json>', 'run parameters, as the API takes them, e.g. \'{"travel":"strict","budgetMultiplier":0.8}\''),
).action(async (options) => {
  const { kick, startRun, getRun } = await import('./modules/allocation/service.ts');
  let params: object = {};
  try {
    params = options.whatIf ? JSON.parse(options.whatIf) : {};
  } catch {
    program.error('--what-if must be a JSON object');
  }
  const { compileBody } = await import('./modules/allocation/cli-check.ts');
  const errors = compileBody(params);
  if (errors.length) program.error(`--what-if: ${errors.join('; ')}`);
  await withDatabase(options, async (database, config) => {
    const deps = { db: database.db, config };
    const actor = { type: 'user' as const, id: 'cli', label: 'cli', grants: [{ role: 'national_admin' as const, scopeType: 'national' as const, scopeId: null }], civilServantId: null };
    const run = await startRun(deps, { actor }, params);
    await kick(deps);
    const done = await getRun(deps, actor, run.id);
    console.log(JSON.stringify(done));
    const s = done.summary as { optimiser: { gap_closed: number }; greedy: { gap_closed: number }; difference: { gap_closed: number; percent: number | null } } | null;
    if (s) process.stderr.write(`run ${done.id}: the optimiser closes ${s.optimiser.gap_closed} gap levels, the greedy ${s.greedy.gap_closed}: ${s.difference.gap_closed} more (${s.difference.percent ?? 0} %)\n`);
    if (done.status !== 'done') process.exitCode = 1;
  });
});

const keys = program.command('keys').description('the certificate signing keys (Ed25519)');
dbOptions(keys.command('rotate').description('make a new signing key; earlier keys keep verifying the certificates they signed')).action(async (options) => {
  const { configureCertificates } = await import('./modules/certificate/runtime.ts');
  const { rotate } = await import('./modules/certificate/service.ts');
  await withDatabase(options, async (database, config) => {
    configureCertificates(config);
    console.log(JSON.stringify(await rotate(database.db, systemCaller('cli'))));
  });
});
dbOptions(keys.command('list').description('list the signing keys (public part and state only)')).action(async (options) => {
  const { listKeys } = await import('./modules/certificate/keys.ts');
  await withDatabase(options, async (database) => {
    for (const k of await listKeys(database.db)) console.log(JSON.stringify(k));
  });
});
dbOptions(keys.command('retire').description('withdraw a key from the JWKS (e.g. compromised): what it signed no longer verifies').argument('<kid>', 'the key id')).action(async (kid: string, options) => {
  const { configureCertificates } = await import('./modules/certificate/runtime.ts');
  const { retire } = await import('./modules/certificate/service.ts');
  await withDatabase(options, async (database, config) => {
    configureCertificates(config);
    await retire(database.db, systemCaller('cli'), kid);
    console.log(JSON.stringify({ kid, status: 'retired' }));
  });
});

const lrs = program.command('lrs').description('the xAPI Learning Record Store');
const lrsCredentials = lrs.command('credentials').description('HTTP Basic credentials of a provider\'s LRS store');
dbOptions(
  lrsCredentials
    .command('create')
    .description('create LRS credentials for a provider; prints {key, secret, endpoint} once, as JSON')
    .requiredOption('--provider <code>', 'provider code, e.g. LAN')
    .requiredOption('--name <label>', 'a label, e.g. the LMS that reports with it')
    .option('--read-only', 'may read but not write statements and documents'),
).action(async (options) => {
  await withDatabase(options, async (database, config) => {
    const created = await createCredential({ db: database.db, config }, systemCaller('cli'), { provider: options.provider, name: options.name, mayWrite: !options.readOnly });
    console.log(JSON.stringify({ id: created.id, provider: created.provider_code, name: created.name, key: created.key, secret: created.secret, endpoint: created.endpoint }));
  });
});

/** A PostgreSQL connection failure (missing database, refused, bad credentials) as one line, or undefined. */
function connectionFailure(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const { code, message } = (cause ?? {}) as { code?: string; message?: string };
  if (code === '3D000' || code === '28P01' || code === '28000' || code === 'ECONNREFUSED' || code === 'ENOTFOUND') return message;
  return undefined;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
    console.error(`kembang: ${error.message}`);
  } else if (error instanceof Problem) {
    const fields = error.errors?.map((e) => `${e.field.replace(/^body\./, '--')} ${e.message}`).join('; ');
    console.error(`kembang: ${fields || error.detail || error.title}`);
  } else if (connectionFailure(error)) {
    console.error(`kembang: cannot use the database: ${connectionFailure(error)}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
