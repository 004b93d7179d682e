// Programmes: create, edit, partners (joint programmes), lifecycle draft → submitted →
// published → archived with the national review of leadership programmes. Every write runs
// in one transaction with its audit record; nothing is partially applied.
import type { Kysely } from 'kysely';
import type { Caller, Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { Problem, problems, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { DICTIONARY_V1 } from '../competency/dictionary-v1.ts';
import { regionByCode } from '../org/regions.ts';
import { guarded } from './errors.ts';
import { adminProviders, isNationalAdmin, mayCreateProgrammeFor, mayManageProgramme, mayReadAll, mayReview, mayViewProgrammeAdmin, programmeListScope } from './policy.ts';
import * as repo from './repository.ts';
import { competencyErrors, eligibilityErrors, needsNationalReview, partnerErrors, publishErrors, todayJakarta, type CompetencyTarget, type PartnerInput } from './rules.ts';
import { refreshProgramme } from './summary.ts';
import { programmeHasEnrolments as learningHasEnrolments } from '../learning/repository.ts';

export interface ProgrammeInput {
  providerId?: number;
  code?: string;
  titleId?: string;
  titleEn?: string | null;
  descriptionId?: string | null;
  descriptionEn?: string | null;
  category?: string;
  learningForm?: string;
  jp?: number;
  competencies?: CompetencyTarget[];
  eligibility?: { positionTiers?: string[]; rankMin?: string | null; rankMax?: string | null; prerequisites?: number[] };
  languages?: string[];
  activityIri?: string | null;
  partners?: PartnerInput[];
}

/** Whether anyone has an enrolment (not withdrawn or rejected) in any offering of the programme; asked of the learning module. */
export async function programmeHasEnrolments(db: Kysely<DB>, programmeId: number): Promise<boolean> {
  return learningHasEnrolments(db, programmeId);
}

const competencyNames = new Map(DICTIONARY_V1.map((c) => [c.code, { id: c.nameId, en: c.nameEn }]));
const num = (v: string | number | null) => (v === null ? null : Number(v));

function caller$(caller: Caller): Actor {
  if (!caller.actor) throw problems.unauthenticated();
  return caller.actor;
}

// ---------- reads ----------

async function assemble(db: Kysely<DB>, id: number) {
  const p = await repo.findProgramme(db, id);
  if (!p) return undefined;
  const [competencies, prerequisites, partners] = await Promise.all([repo.programmeCompetencies(db, id), repo.programmePrerequisites(db, id), repo.programmePartners(db, id)]);
  return {
    row: p,
    view: {
      id: p.id,
      code: p.code,
      title_id: p.title_id,
      title_en: p.title_en,
      description_id: p.description_id,
      description_en: p.description_en,
      category: p.category,
      learning_form: p.learning_form,
      jp: p.jp,
      languages: p.languages,
      activity_iri: p.activity_iri,
      quality: num(p.quality),
      eligibility: { position_tiers: p.position_tiers, rank_min: p.rank_min, rank_max: p.rank_max, prerequisites },
      competencies: competencies.map((c) => ({ code: c.code, name_id: competencyNames.get(c.code)?.id ?? null, name_en: competencyNames.get(c.code)?.en ?? null, level_from: c.level_from, level_to: c.level_to })),
      provider: { id: p.provider_id, code: p.provider_code, name: p.provider_name, kind: p.provider_kind, accreditation_status: p.provider_accreditation_status },
      partners: partners.map((x) => ({ ...x, modules: x.modules ?? [] })),
      accreditation: { grade: p.accr_grade, valid_from: p.accr_valid_from, valid_to: p.accr_valid_to, status: p.accreditation_status },
    },
  };
}

function offeringView(o: Awaited<ReturnType<typeof repo.offeringsOf>>[number], today: string) {
  const province = o.province_code ? regionByCode(o.province_code) : undefined;
  const regency = o.regency_code ? regionByCode(o.regency_code) : undefined;
  return {
    ...o,
    fee: Number(o.fee),
    province_name: province?.name ?? null,
    regency_name: regency?.name ?? null,
    registration_open_now: o.status === 'open' && o.registration_opens <= today && today <= o.registration_closes && o.seats_left > 0,
  };
}

/** The public programme page: published programmes only, no personal data. */
export async function getPublicProgramme({ db }: Deps, id: number) {
  const found = await assemble(db, id);
  if (!found || found.row.status !== 'published') throw problems.notFound('No such published programme.');
  const today = todayJakarta();
  const offerings = await repo.offeringsOf(db, id, { upcomingOnly: true, publicOnly: true });
  const sessions = await repo.sessionsOf(db, offerings.map((o) => o.id));
  return {
    ...found.view,
    offerings: offerings.map((o) => ({ ...offeringView(o, today), sessions: sessions.filter((s) => s.offering_id === o.id) })),
  };
}

function partOf(actor: Actor, facts: repo.ProgrammeFactsLike): 'manager' | 'partner' | 'reader' {
  if (mayManageProgramme(actor, facts)) return 'manager';
  const mine = adminProviders(actor);
  if (facts.partner_provider_ids.some((p) => mine.includes(p))) return 'partner';
  return 'reader';
}

/** The admin view: every partner sees the programme; a non-lead partner sees only its own sessions and no quotas. */
export async function getAdminProgramme({ db }: Deps, actor: Actor, id: number) {
  const facts = await repo.programmeFacts(db, id);
  if (!facts || !mayViewProgrammeAdmin(actor, facts)) throw problems.notFound('No such programme.');
  const found = await assemble(db, id);
  if (!found) throw problems.notFound('No such programme.');
  const part = partOf(actor, facts);
  const full = part === 'manager' || mayReadAll(actor);
  const today = todayJakarta();
  const offerings = await repo.offeringsOf(db, id, { upcomingOnly: false, publicOnly: false });
  const ids = offerings.map((o) => o.id);
  const [quotas, sessions, accreditations] = await Promise.all([
    full ? repo.quotasOf(db, ids) : Promise.resolve([]),
    repo.sessionsOf(db, ids, full ? undefined : adminProviders(actor)),
    repo.programmeAccreditations(db, id),
  ]);
  return {
    ...found.view,
    status: found.row.status,
    review_status: found.row.review_status,
    review_note: found.row.review_note,
    published_at: found.row.published_at,
    updated_at: found.row.updated_at,
    my_part: part,
    offerings: offerings.map((o) => ({
      ...offeringView(o, today),
      online_url: o.online_url,
      quotas: quotas.filter((q) => q.offering_id === o.id),
      sessions: sessions.filter((s) => s.offering_id === o.id),
    })),
    accreditations: accreditations.map(presentAccreditation),
  };
}

export function presentAccreditation<T extends { documents: unknown }>(a: T) {
  return { ...a, documents: Array.isArray(a.documents) ? a.documents : [] };
}

export async function listAdminProgrammes({ db }: Deps, actor: Actor, q: { status?: string; review?: string; limit: number; offset: number }) {
  const rows = await repo.listProgrammes(db, programmeListScope(actor), q);
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    title_id: p.title_id,
    title_en: p.title_en,
    category: p.category,
    learning_form: p.learning_form,
    jp: p.jp,
    status: p.status,
    review_status: p.review_status,
    provider: { id: p.provider_id, code: p.provider_code, name: p.provider_name, kind: p.provider_kind, accreditation_status: p.provider_accreditation_status },
    accreditation: { grade: p.accr_grade, valid_from: p.accr_valid_from, valid_to: p.accr_valid_to, status: p.accreditation_status },
    my_part: partOf(actor, p),
    updated_at: p.updated_at,
  }));
}

