// Named (server-side prepared) statements for the reads every request makes, on PostgreSQL: a
// statement is parsed and planned once per pooled connection instead of on every call (planning
// the profile statement costs more than running it). PGlite runs the same query as usual.
//
// Only queries run through `executePrepared` are named, and at most MAX_STATEMENTS distinct texts
// per process (a name stays prepared on every connection for its lifetime; beyond the bound the
// query simply runs unnamed). The name is a hash of the text, so one name never means two texts.
import { createHash } from 'node:crypto';
import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
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
