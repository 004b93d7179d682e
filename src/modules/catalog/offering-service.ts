// Offerings (angkatan): dates, registration window, capacity, per-agency quotas, venue or online
// link, fee, status; and their sessions, each delivered by one partner of the programme.
import type { Kysely } from 'kysely';
import type { Caller, Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { problems, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { guarded } from './errors.ts';
import { adminProviders, mayManageProgramme, mayManageSession, mayViewProgrammeAdmin } from './policy.ts';
import * as repo from './repository.ts';
import { offeringErrors, sessionErrors, type OfferingShape } from './rules.ts';
import { refreshProgrammes } from './summary.ts';

export interface OfferingInput {
  code?: string;
  name?: string | null;
  startDate?: string;
  endDate?: string;
  registrationOpens?: string;
  registrationCloses?: string;
  capacity?: number;
  quotas?: { agencyId: number; seats: number }[];
  mode?: 'offline' | 'online' | 'blended';
  provinceCode?: string | null;
  regencyCode?: string | null;
  venue?: string | null;
  onlineUrl?: string | null;
  fee?: number;
  status?: string;
}

export interface SessionInput {
  providerId?: number;
  title?: string;
  module?: string | null;
  startsAt?: string;
  endsAt?: string;
  jp?: number | null;
  location?: string | null;
}

const actorOf = (caller: Caller): Actor => {
  if (!caller.actor) throw problems.unauthenticated();
  return caller.actor;
};

async function agencyErrors(db: Kysely<DB>, quotas: { agencyId: number }[]): Promise<FieldError[]> {
  const found = new Set((await repo.agenciesExist(db, [...new Set(quotas.map((q) => q.agencyId))])).map((a) => a.id));
  return quotas.flatMap((q, i) => (found.has(q.agencyId) ? [] : [{ field: `body.quotas.${i}.agencyId`, message: `there is no agency ${q.agencyId}` }]));
}

function statusErrors(status: string | undefined, programmeStatus: string): FieldError[] {
  if (status && ['open', 'running', 'completed'].includes(status) && programmeStatus !== 'published') {
    return [{ field: 'body.status', message: `cannot be ${status} while the programme is ${programmeStatus}; publish the programme first` }];
  }
  return [];
}

async function writeQuotas(db: Kysely<DB>, offeringId: number, quotas: { agencyId: number; seats: number }[]) {
  await db.deleteFrom('offering_quota').where('offering_id', '=', offeringId).execute();
  if (quotas.length) await db.insertInto('offering_quota').values(quotas.map((q) => ({ offering_id: offeringId, agency_id: q.agencyId, seats: q.seats }))).execute();
}

export async function createOffering({ db }: Deps, caller: Caller, programmeId: number, input: OfferingInput & Required<Pick<OfferingInput, 'code' | 'startDate' | 'endDate' | 'registrationOpens' | 'registrationCloses' | 'capacity' | 'mode'>>) {
  const actor = actorOf(caller);
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const p = await repo.lockProgramme(tx, programmeId);
      if (!p || !mayViewProgrammeAdmin(actor, p)) throw problems.notFound('No such programme.');
      if (!mayManageProgramme(actor, p)) throw problems.forbidden("Only the lead provider's admins and national admins add offerings.");
      if (p.status === 'archived') throw problems.conflict('An archived programme takes no new offerings.');
      const shape: OfferingShape = { ...input, quotas: input.quotas ?? [] };
      const errors = [...offeringErrors(shape), ...statusErrors(input.status, p.status), ...(await agencyErrors(tx, shape.quotas))];
      if (errors.length) throw problems.validation(errors);
      const row = await tx
        .insertInto('offering')
        .values({
          programme_id: programmeId,
          code: input.code,
          name: input.name ?? null,
          start_date: input.startDate,
          end_date: input.endDate,
          registration_opens: input.registrationOpens,
          registration_closes: input.registrationCloses,
          capacity: input.capacity,
          mode: input.mode,
          province_code: input.provinceCode ?? null,
          regency_code: input.regencyCode ?? null,
          venue: input.venue ?? null,
          online_url: input.onlineUrl ?? null,
          fee: input.fee ?? 0,
          status: input.status ?? 'planned',
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await writeQuotas(tx, row.id, shape.quotas);
      await refreshProgrammes(tx, [programmeId]);
      await recordAudit(tx, caller, { action: 'offering.created', entityType: 'offering', entityId: row.id, scopeType: 'provider', scopeId: p.provider_id, after: { programmeId, ...input } });
      return row.id;
    }),
  );
}

export async function updateOffering({ db }: Deps, caller: Caller, id: number, input: OfferingInput) {
  const actor = actorOf(caller);
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const o = await repo.lockOffering(tx, id);
      const p = o ? await repo.lockProgramme(tx, o.programme_id) : undefined;
      if (!o || !p || !mayViewProgrammeAdmin(actor, p)) throw problems.notFound('No such offering.');
      if (!mayManageProgramme(actor, p)) throw problems.forbidden("Only the lead provider's admins and national admins change offerings.");
      const currentQuotas = await tx.selectFrom('offering_quota').select(['agency_id as agencyId', 'seats']).where('offering_id', '=', id).execute();
      const merged: OfferingShape = {
        startDate: input.startDate ?? o.start_date,
        endDate: input.endDate ?? o.end_date,
        registrationOpens: input.registrationOpens ?? o.registration_opens,
        registrationCloses: input.registrationCloses ?? o.registration_closes,
        capacity: input.capacity ?? o.capacity,
        enrolledCount: o.enrolled_count,
        quotas: input.quotas ?? currentQuotas,
        mode: input.mode ?? o.mode,
        provinceCode: input.provinceCode !== undefined ? input.provinceCode : o.province_code,
        regencyCode: input.regencyCode !== undefined ? input.regencyCode : o.regency_code,
        onlineUrl: input.onlineUrl !== undefined ? input.onlineUrl : o.online_url,
      };
      const errors = [...offeringErrors(merged), ...statusErrors(input.status, p.status), ...(input.quotas ? await agencyErrors(tx, input.quotas) : [])];
      // Sessions must stay inside the offering's dates.
      if (input.startDate || input.endDate) {
        const outside = await tx
          .selectFrom('offering_session')
          .select('id')
          .where('offering_id', '=', id)
          .where((eb) =>
            eb.or([
              eb(eb.fn('date', [eb.fn('timezone', [eb.val('Asia/Jakarta'), eb.ref('starts_at')])]), '<', merged.startDate),
              eb(eb.fn('date', [eb.fn('timezone', [eb.val('Asia/Jakarta'), eb.ref('ends_at')])]), '>', merged.endDate),
            ]),
          )
          .execute();
        if (outside.length) errors.push({ field: input.startDate ? 'body.startDate' : 'body.endDate', message: `${outside.length} session(s) would fall outside the new dates; move them first` });
      }
      if (errors.length) throw problems.validation(errors);
      const set: Record<string, unknown> = { updated_at: new Date() };
      const columns: [keyof OfferingInput, string][] = [
        ['name', 'name'],
        ['startDate', 'start_date'],
        ['endDate', 'end_date'],
        ['registrationOpens', 'registration_opens'],
        ['registrationCloses', 'registration_closes'],
        ['capacity', 'capacity'],
        ['mode', 'mode'],
        ['provinceCode', 'province_code'],
        ['regencyCode', 'regency_code'],
        ['venue', 'venue'],
        ['onlineUrl', 'online_url'],
        ['fee', 'fee'],
        ['status', 'status'],
      ];
      for (const [k, c] of columns) if (input[k] !== undefined) set[c] = input[k];
      await tx.updateTable('offering').set(set).where('id', '=', id).execute();
      if (input.quotas) await writeQuotas(tx, id, input.quotas);
      await refreshProgrammes(tx, [o.programme_id]);
      await recordAudit(tx, caller, { action: 'offering.updated', entityType: 'offering', entityId: id, scopeType: 'provider', scopeId: p.provider_id, before: { ...o, quotas: currentQuotas }, after: input });
    }),
  );
}