// ---------- validation shared by create and edit ----------

async function referenceErrors(db: Kysely<DB>, input: ProgrammeInput, selfId: number | null): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.competencies) errors.push(...competencyErrors(input.competencies));
  if (input.eligibility) {
    errors.push(...eligibilityErrors(input.eligibility));
    const prereqs = input.eligibility.prerequisites ?? [];
    const found = new Set((await repo.programmesExist(db, prereqs)).map((r) => r.id));
    prereqs.forEach((id, i) => {
      if (id === selfId) errors.push({ field: `body.eligibility.prerequisites.${i}`, message: 'a programme cannot be its own prerequisite' });
      else if (!found.has(id)) errors.push({ field: `body.eligibility.prerequisites.${i}`, message: `there is no programme ${id}` });
    });
  }
  return errors;
}

async function partnerReferenceErrors(db: Kysely<DB>, partners: PartnerInput[], field = 'body.partners'): Promise<FieldError[]> {
  const errors = partnerErrors(partners, field);
  const found = new Set((await repo.providersExist(db, partners.map((p) => p.providerId))).map((p) => p.id));
  partners.forEach((p, i) => {
    if (!found.has(p.providerId)) errors.push({ field: `${field}.${i}.providerId`, message: `there is no provider ${p.providerId}` });
  });
  return errors;
}

