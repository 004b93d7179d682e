// Organisation: agencies, providers and civil servants as each actor may see them.
import type { Deps } from '../../context.ts';
import type { Actor } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';
import { mayViewPersonalData, personFilter } from './policy.ts';
import * as repo from './repository.ts';

export const listAgencies = ({ db }: Deps, q: Parameters<typeof repo.listAgencies>[1]) => repo.listAgencies(db, q);

export async function getAgency({ db }: Deps, id: number) {
  const agency = await repo.findAgency(db, id);
  if (!agency) throw problems.notFound('No such agency.');
  return agency;
}

export const listProviders = ({ db }: Deps, limit: number, offset: number) => repo.listProviders(db, limit, offset);

type PersonRow = NonNullable<Awaited<ReturnType<typeof repo.findPerson>>>;

/** NIP and birth date only for those who may see them; others get null. */
function present(actor: Actor, row: PersonRow) {
  const personal = mayViewPersonalData(actor, row);
  return { ...row, nip: personal ? row.nip : null, birth_date: personal ? row.birth_date : null };
}

export async function listPeople({ db }: Deps, actor: Actor, query: repo.PersonQuery) {
  const rows = await repo.listPeople(db, personFilter(actor), query);
  const last = rows.at(-1);
  return {
    items: rows.map((r) => present(actor, r)),
    next: rows.length === query.limit && last ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') : null,
  };
}

export function decodeCursor(cursor: string | undefined): { name: string; id: number } | undefined {
  if (!cursor) return undefined;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof name === 'string' && Number.isSafeInteger(id)) return { name, id: id as number };
  } catch {
    // fall through
  }
  throw problems.validation([{ field: 'querystring.after', message: 'is not a cursor this API gave out' }]);
}

export async function getPerson({ db }: Deps, actor: Actor, id: number) {
  // Out of scope answers 404, the same as missing: existence must not leak.
  const row = await repo.findPerson(db, personFilter(actor), id);
  if (!row) throw problems.notFound('No such civil servant.');
  return present(actor, row);
}

/** Several people by id, as the actor may see them (others are left out; NIP only where allowed). */
export async function peopleByIds({ db }: Deps, actor: Actor, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await repo.basePersonQuery(db, personFilter(actor)).where('civil_servant.id', 'in', ids).execute();
  return rows.map((r) => present(actor, r));
}