async function sessionContext(tx: Kysely<DB>, actor: Actor, offeringId: number) {
  const o = await repo.findOffering(tx, offeringId);
  const p = o ? await repo.programmeFacts(tx, o.programme_id) : undefined;
  if (!o || !p || !mayViewProgrammeAdmin(actor, p)) return undefined;
  return { o, p };
}

export async function createSession({ db }: Deps, caller: Caller, offeringId: number, input: SessionInput & { title: string; startsAt: string; endsAt: string }) {
  const actor = actorOf(caller);
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const ctx = await sessionContext(tx, actor, offeringId);
      if (!ctx) throw problems.notFound('No such offering.');
      let providerId = input.providerId;
      if (providerId === undefined) {
        // A partner's admin adds sessions for their own provider; the lead must say who delivers.
        const mine = adminProviders(actor).filter((id) => ctx.p.partner_provider_ids.includes(id));
        providerId = mine.length === 1 ? mine[0] : mayManageProgramme(actor, ctx.p) ? ctx.p.provider_id : undefined;
        if (providerId === undefined) throw problems.validation([{ field: 'body.providerId', message: 'is required: say which partner delivers the session' }]);
      }
      if (!mayManageSession(actor, ctx.p, providerId)) throw problems.forbidden('Partners add sessions they deliver themselves; the lead manages the rest.');
      const errors: FieldError[] = [];
      if (!ctx.p.partner_provider_ids.includes(providerId)) errors.push({ field: 'body.providerId', message: `provider ${providerId} is not a partner of this programme` });
      errors.push(...sessionErrors({ startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) }, ctx.o));
      if (errors.length) throw problems.validation(errors);
      const row = await tx
        .insertInto('offering_session')
        .values({ offering_id: offeringId, provider_id: providerId, title: input.title, module: input.module ?? null, starts_at: input.startsAt, ends_at: input.endsAt, jp: input.jp ?? null, location: input.location ?? null })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await recordAudit(tx, caller, { action: 'session.created', entityType: 'offering_session', entityId: row.id, scopeType: 'provider', scopeId: providerId, after: { offeringId, ...input, providerId } });
      return row.id;
    }),
  );
}