async function writeCompetencies(db: Kysely<DB>, id: number, items: CompetencyTarget[]) {
  await db.deleteFrom('programme_competency').where('programme_id', '=', id).execute();
  if (items.length) await db.insertInto('programme_competency').values(items.map((c) => ({ programme_id: id, competency_code: c.code, level_from: c.levelFrom, level_to: c.levelTo }))).execute();
}

async function writePrerequisites(db: Kysely<DB>, id: number, ids: number[]) {
  await db.deleteFrom('programme_prerequisite').where('programme_id', '=', id).execute();
  if (ids.length) await db.insertInto('programme_prerequisite').values(ids.map((p) => ({ programme_id: id, prerequisite_id: p }))).execute();
}

async function writePartners(db: Kysely<DB>, id: number, partners: PartnerInput[]) {
  await db.deleteFrom('programme_partner').where('programme_id', '=', id).execute();
  await db
    .insertInto('programme_partner')
    .values(partners.map((p) => ({ programme_id: id, provider_id: p.providerId, roles: p.roles, contribution: p.contribution ?? null, modules: p.modules ?? [] })))
    .execute();
}

// ---------- writes ----------

export async function createProgramme({ db }: Deps, caller: Caller, input: ProgrammeInput & { code: string; titleId: string; category: string; learningForm: string; jp: number }) {
  const actor = caller$(caller);
  let lead = input.providerId ?? input.partners?.find((p) => p.roles.includes('lead'))?.providerId;
  if (lead === undefined) {
    const mine = adminProviders(actor);
    if (mine.length !== 1) throw problems.validation([{ field: 'body.providerId', message: 'is required: say which provider leads the programme' }]);
    lead = mine[0];
  }
  if (!mayCreateProgrammeFor(actor, lead)) throw problems.forbidden('You may only create programmes led by a provider you administer.');
  const partners = input.partners ?? [{ providerId: lead, roles: ['lead'] }];
  const errors = [...(await referenceErrors(db, input, null)), ...(await partnerReferenceErrors(db, partners))];
  const leadPartner = partners.find((p) => p.roles.includes('lead'));
  if (leadPartner && leadPartner.providerId !== lead) errors.push({ field: 'body.partners', message: `the lead partner must be the programme's provider (${lead})` });
  if (errors.length) throw problems.validation(errors);

  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('programme')
        .values({
          provider_id: lead,
          code: input.code,
          title_id: input.titleId,
          title_en: input.titleEn ?? null,
          description_id: input.descriptionId ?? null,
          description_en: input.descriptionEn ?? null,
          category: input.category,
          learning_form: input.learningForm,
          jp: input.jp,
          position_tiers: input.eligibility?.positionTiers ?? [],
          rank_min: input.eligibility?.rankMin ?? null,
          rank_max: input.eligibility?.rankMax ?? null,
          languages: input.languages ?? ['id'],
          activity_iri: input.activityIri ?? null,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await writeCompetencies(tx, row.id, input.competencies ?? []);
      await writePrerequisites(tx, row.id, input.eligibility?.prerequisites ?? []);
      await writePartners(tx, row.id, partners);
      await refreshProgramme(tx, row.id);
      await recordAudit(tx, caller, { action: 'programme.created', entityType: 'programme', entityId: row.id, scopeType: 'provider', scopeId: lead, after: input });
      return row.id;
    }),
  );
}

async function lockForManager(tx: Kysely<DB>, actor: Actor, id: number) {
  const p = await repo.lockProgramme(tx, id);
  if (!p || !mayViewProgrammeAdmin(actor, p)) throw problems.notFound('No such programme.');
  if (!mayManageProgramme(actor, p)) throw problems.forbidden("Only the lead provider's admins and national admins manage this programme.");
  return p;
}

