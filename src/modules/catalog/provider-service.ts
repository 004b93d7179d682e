// Providers: public profiles, the admin view (with contact persons), profile edits by the
// provider's own admins or national admins, new providers by national admins, and
// institution accreditation (national admins only, full history).
import type { Caller, Deps } from '../../context.ts';
import type { Actor } from '../../http/actor.ts';
import { problems, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { regionByCode } from '../org/regions.ts';
import { guarded } from './errors.ts';
import { adminProviders, mayAccredit, mayCreateProvider, mayEditProvider, mayReadAll, mayViewProgrammeAdmin } from './policy.ts';
import { presentAccreditation } from './programme-service.ts';
import * as repo from './repository.ts';
import { refreshProgrammes, refreshProvider, refreshSearchText } from './summary.ts';

export interface ProviderProfileInput {
  name?: string;
  descriptionId?: string | null;
  descriptionEn?: string | null;
  website?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  contacts?: { name: string; title?: string; email?: string; phone?: string }[];
  provincesServed?: string[];
}

type ProviderRow = NonNullable<Awaited<ReturnType<typeof repo.findProvider>>>;

function presentPublic(p: ProviderRow) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    owning_agency_id: p.owning_agency_id,
    description_id: p.description_id,
    description_en: p.description_en,
    website: p.website,
    email: p.email,
    phone: p.phone,
    address: p.address,
    provinces_served: p.provinces_served,
    accreditation: { grade: p.accr_grade, valid_from: p.accr_valid_from, valid_to: p.accr_valid_to, status: p.accreditation_status as 'valid' },
  };
}

const presentAdmin = (p: ProviderRow) => ({ ...presentPublic(p), contacts: Array.isArray(p.contacts) ? (p.contacts as never[]) : [] });

export async function listPublicProviders({ db }: Deps, q: { kind?: string; province?: string; limit: number; offset: number }) {
  return (await repo.listProviders(db, q)).map(presentPublic);
}

export async function getPublicProvider({ db }: Deps, id: number) {
  const p = await repo.findProvider(db, id);
  if (!p) throw problems.notFound('No such provider.');
  return presentPublic(p);
}

export async function getAdminProvider({ db }: Deps, actor: Actor, id: number) {
  const p = await repo.findProvider(db, id);
  if (!p || !(mayReadAll(actor) || adminProviders(actor).includes(id))) throw problems.notFound('No such provider.');
  return presentAdmin(p);
}

function profileErrors(input: ProviderProfileInput): FieldError[] {
  return (input.provincesServed ?? []).flatMap((code, i) => {
    const r = regionByCode(code);
    return r && r.kind === 'province' ? [] : [{ field: `body.provincesServed.${i}`, message: `"${code}" is not a province code` }];
  });
}

function profileColumns(input: ProviderProfileInput) {
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.descriptionId !== undefined) set.description_id = input.descriptionId;
  if (input.descriptionEn !== undefined) set.description_en = input.descriptionEn;
  if (input.website !== undefined) set.website = input.website;
  if (input.email !== undefined) set.email = input.email;
  if (input.phone !== undefined) set.phone = input.phone;
  if (input.address !== undefined) set.address = input.address;
  if (input.contacts !== undefined) set.contacts = JSON.stringify(input.contacts);
  if (input.provincesServed !== undefined) set.provinces_served = input.provincesServed;
  return set;
}

export async function createProvider({ db }: Deps, caller: Caller, input: ProviderProfileInput & { code: string; name: string; kind: string; owningAgencyId?: number | null }) {
  if (!caller.actor || !mayCreateProvider(caller.actor)) throw problems.forbidden('Only national admins register providers.');
  const errors = profileErrors(input);
  if (input.owningAgencyId && (await repo.agenciesExist(db, [input.owningAgencyId])).length === 0) errors.push({ field: 'body.owningAgencyId', message: `there is no agency ${input.owningAgencyId}` });
  if (input.kind === 'government_institution' && !input.owningAgencyId) errors.push({ field: 'body.owningAgencyId', message: 'a government training institution belongs to an agency' });
  if (errors.length) throw problems.validation(errors);
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('provider')
        .values({ code: input.code, name: input.name, kind: input.kind as 'university', owning_agency_id: input.owningAgencyId ?? null, ...profileColumns(input) })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await recordAudit(tx, caller, { action: 'provider.created', entityType: 'provider', entityId: row.id, scopeType: 'provider', scopeId: row.id, after: input });
      return row.id;
    }),
  );
}