export async function updateSession({ db }: Deps, caller: Caller, id: number, input: SessionInput) {
  const actor = actorOf(caller);
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const s = await tx.selectFrom('offering_session').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      const ctx = s ? await sessionContext(tx, actor, s.offering_id) : undefined;
      if (!s || !ctx) throw problems.notFound('No such session.');
      // A partner who does not deliver this session does not see it either.
      if (!mayManageSession(actor, ctx.p, s.provider_id)) throw problems.notFound('No such session.');
      const providerId = input.providerId ?? s.provider_id;
      if (providerId !== s.provider_id && !mayManageProgramme(actor, ctx.p)) throw problems.forbidden('Only the lead reassigns a session to another partner.');
      const errors: FieldError[] = [];
      if (!ctx.p.partner_provider_ids.includes(providerId)) errors.push({ field: 'body.providerId', message: `provider ${providerId} is not a partner of this programme` });
      errors.push(...sessionErrors({ startsAt: new Date(input.startsAt ?? s.starts_at), endsAt: new Date(input.endsAt ?? s.ends_at) }, ctx.o));
      if (errors.length) throw problems.validation(errors);
      const set: Record<string, unknown> = { provider_id: providerId };
      if (input.title !== undefined) set.title = input.title;
      if (input.module !== undefined) set.module = input.module;
      if (input.startsAt !== undefined) set.starts_at = input.startsAt;
      if (input.endsAt !== undefined) set.ends_at = input.endsAt;
      if (input.jp !== undefined) set.jp = input.jp;
      if (input.location !== undefined) set.location = input.location;
      await tx.updateTable('offering_session').set(set).where('id', '=', id).execute();
      await recordAudit(tx, caller, { action: 'session.updated', entityType: 'offering_session', entityId: id, scopeType: 'provider', scopeId: providerId, before: s, after: input });
    }),
  );
}

export async function deleteSession({ db }: Deps, caller: Caller, id: number) {
  const actor = actorOf(caller);
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const s = await tx.selectFrom('offering_session').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      const ctx = s ? await sessionContext(tx, actor, s.offering_id) : undefined;
      if (!s || !ctx) throw problems.notFound('No such session.');
      if (!mayManageSession(actor, ctx.p, s.provider_id)) throw problems.notFound('No such session.');
      await tx.deleteFrom('offering_session').where('id', '=', id).execute();
      await recordAudit(tx, caller, { action: 'session.deleted', entityType: 'offering_session', entityId: id, scopeType: 'provider', scopeId: s.provider_id, before: s });
    }),
  );
}

export async function getAdminOffering({ db }: Deps, actor: Actor, id: number) {
  const o = await repo.findOffering(db, id);
  const p = o ? await repo.programmeFacts(db, o.programme_id) : undefined;
  if (!o || !p || !mayViewProgrammeAdmin(actor, p)) throw problems.notFound('No such offering.');
  return o.programme_id;
}
