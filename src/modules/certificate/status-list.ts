// W3C Bitstring Status List (revocation). Each certificate holds one index in one list; the
// list's bit at that index is 1 once the certificate is revoked. The bitstring is derived from
// the certificates themselves (revoked_at), so it can never disagree with them.
//   encodedList = "u" + base64url(gzip(bitstring)), index 0 = the left-most bit of the first byte
import { gzipSync, gunzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** 131,072 entries (16 KiB): the spec's minimum, for herd privacy. */
export const LIST_SIZE = 131_072;
/** Odd, so counter × stride mod 2^17 is a permutation: every index once, scattered. */
const STRIDE = 48_271;

export interface StatusEntry {
  listId: number;
  index: number;
}

/**
 * The next `n` free entries of the open list (opening a new list when it is full). Runs in the
 * caller's transaction; the row lock makes concurrent issuers queue for a moment.
 */
export async function allocateStatusEntries(db: Kysely<DB>, n: number): Promise<StatusEntry[]> {
  const out: StatusEntry[] = [];
  for (let opened = 0; out.length < n; ) {
    const taken = await sql<{ id: number; first: number; upto: number; size: number; stride: number }>`
      with l as (select id, next_counter, size from credential_status_list where open and next_counter < size for update)
      update credential_status_list s set next_counter = least(l.size, l.next_counter + ${n - out.length}::int) from l
      where s.id = l.id
      returning s.id, l.next_counter as first, s.next_counter as upto, s.size, s.stride`.execute(db);
    const row = taken.rows[0];
    if (row) {
      if (row.upto >= row.size) await db.updateTable('credential_status_list').set({ open: false }).where('id', '=', row.id).execute();
      for (let counter = row.first; counter < row.upto; counter++) out.push({ listId: row.id, index: Number((BigInt(counter) * BigInt(row.stride)) % BigInt(row.size)) });
      continue;
    }
    // No open list (first certificate, or the last one just filled): close any full one, open a new one.
    if (++opened > 3 + Math.ceil(n / LIST_SIZE)) throw new Error('could not allocate a status list entry');
    await sql`update credential_status_list set open = false where open and next_counter >= size`.execute(db);
    await sql`insert into credential_status_list (size, stride) values (${LIST_SIZE}, ${STRIDE}) on conflict do nothing`.execute(db);
  }
  return out;
}

/** The next free entry of the open list. */
export async function allocateStatusEntry(db: Kysely<DB>): Promise<StatusEntry> {
  return (await allocateStatusEntries(db, 1))[0];
}

export function encodeBitstring(size: number, setIndexes: Iterable<number>): string {
  const bytes = Buffer.alloc(size / 8);
  for (const i of setIndexes) bytes[i >> 3] |= 0x80 >> (i & 7);
  return `u${gzipSync(bytes).toString('base64url')}`;
}

export function decodeBitstring(encoded: string): Buffer {
  if (!encoded.startsWith('u')) throw new Error('encodedList must be multibase base64url (starting with "u")');
  return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
}

export function bitAt(bits: Buffer, index: number): boolean {
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

export async function statusList(db: Kysely<DB>, listId: number): Promise<{ id: number; size: number; created_at: Date; revoked: number[] } | undefined> {
  const list = await db.selectFrom('credential_status_list').select(['id', 'size', 'created_at']).where('id', '=', listId).executeTakeFirst();
  if (!list) return undefined;
  const revoked = await db.selectFrom('certificate').select('status_index').where('status_list_id', '=', listId).where('revoked_at', 'is not', null).execute();
  return { ...list, revoked: revoked.map((r) => r.status_index) };
}
