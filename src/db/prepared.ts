// Named (server-side prepared) statements for the reads every request makes, on PostgreSQL: a
// statement is parsed and planned once per pooled connection instead of on every call (planning
// the profile statement costs more than running it). PGlite runs the same query as usual.
//
// Only queries run through `executePrepared` are named, and at most MAX_STATEMENTS distinct texts
// per process (a name stays prepared on every connection for its lifetime; beyond the bound the
// query simply runs unnamed). The name is a hash of the text, so one name never means two texts.
import { createHash } from 'node:crypto';
import { createQueryId, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type pg from 'pg';

const MAX_STATEMENTS = 200;
const names = new Map<string, string>();

/** The statement name of a query text marked for preparing, if any. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

/** Runs a compiled query, as a named prepared statement on PostgreSQL. */
export function executePrepared<R>(db: Kysely<any>, compiled: CompiledQuery<R>): Promise<QueryResult<R>> {
  if (!names.has(compiled.sql) && names.size < MAX_STATEMENTS) names.set(compiled.sql, `k_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 24)}`);
  return db.executeQuery(compiled);
}

/** Makes a pooled client send marked query texts as named statements (installed on each new connection). */
export function nameMarkedQueries(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && callback === undefined) {
      const name = names.get(config);
      if (name) return query({ name, text: config, values });
    }
    return callback === undefined ? (values === undefined ? query(config) : query(config, values)) : query(config, values, callback);
  }) as typeof client.query;
}

/** A stand-in for a value in a query compiled once (compileOnce). */
export class Slot {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
}

const MAX_TEMPLATES = 200;
const templates = new Map<string, CompiledQuery<unknown>>();

/**
 * Builds and compiles a query once per `key` with stand-ins for `args`, then answers each call with
 * that text and the stand-ins replaced by the call's values (building and compiling with Kysely cost
 * more CPU than the database spent on the profile statement). `key` must name everything else that
 * shapes the text: `build` may use args only as values, never to decide the query's shape.
 */
export function compileOnce<R>(key: string, args: readonly unknown[], build: (slot: (i: number) => Slot) => { compile(): CompiledQuery<R> }): CompiledQuery<R> {
  let template = templates.get(key) as CompiledQuery<R> | undefined;
  if (!template) {
    const slots = args.map((_, i) => new Slot(i));
    template = build((i) => slots[i]).compile();
    if (templates.size < MAX_TEMPLATES) templates.set(key, template);
  }
  return { ...template, queryId: createQueryId(), parameters: template.parameters.map((p) => (p instanceof Slot ? args[p.index] : p)) };
}