export async function updateProgramme({ db }: Deps, caller: Caller, id: number, input: ProgrammeInput) {
  const actor = caller$(caller);
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const before = await lockForManager(tx, actor, id);
      if (before.status === 'submitted') throw problems.conflict('The programme is awaiting review or publication; it cannot change until it is published or returned to draft.');
      if (before.status === 'archived') throw problems.conflict('An archived programme cannot change.');
      const errors = await referenceErrors(tx, input, id);
      if (before.status === 'published') {
        if (input.category !== undefined && input.category !== before.category) errors.push({ field: 'body.category', message: 'cannot change once the programme is published' });
        if (input.jp !== undefined && input.jp !== before.jp && (await programmeHasEnrolments(tx, id))) {
          throw new Problem(409, 'conflict', 'Conflict', 'body.jp: the JP of a published programme cannot change once people are enrolled', { errors: [{ field: 'body.jp', message: 'cannot change: people are enrolled' }] });
        }
      }
      const rankMin = input.eligibility?.rankMin !== undefined ? input.eligibility.rankMin : before.rank_min;
      const rankMax = input.eligibility?.rankMax !== undefined ? input.eligibility.rankMax : before.rank_max;
      errors.push(...eligibilityErrors({ rankMin, rankMax }).filter((e) => !errors.some((x) => x.field === e.field)));
      if (errors.length) throw problems.validation(errors);
      const set: Record<string, unknown> = { updated_at: new Date() };
      if (input.titleId !== undefined) set.title_id = input.titleId;
      if (input.titleEn !== undefined) set.title_en = input.titleEn;
      if (input.descriptionId !== undefined) set.description_id = input.descriptionId;
      if (input.descriptionEn !== undefined) set.description_en = input.descriptionEn;
      if (input.category !== undefined) set.category = input.category;
      if (input.learningForm !== undefined) set.learning_form = input.learningForm;
      if (input.jp !== undefined) set.jp = input.jp;
      if (input.languages !== undefined) set.languages = input.languages;
      if (input.activityIri !== undefined) set.activity_iri = input.activityIri;
      if (input.eligibility?.positionTiers !== undefined) set.position_tiers = input.eligibility.positionTiers;
      set.rank_min = rankMin;
      set.rank_max = rankMax;
      await tx.updateTable('programme').set(set).where('id', '=', id).execute();
      if (input.competencies) await writeCompetencies(tx, id, input.competencies);
      if (input.eligibility?.prerequisites) await writePrerequisites(tx, id, input.eligibility.prerequisites);
      if (before.status === 'published' && input.competencies?.length === 0) throw problems.validation([{ field: 'body.competencies', message: 'a published programme needs at least one targeted competency' }]);
      await refreshProgramme(tx, id);
      await recordAudit(tx, caller, { action: 'programme.updated', entityType: 'programme', entityId: id, scopeType: 'provider', scopeId: before.provider_id, before: pick(before, input), after: input });
    }),
  );
}

/** The columns of `before` that the change touches, for the audit record. */
function pick(before: Record<string, unknown>, input: ProgrammeInput) {
  const map: Record<string, string> = { titleId: 'title_id', titleEn: 'title_en', descriptionId: 'description_id', descriptionEn: 'description_en', category: 'category', learningForm: 'learning_form', jp: 'jp', languages: 'languages', activityIri: 'activity_iri' };
  return Object.fromEntries(Object.keys(input).filter((k) => map[k]).map((k) => [k, before[map[k]]]));
}

