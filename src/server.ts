// Starts the service: open the database, migrate, seed the embedded demo on first start,
// listen, and shut down gracefully (in-flight requests finish) on SIGTERM/SIGINT.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { ensureReferenceData } from './seed/reference.ts';
import { housekeeping } from './modules/identity/service.ts';
import { configureCertificates } from './modules/certificate/runtime.ts';
import { DEMO_ACCOUNTS, demoSeedPresent, seedDemo, type DemoAccount } from './seed/demo.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  demoAccounts: DemoAccount[] | null;
  close(): Promise<void>;
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
}

/**
 * Once `app.close()` begins, every response still to be sent closes its connection, and a
 * connection going idle is closed at once. Without this a keep-alive client (browser, proxy)
 * whose request was in flight holds the shutdown up until its keep-alive timeout (72 s).
 * Call before the app is ready.
 */
export function closeKeepAliveOnShutdown(app: FastifyInstance): void {
  let stopping = false;
  app.addHook('preClose', async () => {
    stopping = true;
    app.server.keepAliveTimeout = 1;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (stopping) reply.header('connection', 'close');
  });
}

export async function startServer(config: Config): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config);
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(database.db);
    await ensureReferenceData(database.db);
    let demoAccounts: DemoAccount[] | null = null;
    // Only the embedded default seeds itself; a PostgreSQL deployment is seeded on request.
    if (database.kind === 'pglite' && config.autoSeedDemo) {
      // The demo issues certificates: sign them with this configuration's keys and public URL.
      configureCertificates(config);
      if (!(await demoSeedPresent(database.db))) await seedDemo(database.db, { password: config.demoPassword });
      demoAccounts = DEMO_ACCOUNTS.map((a) => ({ role: a.role, email: a.email, scope: a.scope, password: config.demoPassword }));
    }
    app = await buildApp({ config, database });
    closeKeepAliveOnShutdown(app);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl.replace(`:${config.port}`, `:${port}`);
    const timer = setInterval(() => housekeeping({ db: database.db, config }).catch((e) => app!.log.warn(e, 'housekeeping failed')), 10 * 60_000);
    timer.unref();
    const server = app;
    let closing: Promise<void> | undefined;
    return {
      app,
      database,
      url,
      demoAccounts,
      close: () =>
        (closing ??= (async () => {
          clearInterval(timer);
          await server.close();
          await database.close();
        })()),
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
}
