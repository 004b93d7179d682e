// Bulk loading into either back end, one connection, rows streamed as COPY text lines.
//   PostgreSQL: COPY … FROM STDIN through pg-copy-streams, written in ~256 kB chunks with
//               back-pressure, so memory stays flat however many rows come.
//   PGlite:     no COPY FROM STDIN; COPY … FROM '/dev/blob' with a Blob per chunk of lines
//               (PGlite's `blob` query option), each chunk a separate COPY statement.
import { finished } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/database.ts';

export interface CopyOptions {
  /** COPY … WITH (FREEZE): only for a table created or truncated in the current transaction. */
  freeze?: boolean;
  /** Called now and then with the number of rows sent so far. */
  onRows?: (rows: number) => void;
}

export interface BulkTarget {
  kind: 'postgres' | 'pglite';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** `lines`: COPY text lines, or ready chunks of whole lines as bytes (counted as one row each). */
  copyIn(table: string, columns: readonly string[], lines: Iterable<string | Uint8Array>, options?: CopyOptions): Promise<number>;
  release(): Promise<void>;
}

const CHUNK = 256 * 1024;

function copyStatement(table: string, columns: readonly string[], source: string, freeze?: boolean) {
  return `copy ${table} (${columns.join(', ')}) from ${source}${freeze ? ' with (freeze)' : ''}`;
}

/** One COPY … FROM STDIN on `client`: lines are buffered into ~256 kB writes; `push` returns a
 * promise only when the stream asks to wait (back-pressure), so several writers can be fed from
 * one loop (one COPY per connection). */
export interface CopyWriter {
  /** A COPY text line, or a ready chunk of whole lines as bytes (counted as one row). */
  push(line: string | Uint8Array): Promise<void> | null;
  /** Sends what is buffered, ends the COPY and resolves with the number of rows. */
  end(): Promise<number>;
}

export function copyWriter(client: pg.ClientBase, table: string, columns: readonly string[], options: CopyOptions = {}): CopyWriter {
  const stream = client.query(copyFrom(copyStatement(table, columns, 'stdin', options.freeze)));
  let rows = 0;
  let buffer = '';
  let failed: Error | undefined;
  stream.on('error', (e: Error) => (failed = e));
  return {
    push(line) {
      rows++;
      let ok: boolean;
      if (typeof line === 'string') {
        buffer += line;
        if (buffer.length < CHUNK) return null;
        if (failed) throw failed;
        ok = stream.write(buffer);
      } else {
        if (failed) throw failed;
        // bytes go out as they are, after the text buffered before them (order is the rows' order)
        const flushed = buffer ? stream.write(buffer) : true;
        ok = stream.write(line) && flushed;
      }
      buffer = '';
      if ((rows & 0x3fff) < 64 || !ok) options.onRows?.(rows);
      if (ok) return null;
      return new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (e: Error) => {
          stream.off('drain', onDrain);
          reject(e);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    },
    async end() {
      if (failed) throw failed;
      stream.end(buffer);
      buffer = '';
      await finished(stream);
      options.onRows?.(rows);
      return rows;
    },
  };
}

export async function postgresTarget(client: pg.ClientBase, release: () => Promise<void> | void = () => {}): Promise<BulkTarget> {
  return {
    kind: 'postgres',
    async query(text, params) {
      return (await client.query(text, params as unknown[])).rows;
    },
    async copyIn(table, columns, lines, options = {}) {
      const writer = copyWriter(client, table, columns, options);
      for (const line of lines) {
        const wait = writer.push(line);
        if (wait) await wait;
      }
      return writer.end();
    },
    release: async () => {
      await release();
    },
  };
}

export function pgliteTarget(pglite: PGlite, chunkRows = 20_000): BulkTarget {
  return {
    kind: 'pglite',
    async query(text, params) {
      return (await pglite.query(text, params as unknown[])).rows as never[];
    },
    async copyIn(table, columns, lines, options = {}) {
      const statement = copyStatement(table, columns, `'/dev/blob'`, options.freeze);
      let rows = 0;
      let chunk: (string | Uint8Array)[] = [];
      let size = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        await pglite.query(statement, [], { blob: new Blob(chunk as BlobPart[]) });
        chunk = [];
        size = 0;
        options.onRows?.(rows);
      };
      for (const line of lines) {
        chunk.push(line);
        rows++;
        size += line.length;
        if (chunk.length >= chunkRows || size >= CHUNK * 16) await flush();
      }
      await flush();
      return rows;
    },
    release: async () => {},
  };
}

/** A single connection of an open database for a bulk load. */
export async function bulkTarget(database: Database): Promise<BulkTarget> {
  const raw = database.raw;
  if (!raw) throw new Error('this database does not expose its driver for bulk loads');
  if ('pglite' in raw) return pgliteTarget(raw.pglite);
  const client = await raw.pool.connect();
  return postgresTarget(client, () => client.release());
}
