// From the LRS into the JP ledger, inside the transaction that stores the statements (the
// `onStatementsStored` hook): a `completed` or `passed` statement of a known civil servant on a
// programme's activity IRI creates the learning record (source 'xapi', source_ref = the
// statement id) once; a voiding statement reverses it. Anything else stays in the LRS, and the
// actors and activities not yet known stay on the unmapped list.
//
// Who: an account on the national SSO (homePage = the OIDC issuer or this server's public URL,
// name = the NIP), or an mbox that is the e-mail of a user account linked to a civil servant.
// What: programme.activity_iri, of a programme the reporting store's provider runs (or partners).
// Once per person and programme: a second completion (e.g. `passed` after `completed`, or after an
// offering completion already in the ledger) is linked as a duplicate, not credited again.
// Integrity: the time the person spent — from their first `launched`/`initialized` statement on
// the activity to the completion, or result.duration, whichever is longer — must be at least a
// fifth of the programme's JP × 45 minutes; otherwise the record is made with status 'held' and
// the reason is kept in xapi_ledger_entry for the admin (GET /api/lrs/ledger).
import { sql, type Kysely } from 'kysely';
import type { Deps } from '../../context.ts';
import { executePrepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import { creditRecord, reverseRecord } from '../learning/ledger-service.ts';
import { isObject, type JsonObject } from './formats.ts';
import { arrayLiteral } from './repository.ts';
import { ifiOf } from './shape.ts';
import type { StatementsStoredHook, StoredStatement } from './store.ts';

export const COMPLETION_VERBS = new Set(['http://adlnet.gov/expapi/verbs/completed', 'http://adlnet.gov/expapi/verbs/passed']);
export const START_VERBS = ['http://adlnet.gov/expapi/verbs/launched', 'http://adlnet.gov/expapi/verbs/initialized'];
export const MINUTES_PER_JP = 45;
/** Less than this share of the programme's expected time is implausible. */
export const MIN_TIME_SHARE = 0.2;

/** Minutes of an ISO 8601 duration (PnDTnHnMnS, PnW), or null when it is not one. */
export function durationMinutes(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((x) => (x ? Number(x) : 0));
  return w * 7 * 1440 + d * 1440 + h * 60 + min + s / 60;
}

/** The calendar date of a timestamp in Jakarta (UTC+7), YYYY-MM-DD. */
function jakartaDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');
const fmt = (minutes: number) => (minutes < 120 ? `${Math.round(minutes)} min` : `${Math.round((minutes / 60) * 10) / 10} h`);

interface Candidate {
  s: StoredStatement;
  actor: JsonObject;
  activity: string;
}

export function jpLedgerHook(deps: Pick<Deps, 'config'>): StatementsStoredHook {
  const homePages = new Set([deps.config.publicUrl, deps.config.oidc?.issuer].filter((x): x is string => !!x).map(trimSlash));
  return async (tx, stored) => {
    // Voiding reverses what the voided statement credited.
    const voided = stored.map((s) => s.voidingTarget).filter((t): t is string => t !== null);
    if (voided.length) await reverseVoided(tx, stored[0].providerId, voided);

    const candidates: Candidate[] = [];
    for (const s of stored) {
      const st = s.statement;
      if (s.voidingTarget || !isObject(st.verb) || !COMPLETION_VERBS.has(String(st.verb.id))) continue;
      const o = st.object;
      if (!isObject(o) || (o.objectType ?? 'Activity') !== 'Activity' || typeof o.id !== 'string' || !isObject(st.actor)) continue;
      candidates.push({ s, actor: st.actor, activity: o.id });
    }
    if (candidates.length === 0) return;
    const providerId = stored[0].providerId;

    // Most batches of a steady ingest have completions: one query text whatever their number
    // (the IRIs as one array parameter), run as a named prepared statement on PostgreSQL.
    const programmeQuery = tx
      .selectFrom('programme')
      .select(['id', 'provider_id', 'partner_provider_ids', 'activity_iri', 'title_id', 'learning_form', 'jp'])
      .where(sql<boolean>`activity_iri = any(${arrayLiteral([...new Set(candidates.map((c) => c.activity))])}::text[])`);
    const programmes = (await executePrepared(tx, programmeQuery.compile())).rows;
    if (programmes.length === 0) return;
    const programmeOf = new Map(programmes.map((p) => [p.activity_iri!, p]));
    const mapped = candidates.filter((c) => programmeOf.has(c.activity));

    // The people: NIP accounts on the SSO, and mboxes of linked user accounts.
    const nips = new Set<string>();
    const emails = new Set<string>();
    for (const c of mapped) {
      const a = c.actor;
      if (isObject(a.account) && typeof a.account.name === 'string' && typeof a.account.homePage === 'string' && homePages.has(trimSlash(a.account.homePage)) && /^\d{18}$/.test(a.account.name)) nips.add(a.account.name);
      else if (typeof a.mbox === 'string') emails.add(a.mbox.slice('mailto:'.length).toLowerCase());
    }
    const byNip = new Map<string, { id: number; agency_id: number }>();
    const byEmail = new Map<string, { id: number; agency_id: number }>();
    if (nips.size) for (const r of await tx.selectFrom('civil_servant').select(['id', 'agency_id', 'nip']).where('nip', 'in', [...nips]).execute()) byNip.set(r.nip, { id: Number(r.id), agency_id: r.agency_id });
    if (emails.size) {
      const rows = await tx
        .selectFrom('user_account as u')
        .innerJoin('civil_servant as cs', 'cs.id', 'u.civil_servant_id')
        .select([sql<string>`lower(u.email)`.as('email'), 'cs.id', 'cs.agency_id'])
        .where(sql<string>`lower(u.email)`, 'in', [...emails])
        .execute();
      for (const r of rows) byEmail.set(r.email, { id: Number(r.id), agency_id: r.agency_id });
    }
    const personOf = (a: JsonObject) => {
      if (isObject(a.account) && typeof a.account.name === 'string') return byNip.get(a.account.name);
      if (typeof a.mbox === 'string') return byEmail.get(a.mbox.slice('mailto:'.length).toLowerCase());
      return undefined;
    };

    const mappedActivities = new Set<string>();
    const mappedActors = new Map<string, number>();
    for (const c of mapped) {
      const p = programmeOf.get(c.activity)!;
      mappedActivities.add(c.activity);
      const person = personOf(c.actor);
      if (!person) continue;
      const ifi = ifiOf(c.actor)!;
      mappedActors.set(ifi, person.id);

      // Once per person and programme, whatever the source (an offering completion, an earlier statement).
      const earlier = await tx
        .selectFrom('learning_record')
        .select(['id', 'source', 'source_ref'])
        .where('civil_servant_id', '=', person.id)
        .where('programme_id', '=', p.id)
        .where('status', 'in', ['credited', 'held'])
        .executeTakeFirst();
      if (earlier) {
        const from = earlier.source === 'xapi' ? `statement ${earlier.source_ref}` : `${earlier.source} ${earlier.source_ref}`;
        await insertEntry(tx, { provider_id: providerId, statement_id: c.s.id, civil_servant_id: person.id, programme_id: p.id, learning_record_id: earlier.id, outcome: 'duplicate', reason: `Already recorded from ${from} (learning record ${earlier.id}).` });
        continue;
      }

      const completedAt = String(c.s.statement.timestamp);
      const jp = Number(p.jp);
      const reasons: string[] = [];
      if (p.provider_id !== providerId && !(p.partner_provider_ids ?? []).includes(providerId)) {
        reasons.push(`Reported through another provider's LRS store than the programme's provider (store ${providerId}, programme provider ${p.provider_id}).`);
      }
      const expected = jp * MINUTES_PER_JP;
      if (expected > 0) {
        const started = await firstStart(tx, providerId, ifi, c.activity);
        const elapsed = started ? (new Date(completedAt).getTime() - started.getTime()) / 60_000 : null;
        const duration = isObject(c.s.statement.result) ? durationMinutes(c.s.statement.result.duration) : null;
        const spent = Math.max(elapsed ?? -1, duration ?? -1);
        if ((elapsed !== null || duration !== null) && spent < expected * MIN_TIME_SHARE) {
          const evidence = [elapsed !== null ? `completed ${fmt(Math.max(0, elapsed))} after it was first launched` : null, duration !== null ? `result.duration ${fmt(duration)}` : null].filter(Boolean).join(', ');
          reasons.push(`Implausibly fast: ${evidence}; the programme is ${jp} JP (${fmt(expected)} expected, at least ${fmt(expected * MIN_TIME_SHARE)} needed).`);
        }
      }
      const held = reasons.length > 0;
      const recordId = await creditRecord(tx, {
        civilServantId: person.id,
        agencyId: person.agency_id,
        source: 'xapi',
        sourceRef: c.s.id,
        programmeId: p.id,
        learningForm: p.learning_form,
        title: p.title_id,
        completedOn: jakartaDate(completedAt),
        jp,
        status: held ? 'held' : 'credited',
      });
      await insertEntry(tx, { provider_id: providerId, statement_id: c.s.id, civil_servant_id: person.id, programme_id: p.id, learning_record_id: recordId, outcome: held ? 'held' : 'credited', reason: held ? reasons.join(' ') : null });
    }

    // Mapped activities and actors leave the unmapped list.
    if (mappedActivities.size) await tx.updateTable('xapi_activity').set({ mapped_at: new Date() }).where('provider_id', '=', providerId).where('id', 'in', [...mappedActivities]).where('mapped_at', 'is', null).execute();
    for (const [ifi, person] of mappedActors) await tx.updateTable('xapi_actor').set({ civil_servant_id: person }).where('provider_id', '=', providerId).where('ifi', '=', ifi).execute();
  };
}

async function insertEntry(tx: Kysely<DB>, row: { provider_id: number; statement_id: string; civil_servant_id: number; programme_id: number; learning_record_id: number | null; outcome: 'credited' | 'held' | 'duplicate'; reason: string | null }) {
  await tx.insertInto('xapi_ledger_entry').values(row).onConflict((oc) => oc.columns(['provider_id', 'statement_id']).doNothing()).execute();
}

/** The earliest launched/initialized timestamp of this actor on this activity in the store. */
async function firstStart(tx: Kysely<DB>, providerId: number, ifi: string, activity: string): Promise<Date | null> {
  const rows = await tx
    .selectFrom('xapi_statement as s')
    .innerJoin('xapi_statement_agent as g', (j) => j.onRef('g.provider_id', '=', 's.provider_id').onRef('g.seq', '=', 's.seq'))
    .select(sql<string | null>`s.statement->>'timestamp'`.as('ts'))
    .where('s.provider_id', '=', providerId)
    .where('s.verb_id', 'in', START_VERBS)
    .where('s.activity_id', '=', activity)
    .where('s.voided', '=', false)
    .where('g.agent_ifi', '=', ifi)
    .where('g.direct', '=', true)
    .limit(1000)
    .execute();
  // Timestamps may carry any offset: compare them as instants, not as text.
  const times = rows.map((r) => (r.ts ? Date.parse(r.ts) : NaN)).filter((x) => !Number.isNaN(x));
  return times.length ? new Date(Math.min(...times)) : null;
}

async function reverseVoided(tx: Kysely<DB>, providerId: number, targets: string[]) {
  const entries = await tx.selectFrom('xapi_ledger_entry').select(['statement_id', 'outcome']).where('provider_id', '=', providerId).where('statement_id', 'in', targets).execute();
  for (const e of entries) {
    if (e.outcome === 'credited' || e.outcome === 'held') await reverseRecord(tx, 'xapi', e.statement_id);
    await tx.updateTable('xapi_ledger_entry').set({ outcome: 'reversed', reason: 'The statement was voided.', updated_at: new Date() }).where('provider_id', '=', providerId).where('statement_id', '=', e.statement_id).execute();
  }
}

/** Ledger entries of the stores an admin may read, newest first (held ones first when asked). */
export function listLedgerEntries(db: Kysely<DB>, providerIds: number[] | 'all', q: { outcome?: 'credited' | 'held' | 'duplicate' | 'reversed'; limit: number }) {
  let query = db
    .selectFrom('xapi_ledger_entry as e')
    .innerJoin('provider as pr', 'pr.id', 'e.provider_id')
    .innerJoin('civil_servant as cs', 'cs.id', 'e.civil_servant_id')
    .innerJoin('programme as p', 'p.id', 'e.programme_id')
    .leftJoin('learning_record as r', 'r.id', 'e.learning_record_id')
    .select(['e.statement_id', 'pr.code as provider_code', 'e.civil_servant_id', 'cs.name as person_name', 'cs.nip', 'e.programme_id', 'p.title_id as programme_title', 'p.jp', 'e.learning_record_id', 'r.status as record_status', 'e.outcome', 'e.reason', 'e.created_at'])
    .orderBy('e.created_at', 'desc')
    .limit(q.limit);
  if (providerIds !== 'all') query = query.where('e.provider_id', 'in', providerIds.length ? providerIds : [-1]);
  if (q.outcome) query = query.where('e.outcome', '=', q.outcome);
  return query.execute();
}
