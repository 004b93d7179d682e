// The `kembang` command line: serve | migrate | seed | user create | token create.
import { Command, InvalidArgumentError, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { systemCaller } from './context.ts';
import { DatabaseLockedError } from './db/lock.ts';
import { migrateToLatest } from './db/migrate.ts';
import { ROLES, type Role } from './http/actor.ts';
import { Problem } from './http/problem.ts';
import { createApiToken, createUser } from './modules/identity/service.ts';
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
    if (migrate) await migrateToLatest(database.db);
    return await work(database, config);
  } finally {
    await database.close();
  }
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
    console.log(JSON.stringify({ database: database.kind, applied }));
  }, { migrate: false });
});

dbOptions(
  program
    .command('seed')
    .description('load a data set; --demo loads the demo agencies, staff and one account per role')
    .option('--demo', 'load the demo data set')
    .option('--seed <n>', 'random seed (same seed, same data)', (v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a whole number');
      return Number(v);
    })
    .option('--password <password>', 'one password for all demo accounts (default: a random one per account, printed once)'),
).action(async (options) => {
  if (!options.demo) program.error('say which data set to load: --demo');
  await withDatabase(options, async (database, config) => {
    // On PostgreSQL nobody gets a known password unless they ask for one.
    const password = options.password ?? (database.kind === 'pglite' ? config.demoPassword : () => randomBytes(12).toString('base64url'));
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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
    console.error(`kembang: ${error.message}`);
  } else if (error instanceof Problem) {
    const fields = error.errors?.map((e) => `${e.field.replace(/^body\./, '--')} ${e.message}`).join('; ');
    console.error(`kembang: ${fields || error.detail || error.title}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