export async function updateProvider({ db }: Deps, caller: Caller, id: number, input: ProviderProfileInput) {
  const actor = caller.actor;
  if (!actor) throw problems.unauthenticated();
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('provider').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before || !(mayReadAll(actor) || mayEditProvider(actor, id))) throw problems.notFound('No such provider.');
      if (!mayEditProvider(actor, id)) throw problems.forbidden('Only the provider\'s own admins and national admins edit its profile.');
      const errors = profileErrors(input);
      if (errors.length) throw problems.validation(errors);
      await tx.updateTable('provider').set({ ...profileColumns(input), updated_at: new Date() }).where('id', '=', id).execute();
      if (input.name !== undefined) {
        // Provider names are part of their programmes' search text.
        const ids = (await tx.selectFrom('programme_partner').select('programme_id').where('provider_id', '=', id).execute()).map((r) => r.programme_id);
        for (const pid of ids) await refreshSearchText(tx, pid);
      }
      await recordAudit(tx, caller, { action: 'provider.updated', entityType: 'provider', entityId: id, scopeType: 'provider', scopeId: id, before, after: input });
    }),
  );
}

// ---------- accreditation ----------

export interface AccreditationInput {
  scheme?: 'current' | 'legacy';
  grade: 'A' | 'B' | 'C';
  category?: string;
  validFrom: string;
  validTo: string;
  decisionNumber: string;
  documents?: { name: string; url?: string }[];
  notes?: string;
}

function accreditationErrors(input: AccreditationInput, programme: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (input.validTo <= input.validFrom) errors.push({ field: 'body.validTo', message: `is not after validFrom (${input.validFrom})` });
  if (programme && (input.scheme ?? 'current') === 'current' && input.grade === 'C') errors.push({ field: 'body.grade', message: 'programme grades are A or B (C only exists in the older scheme: scheme "legacy")' });
  return errors;
}

export async function providerAccreditations({ db }: Deps, actor: Actor, id: number) {
  if (!(mayReadAll(actor) || adminProviders(actor).includes(id))) throw problems.notFound('No such provider.');
  if (!(await repo.findProvider(db, id))) throw problems.notFound('No such provider.');
  return (await repo.providerAccreditations(db, id)).map(presentAccreditation);
}

export async function accreditProvider({ db }: Deps, caller: Caller, id: number, input: AccreditationInput) {
  if (!caller.actor || !mayAccredit(caller.actor)) throw problems.forbidden('Only national admins accredit.');
  const errors = accreditationErrors(input, false);
  if (errors.length) throw problems.validation(errors);
  const label = caller.actor.label;
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const p = await tx.selectFrom('provider').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!p) throw problems.notFound('No such provider.');
      const row = await tx
        .insertInto('provider_accreditation')
        .values({ provider_id: id, grade: input.grade, category: input.category ?? null, valid_from: input.validFrom, valid_to: input.validTo, decision_number: input.decisionNumber, documents: JSON.stringify(input.documents ?? []), notes: input.notes ?? null, recorded_by: label })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await refreshProvider(tx, id);
      await recordAudit(tx, caller, { action: 'provider.accredited', entityType: 'provider_accreditation', entityId: row.id, scopeType: 'provider', scopeId: id, after: input });
      return row.id;
    }),
  );
}

export async function programmeAccreditations({ db }: Deps, actor: Actor, id: number) {
  const facts = await repo.programmeFacts(db, id);
  if (!facts || !mayViewProgrammeAdmin(actor, facts)) throw problems.notFound('No such programme.');
  return (await repo.programmeAccreditations(db, id)).map(presentAccreditation);
}

export async function accreditProgramme({ db }: Deps, caller: Caller, id: number, input: AccreditationInput) {
  if (!caller.actor || !mayAccredit(caller.actor)) throw problems.forbidden('Only national admins accredit.');
  const errors = accreditationErrors(input, true);
  if (errors.length) throw problems.validation(errors);
  const label = caller.actor.label;
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const p = await repo.lockProgramme(tx, id);
      if (!p) throw problems.notFound('No such programme.');
      const row = await tx
        .insertInto('programme_accreditation')
        .values({ programme_id: id, scheme: input.scheme ?? 'current', grade: input.grade, valid_from: input.validFrom, valid_to: input.validTo, decision_number: input.decisionNumber, documents: JSON.stringify(input.documents ?? []), notes: input.notes ?? null, recorded_by: label })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await refreshProgrammes(tx, [id]);
      await recordAudit(tx, caller, { action: 'programme.accredited', entityType: 'programme_accreditation', entityId: row.id, scopeType: 'provider', scopeId: p.provider_id, after: input });
      return row.id;
    }),
  );
}