export async function replacePartners({ db }: Deps, caller: Caller, id: number, partners: PartnerInput[]) {
  const actor = caller$(caller);
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const before = await lockForManager(tx, actor, id);
      if (before.status === 'archived') throw problems.conflict('An archived programme cannot change.');
      const errors = await partnerReferenceErrors(tx, partners);
      if (errors.length) throw problems.validation(errors);
      const lead = partners.find((p) => p.roles.includes('lead'))!.providerId;
      if (lead !== before.provider_id && !isNationalAdmin(actor)) throw problems.forbidden('Only national admins hand the lead of a programme to another provider.');
      // A partner that still delivers sessions cannot be dropped.
      const kept = new Set(partners.map((p) => p.providerId));
      const orphaned = await tx
        .selectFrom('offering_session as s')
        .innerJoin('offering as o', 'o.id', 's.offering_id')
        .select(['s.provider_id'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('o.programme_id', '=', id)
        .groupBy('s.provider_id')
        .execute();
      const stuck = orphaned.filter((o) => !kept.has(o.provider_id));
      if (stuck.length) throw problems.conflict(`body.partners: provider ${stuck.map((s) => `${s.provider_id} (${s.n} sessions)`).join(', ')} still delivers sessions; reassign or remove them first`);
      const previous = await repo.programmePartners(tx, id);
      await writePartners(tx, id, partners);
      await tx.updateTable('programme').set({ provider_id: lead, updated_at: new Date() }).where('id', '=', id).execute();
      await refreshProgramme(tx, id);
      await recordAudit(tx, caller, {
        action: 'programme.partners_replaced',
        entityType: 'programme',
        entityId: id,
        scopeType: 'provider',
        scopeId: lead,
        before: previous.map((p) => ({ providerId: p.provider_id, roles: p.roles })),
        after: partners,
      });
    }),
  );
}

async function completenessErrors(tx: Kysely<DB>, p: { id: number; title_en: string | null; description_id: string | null; description_en: string | null; languages: string[]; activity_iri: string | null }) {
  const competencies = await repo.programmeCompetencies(tx, p.id);
  const partners = await repo.programmePartners(tx, p.id);
  return publishErrors({ ...p, competencyCount: competencies.length, hasLead: partners.some((x) => x.roles.includes('lead')) });
}

export type Transition = 'submit' | 'publish' | 'archive';

export async function transition({ db }: Deps, caller: Caller, id: number, step: Transition) {
  const actor = caller$(caller);
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const p = await lockForManager(tx, actor, id);
      const reviewed = needsNationalReview(p.category);
      const set: Record<string, unknown> = { updated_at: new Date() };
      if (step === 'submit') {
        if (p.status !== 'draft') throw problems.conflict(`Only a draft can be submitted; this programme is ${p.status}.`);
        const errors = await completenessErrors(tx, p);
        if (errors.length) throw problems.validation(errors);
        set.status = 'submitted';
        set.review_status = reviewed ? 'pending' : 'not_required';
      } else if (step === 'publish') {
        if (p.status !== 'submitted') throw problems.conflict(`Only a submitted programme can be published; this programme is ${p.status}.`);
        if (reviewed && p.review_status !== 'approved') throw problems.conflict('This leadership programme needs the national review (approval by LAN) before it is published.');
        const errors = await completenessErrors(tx, p);
        if (errors.length) throw problems.validation(errors);
        set.status = 'published';
        set.published_at = new Date();
      } else {
        if (p.status === 'archived') throw problems.conflict('The programme is already archived.');
        set.status = 'archived';
      }
      await tx.updateTable('programme').set(set).where('id', '=', id).execute();
      await recordAudit(tx, caller, { action: `programme.${step === 'submit' ? 'submitted' : step === 'publish' ? 'published' : 'archived'}`, entityType: 'programme', entityId: id, scopeType: 'provider', scopeId: p.provider_id, before: { status: p.status, review_status: p.review_status }, after: set });
    }),
  );
}

export async function review({ db }: Deps, caller: Caller, id: number, decision: 'approve' | 'return', note: string | undefined) {
  const actor = caller$(caller);
  if (!mayReview(actor)) throw problems.forbidden('Only national admins review programmes.');
  return guarded(() =>
    db.transaction().execute(async (tx) => {
      const p = await repo.lockProgramme(tx, id);
      if (!p) throw problems.notFound('No such programme.');
      if (p.status !== 'submitted' || p.review_status !== 'pending') throw problems.conflict(`Nothing to review: the programme is ${p.status} (review ${p.review_status}).`);
      if (decision === 'return' && !note) throw problems.validation([{ field: 'body.note', message: 'say why the programme is returned' }]);
      const set = decision === 'approve' ? { review_status: 'approved', review_note: note ?? null } : { status: 'draft', review_status: 'returned', review_note: note ?? null };
      await tx.updateTable('programme').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
      await recordAudit(tx, caller, { action: `programme.review_${decision === 'approve' ? 'approved' : 'returned'}`, entityType: 'programme', entityId: id, scopeType: 'provider', scopeId: p.provider_id, before: { status: p.status, review_status: p.review_status }, after: set });
    }),
  );
}
