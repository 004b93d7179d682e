// Training evaluation (Kirkpatrick):
//   level 1  the participant's reaction survey, once per completion (questions per programme, 1–5)
//   level 2  pre/post test scores (0–100) per participant of an offering, by the provider
//   level 3  the supervisor's follow-up, due some months after completion (default 3), with reminders
//   level 4  results of leadership programmes: the change project (aksi perubahan) and its outcome
// Scores roll up into the programme's quality (catalogue) and the provider's quality.
import type { Kysely } from 'kysely';
import type { Caller } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { OutcomeStatus } from '../../db/certificate-schema.ts';
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';
import { Problem, problems, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { mayManageProgramme, mayViewProgrammeAdmin } from '../catalog/policy.ts';
import { setProgrammeQuality } from '../catalog/summary.ts';
import { REVIEWED_CATEGORIES } from '../catalog/vocab.ts';
import * as repo from './repository.ts';
import { computeQuality, type LevelFigures } from './quality.ts';

export interface Question {
  key: string;
  textId: string;
  textEn: string;
}

export const DEFAULT_REACTION_QUESTIONS: Question[] = [
  { key: 'relevance', textId: 'Materi pelatihan relevan dengan tugas saya', textEn: 'The content is relevant to my work' },
  { key: 'facilitators', textId: 'Pengajar/fasilitator menguasai materi dan menyampaikannya dengan jelas', textEn: 'The facilitators knew the subject and explained it clearly' },
  { key: 'methods', textId: 'Metode pembelajaran membantu saya memahami materi', textEn: 'The learning methods helped me understand' },
  { key: 'organisation', textId: 'Penyelenggaraan (jadwal, sarana, platform) berjalan baik', textEn: 'The organisation (schedule, facilities, platform) worked well' },
  { key: 'application', textId: 'Saya dapat menerapkan hasil pelatihan dalam pekerjaan', textEn: 'I can apply what I learned in my work' },
  { key: 'overall', textId: 'Secara keseluruhan saya puas dengan pelatihan ini', textEn: 'Overall, I am satisfied with this training' },
];

export const FOLLOW_UP_QUESTIONS: Question[] = [
  { key: 'applies', textId: 'Menerapkan kompetensi yang dilatihkan dalam pekerjaan sehari-hari', textEn: 'Applies the trained competencies in daily work' },
  { key: 'performance', textId: 'Kinerja meningkat sejak pelatihan', textEn: 'Performance has improved since the training' },
  { key: 'sharing', textId: 'Berbagi pengetahuan dengan rekan kerja', textEn: 'Shares what was learned with colleagues' },
  { key: 'initiative', textId: 'Menunjukkan inisiatif perbaikan di unit kerja', textEn: 'Shows initiative to improve the work unit' },
];

export const DEFAULT_FOLLOW_UP_MONTHS = 3;
export const LEADERSHIP_CATEGORIES: readonly string[] = REVIEWED_CATEGORIES;

const fieldProblem = (status: 400 | 403 | 409, field: string, message: string) =>
  status === 400 ? problems.validation([{ field, message }]) : new Problem(status, status === 403 ? 'forbidden' : 'conflict', status === 403 ? 'Forbidden' : 'Conflict', `${field}: ${message}`, { errors: [{ field, message }] });

function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw problems.unauthenticated();
  return caller.actor;
}

/** Adds months to a calendar date, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export const todayJakarta = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Runs in the caller's transaction when there is one (e.g. the demo seed), else in a new one. */
const inTransaction = <T>(db: Kysely<DB>, work: (tx: Kysely<DB>) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));

// ---------- settings ----------

export async function getSettings(db: Kysely<DB>, programmeId: number) {
  const facts = await repo.programmeFacts(db, programmeId);
  if (!facts) throw problems.notFound('No such programme.');
  const row = await repo.settings(db, programmeId);
  const custom = (row?.questions as Question[] | null) ?? null;
  return {
    programme_id: programmeId,
    reaction_questions: custom ?? DEFAULT_REACTION_QUESTIONS,
    default_questions: custom === null,
    follow_up_months: row?.follow_up_months ?? DEFAULT_FOLLOW_UP_MONTHS,
    follow_up_questions: FOLLOW_UP_QUESTIONS,
    has_change_project: LEADERSHIP_CATEGORIES.includes(facts.category),
  };
}

export async function updateSettings(db: Kysely<DB>, caller: Caller, programmeId: number, input: { questions?: Question[] | null; followUpMonths?: number }) {
  const actor = actorOf(caller);
  const facts = await repo.programmeFacts(db, programmeId);
  if (!facts || !mayViewProgrammeAdmin(actor, facts)) throw problems.notFound('No such programme.');
  if (!mayManageProgramme(actor, facts)) throw problems.forbidden('Only the lead provider\'s admins and national admins set the evaluation of a programme.');
  if (input.questions) {
    const seen = new Set<string>();
    input.questions.forEach((q, i) => {
      if (seen.has(q.key)) throw fieldProblem(400, `body.questions.${i}.key`, `"${q.key}" appears twice`);
      seen.add(q.key);
    });
  }
  await db.transaction().execute(async (tx) => {
    const before = await repo.settings(tx, programmeId);
    const next = {
      questions: input.questions === undefined ? ((before?.questions as Question[] | null) ?? null) : input.questions,
      follow_up_months: input.followUpMonths ?? before?.follow_up_months ?? DEFAULT_FOLLOW_UP_MONTHS,
    };
    await repo.upsertSettings(tx, programmeId, next.questions === null ? null : JSON.stringify(next.questions), next.follow_up_months, actor.label);
    await recordAudit(tx, caller, { action: 'evaluation.settings.update', entityType: 'programme', entityId: programmeId, scopeType: 'provider', scopeId: facts.provider_id, before: before ?? null, after: next });
  });
  return getSettings(db, programmeId);
}

// ---------- level 3 scheduling (called by the certificate module on issue) ----------

export async function scheduleFollowUp(db: Kysely<DB>, c: FollowUpInput): Promise<void> {
  await scheduleFollowUps(db, [c]);
}

export interface FollowUpInput {
  certificateId: string;
  civilServantId: number;
  agencyId: number;
  programmeId: number;
  providerId: number;
  completedOn: string;
}

/** The follow-ups of many certificates: one settings read, one insert. */
export async function scheduleFollowUps(db: Kysely<DB>, items: FollowUpInput[]): Promise<void> {
  if (!items.length) return;
  const months = await repo.followUpMonths(db, [...new Set(items.map((c) => c.programmeId))]);
  await repo.insertFollowUps(
    db,
    items.map((c) => ({ certificate_id: c.certificateId, civil_servant_id: c.civilServantId, agency_id: c.agencyId, programme_id: c.programmeId, provider_id: c.providerId, due_on: addMonths(c.completedOn, months.get(c.programmeId) ?? DEFAULT_FOLLOW_UP_MONTHS) })),
  );
}

// ---------- answers ----------

function scoreAnswers(questions: Question[], answers: Record<string, number>): { answers: Record<string, number>; score: number } {
  const errors: FieldError[] = [];
  for (const q of questions) {
    const v = answers[q.key];
    if (v === undefined) errors.push({ field: `body.answers.${q.key}`, message: 'is required (a score from 1 to 5)' });
    else if (!Number.isInteger(v) || v < 1 || v > 5) errors.push({ field: `body.answers.${q.key}`, message: 'must be a whole number from 1 to 5' });
  }
  for (const key of Object.keys(answers)) if (!questions.some((q) => q.key === key)) errors.push({ field: `body.answers.${key}`, message: 'is not a question of this survey' });
  if (errors.length) throw problems.validation(errors);
  const values = questions.map((q) => answers[q.key]);
  return { answers, score: values.reduce((a, b) => a + b, 0) / values.length };
}

// ---------- level 1 ----------

export async function submitReaction(db: Kysely<DB>, caller: Caller, certificateId: string, input: { answers: Record<string, number>; comments?: string | null }) {
  const actor = actorOf(caller);
  const cert = await repo.certificate(db, certificateId);
  if (!cert || cert.civil_servant_id !== actor.civilServantId) throw problems.notFound('No such certificate of yours.');
  if (cert.revoked_at) throw problems.conflict('This certificate was revoked; its training cannot be evaluated.');
  const settings = await getSettings(db, cert.programme_id);
  const { answers, score } = scoreAnswers(settings.reaction_questions, input.answers);
  const id = await db.transaction().execute(async (tx) => {
    if (await repo.reactionExists(tx, certificateId, cert.civil_servant_id, cert.offering_id)) throw fieldProblem(409, 'certificateId', 'you have already evaluated this training');
    const row = await repo.insertReaction(tx, {
      certificate_id: certificateId,
      civil_servant_id: cert.civil_servant_id,
      agency_id: cert.agency_id,
      programme_id: cert.programme_id,
      offering_id: cert.offering_id,
      provider_id: cert.provider_id,
      answers: JSON.stringify(answers),
      score: score.toFixed(2),
      comments: input.comments?.trim() || null,
    });
    await recordAudit(tx, caller, { action: 'evaluation.reaction.submit', entityType: 'evaluation_reaction', entityId: row.id, scopeType: 'agency', scopeId: cert.agency_id, after: { certificateId, score: Number(score.toFixed(2)) } });
    await refreshQuality(tx, cert.programme_id);
    return row.id;
  });
  return { id, certificate_id: certificateId, score: Number(score.toFixed(2)) };
}

// ---------- level 2 ----------

export async function recordTestScores(db: Kysely<DB>, caller: Caller, offeringId: number, scores: { civilServantId: number; pre?: number | null; post?: number | null }[]) {
  const actor = actorOf(caller);
  const offering = await repo.offeringFacts(db, offeringId);
  if (!offering || !mayViewProgrammeAdmin(actor, offering)) throw problems.notFound('No such offering.');
  if (!mayManageProgramme(actor, offering)) throw problems.forbidden('Only the lead provider\'s admins and national admins record test scores.');
  const seen = new Set<number>();
  scores.forEach((s, i) => {
    if (seen.has(s.civilServantId)) throw fieldProblem(400, `body.scores.${i}.civilServantId`, 'appears twice');
    seen.add(s.civilServantId);
    if (s.pre == null && s.post == null) throw fieldProblem(400, `body.scores.${i}`, 'give a pre-test score, a post-test score, or both');
  });
  const known = new Set(await repo.existingPeople(db, [...seen]));
  const missing = scores.findIndex((s) => !known.has(s.civilServantId));
  if (missing >= 0) throw fieldProblem(400, `body.scores.${missing}.civilServantId`, 'no such civil servant');
  await inTransaction(db, async (tx) => {
    for (const s of scores) await repo.upsertTestScore(tx, { offering_id: offeringId, civil_servant_id: s.civilServantId, programme_id: offering.programme_id, pre_score: s.pre ?? null, post_score: s.post ?? null, recorded_by: actor.label });
    await recordAudit(tx, caller, { action: 'evaluation.test_scores.record', entityType: 'offering', entityId: offeringId, scopeType: 'provider', scopeId: offering.provider_id, after: { count: scores.length } });
    await refreshQuality(tx, offering.programme_id);
  });
  return { offering_id: offeringId, recorded: scores.length };
}

/** Level 2 scores recorded for an offering (its programme's partners and national readers). */
export async function testScores(db: Kysely<DB>, actor: Actor, offeringId: number) {
  const offering = await repo.offeringFacts(db, offeringId);
  if (!offering || !mayViewProgrammeAdmin(actor, offering)) throw problems.notFound('No such offering.');
  const rows = await repo.testScoresOf(db, offeringId);
  const num = (v: string | number | null) => (v === null ? null : Number(v));
  return {
    offering_id: offeringId,
    items: rows.map((r) => ({ civil_servant_id: Number(r.civil_servant_id), name: r.name, pre: num(r.pre_score), post: num(r.post_score), gain: r.pre_score !== null && r.post_score !== null ? Number(r.post_score) - Number(r.pre_score) : null, recorded_by: r.recorded_by, recorded_at: r.recorded_at.toISOString() })),
  };
}

// ---------- level 3 ----------

/** Pending follow-ups of the supervisor's current direct reports (`dueOnly`: those due by `date`). */
export async function followUpsOf(db: Kysely<DB>, actor: Actor, opts: { dueOnly: boolean; date?: string }) {
  if (actor.civilServantId === null) return [];
  const rows = await repo.followUpsForSupervisor(db, actor.civilServantId, opts.dueOnly ? (opts.date ?? todayJakarta()) : null);
  return rows.map((r) => ({ ...r, questions: FOLLOW_UP_QUESTIONS }));
}

export async function submitFollowUp(db: Kysely<DB>, caller: Caller, id: number, input: { answers: Record<string, number>; comments?: string | null }) {
  const actor = actorOf(caller);
  const f = await repo.followUp(db, id);
  if (!f || actor.civilServantId === null || f.supervisor_id !== actor.civilServantId) throw problems.notFound('No such follow-up of your reports.');
  if (f.status !== 'pending') throw problems.conflict(`This follow-up is ${f.status}.`);
  const { answers, score } = scoreAnswers(FOLLOW_UP_QUESTIONS, input.answers);
  await db.transaction().execute(async (tx) => {
    const updated = await repo.completeFollowUp(tx, id, { answers: JSON.stringify(answers), score: score.toFixed(2), comments: input.comments?.trim() || null, submitted_by: actor.label });
    if (!updated) throw problems.conflict('This follow-up was just completed by someone else.');
    await recordAudit(tx, caller, { action: 'evaluation.follow_up.submit', entityType: 'evaluation_follow_up', entityId: id, scopeType: 'agency', scopeId: f.agency_id, before: { status: 'pending' }, after: { status: 'completed', score: Number(score.toFixed(2)) } });
    await refreshQuality(tx, f.programme_id);
  });
  return { id, status: 'completed' as const, score: Number(score.toFixed(2)) };
}

export interface DueFollowUp {
  followUpId: number;
  certificateId: string;
  dueOn: string;
  civilServantId: number;
  civilServantName: string;
  /** the person's current supervisor (civil servant id), null when none is recorded */
  supervisorId: number | null;
  /** accounts of that supervisor, to notify */
  supervisorUserIds: string[];
  programmeId: number;
  programmeTitle: string;
  reminderCount: number;
  lastRemindedAt: Date | null;
}

/**
 * Level-3 follow-ups pending and due by `date` ('YYYY-MM-DD' or a Date), for reminders: the
 * notification module calls this, notifies each supervisor, then calls markFollowUpsReminded.
 */
export async function dueFollowUps(db: Kysely<DB>, date: string | Date): Promise<DueFollowUp[]> {
  const day = typeof date === 'string' ? date : new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const rows = await repo.dueFollowUps(db, day);
  const users = await repo.userIdsOfPeople(db, [...new Set(rows.map((r) => r.supervisor_id).filter((x): x is number => x !== null))]);
  return rows.map((r) => ({
    followUpId: r.id,
    certificateId: r.certificate_id,
    dueOn: r.due_on,
    civilServantId: r.civil_servant_id,
    civilServantName: r.name,
    supervisorId: r.supervisor_id,
    supervisorUserIds: r.supervisor_id === null ? [] : (users.get(r.supervisor_id) ?? []),
    programmeId: r.programme_id,
    programmeTitle: r.title_id,
    reminderCount: r.reminder_count,
    lastRemindedAt: r.last_reminded_at,
  }));
}

/** Records that reminders went out for these follow-ups. */
export async function markFollowUpsReminded(db: Kysely<DB>, ids: number[], at: Date = new Date()): Promise<void> {
  await repo.markReminded(db, ids, at);
}

// ---------- level 4 and change projects ----------

export interface ChangeProjectInput {
  certificateId?: string;
  title?: string;
  problem?: string;
  change?: string;
  results?: string;
  contacts?: { name: string; role?: string | null; email?: string | null; phone?: string | null }[];
  participantPublic?: boolean;
  agencyPublic?: boolean;
}

const CONTENT_FIELDS = ['title', 'problem', 'change', 'results', 'contacts'] as const;

export async function createChangeProject(db: Kysely<DB>, caller: Caller, input: ChangeProjectInput & { certificateId: string; title: string; problem: string; change: string; results: string }) {
  const actor = actorOf(caller);
  const cert = await repo.certificate(db, input.certificateId);
  if (!cert || cert.civil_servant_id !== actor.civilServantId) throw new Problem(404, 'not-found', 'Not found', 'body.certificateId: no such certificate of yours', { errors: [{ field: 'body.certificateId', message: 'no such certificate of yours' }] });
  if (cert.revoked_at) throw fieldProblem(409, 'body.certificateId', 'this certificate was revoked');
  const facts = await repo.programmeFacts(db, cert.programme_id);
  if (!facts || !LEADERSHIP_CATEGORIES.includes(facts.category)) throw fieldProblem(400, 'body.certificateId', 'change projects belong to leadership programmes (PKN I, PKN II, PKA, PKP, Latsar)');
  if (input.agencyPublic !== undefined) throw fieldProblem(403, 'body.agencyPublic', 'the agency decides its own consent');
  return inTransaction(db, async (tx) => {
    if (await repo.changeProjectOf(tx, input.certificateId)) throw fieldProblem(409, 'body.certificateId', 'this training already has a change project');
    const row = await repo.insertChangeProject(tx, {
      certificate_id: cert.id,
      civil_servant_id: cert.civil_servant_id,
      agency_id: cert.agency_id,
      programme_id: cert.programme_id,
      provider_id: cert.provider_id,
      title: input.title.trim(),
      problem: input.problem.trim(),
      change: input.change.trim(),
      results: input.results.trim(),
      contacts: JSON.stringify(input.contacts ?? []),
      participant_public: input.participantPublic ?? false,
    });
    await recordAudit(tx, caller, { action: 'evaluation.change_project.create', entityType: 'change_project', entityId: row.id, scopeType: 'agency', scopeId: cert.agency_id, after: { ...input } });
    return getChangeProject(tx, actor, row.id);
  });
}

type ProjectRow = NonNullable<Awaited<ReturnType<typeof repo.changeProject>>>;

function projectRights(actor: Actor | null, p: ProjectRow) {
  const owner = actor !== null && actor.civilServantId !== null && actor.civilServantId === p.civil_servant_id;
  const supervisor = actor !== null && actor.civilServantId !== null && actor.civilServantId === p.supervisor_id;
  const agencyAdmin = actor !== null && scopeIds(actor, 'agency', 'agency_admin').includes(p.agency_id);
  const national = actor !== null && isNational(actor, 'national_admin');
  const reader =
    owner || supervisor || agencyAdmin || national ||
    (actor !== null && (isNational(actor, 'auditor') || scopeIds(actor, 'agency', 'auditor').includes(p.agency_id) || scopeIds(actor, 'provider', 'provider_admin').includes(p.provider_id)));
  return { owner, supervisor, agencyAdmin, national, reader, outcome: supervisor || agencyAdmin || national };
}

const isPublic = (p: { participant_public: boolean; agency_public: boolean }) => p.participant_public && p.agency_public;

function publicProject(p: ProjectRow) {
  return {
    id: p.id,
    title: p.title,
    agency: { id: p.agency_id, name: p.agency_name },
    programme: { id: p.programme_id, code: p.programme_code, title_id: p.programme_title_id, category: p.programme_category },
    provider: { id: p.provider_id, name: p.provider_name },
    problem: p.problem,
    change: p.change,
    results: p.results,
    contacts: p.contacts as unknown[],
    outcome_status: p.outcome_status,
    year: p.completed_on.slice(0, 4),
  };
}

/** Public when both agreed; otherwise the participant, their supervisor, their agency's admins and auditors, the provider's admins, national roles. */
export async function getChangeProject(db: Kysely<DB>, actor: Actor | null, id: number) {
  const p = await repo.changeProject(db, id);
  if (!p) throw problems.notFound('No such change project.');
  const rights = projectRights(actor, p);
  if (!rights.reader) {
    if (isPublic(p)) return { ...publicProject(p), public: true, participant_public: true, agency_public: true, holder_name: null, outcome: null, my_rights: { edit: false, consent_participant: false, consent_agency: false, outcome: false } };
    throw problems.notFound('No such change project.');
  }
  return {
    ...publicProject(p),
    public: isPublic(p),
    participant_public: p.participant_public,
    agency_public: p.agency_public,
    holder_name: p.holder_name,
    outcome: p.outcome_status ? { status: p.outcome_status, score: p.outcome_score, note: p.outcome_note, by: p.outcome_by, at: p.outcome_at } : null,
    my_rights: { edit: rights.owner, consent_participant: rights.owner, consent_agency: rights.agencyAdmin, outcome: rights.outcome },
  };
}

export async function updateChangeProject(db: Kysely<DB>, caller: Caller, id: number, input: ChangeProjectInput) {
  const actor = actorOf(caller);
  const p = await repo.changeProject(db, id);
  if (!p) throw problems.notFound('No such change project.');
  const rights = projectRights(actor, p);
  if (!rights.reader) throw problems.notFound('No such change project.');
  for (const field of CONTENT_FIELDS) if (input[field] !== undefined && !rights.owner) throw fieldProblem(403, `body.${field}`, 'only the participant edits the change project');
  if (input.participantPublic !== undefined && !rights.owner) throw fieldProblem(403, 'body.participantPublic', 'only the participant gives the participant\'s consent');
  if (input.agencyPublic !== undefined && !rights.agencyAdmin) throw fieldProblem(403, 'body.agencyPublic', 'only the agency\'s admins give the agency\'s consent');
  const patch: Record<string, unknown> = {};
  for (const field of ['title', 'problem', 'change', 'results'] as const) if (input[field] !== undefined) patch[field] = input[field]!.trim();
  if (input.contacts !== undefined) patch.contacts = JSON.stringify(input.contacts);
  if (input.participantPublic !== undefined) patch.participant_public = input.participantPublic;
  if (input.agencyPublic !== undefined) patch.agency_public = input.agencyPublic;
  if (Object.keys(patch).length === 0) return getChangeProject(db, actor, id);
  return db.transaction().execute(async (tx) => {
    await repo.updateChangeProject(tx, id, patch);
    await recordAudit(tx, caller, {
      action: 'evaluation.change_project.update',
      entityType: 'change_project',
      entityId: id,
      scopeType: 'agency',
      scopeId: p.agency_id,
      before: Object.fromEntries(Object.keys(patch).map((k) => [k, (p as Record<string, unknown>)[k]])),
      after: input,
    });
    return getChangeProject(tx, actor, id);
  });
}

export async function setOutcome(db: Kysely<DB>, caller: Caller, id: number, input: { status: OutcomeStatus; score: number; note?: string | null }) {
  const actor = actorOf(caller);
  const p = await repo.changeProject(db, id);
  if (!p) throw problems.notFound('No such change project.');
  const rights = projectRights(actor, p);
  if (!rights.reader) throw problems.notFound('No such change project.');
  if (!rights.outcome) throw problems.forbidden('The participant\'s supervisor, their agency\'s admins and national admins record the outcome.');
  return db.transaction().execute(async (tx) => {
    await repo.updateChangeProject(tx, id, { outcome_status: input.status, outcome_score: input.score, outcome_note: input.note?.trim() || null, outcome_by: actor.label, outcome_at: new Date() });
    await recordAudit(tx, caller, {
      action: 'evaluation.outcome.record',
      entityType: 'change_project',
      entityId: id,
      scopeType: 'agency',
      scopeId: p.agency_id,
      before: p.outcome_status ? { status: p.outcome_status, score: p.outcome_score } : null,
      after: input,
    });
    await refreshQuality(tx, p.programme_id);
    return getChangeProject(tx, actor, id);
  });
}

export async function searchChangeProjects(db: Kysely<DB>, q: repo.ProjectSearch) {
  const { rows, total } = await repo.searchPublicProjects(db, q);
  return { total, items: rows.map(publicProject) };
}

export async function listChangeProjects(db: Kysely<DB>, actor: Actor, q: { awaitingAgency?: boolean; limit: number; offset: number }) {
  const scope = isNational(actor, 'national_admin', 'auditor')
    ? ('all' as const)
    : { self: actor.civilServantId, agencies: [...new Set([...scopeIds(actor, 'agency', 'agency_admin'), ...scopeIds(actor, 'agency', 'auditor')])], supervisorOf: actor.civilServantId };
  const rows = await repo.listProjects(db, scope, q);
  return rows.map((p) => {
    const rights = projectRights(actor, p);
    return {
      ...publicProject(p),
      participant_public: p.participant_public,
      agency_public: p.agency_public,
      public: isPublic(p),
      holder_name: p.holder_name,
      outcome_status: p.outcome_status,
      outcome_score: p.outcome_score,
      outcome_note: p.outcome_note,
      // What the reader may do here, so a supervisor's inbox lists the outcomes to record without asking per project.
      my_rights: { edit: rights.owner, consent_participant: rights.owner, consent_agency: rights.agencyAdmin, outcome: rights.outcome, supervisor: rights.supervisor },
    };
  });
}

// ---------- the learner's own evaluations ----------

export async function myEvaluations(db: Kysely<DB>, actor: Actor) {
  if (actor.civilServantId === null) return { items: [] };
  const rows = await repo.evaluationsOfPerson(db, actor.civilServantId);
  return {
    items: rows.map((r) => ({
      certificate_id: r.id,
      number: r.number,
      programme: { id: r.programme_id, code: r.programme_code, title_id: r.title_id, title_en: r.title_en },
      offering_id: r.offering_id,
      completed_on: r.completed_on,
      revoked: r.revoked_at !== null,
      reaction_submitted: r.reaction_id !== null,
      change_project_expected: LEADERSHIP_CATEGORIES.includes(r.category),
      change_project_id: r.change_project_id,
      follow_up_due_on: r.due_on,
      follow_up_status: r.follow_up_status,
    })),
  };
}

// ---------- quality ----------

async function levelFigures(db: Kysely<DB>, programmeIds: number[]): Promise<Map<number, LevelFigures>> {
  return repo.levelFigures(db, programmeIds);
}

/** Recomputes the programme's quality and writes it to the catalogue. */
export async function refreshQuality(db: Kysely<DB>, programmeId: number): Promise<number | null> {
  const figures = (await levelFigures(db, [programmeId])).get(programmeId);
  const quality = figures ? computeQuality(figures).quality : null;
  await setProgrammeQuality(db, programmeId, quality);
  return quality;
}

export async function programmeSummary(db: Kysely<DB>, actor: Actor, programmeId: number) {
  const facts = await repo.programmeFacts(db, programmeId);
  if (!facts || !mayViewProgrammeAdmin(actor, facts)) throw problems.notFound('No such programme.');
  const figures = (await levelFigures(db, [programmeId])).get(programmeId) ?? repo.emptyFigures();
  const settings = await getSettings(db, programmeId);
  const questionMeans = await repo.questionMeans(db, programmeId, settings.reaction_questions.map((q) => q.key));
  const comments = await repo.recentComments(db, programmeId, 20);
  return { programme_id: programmeId, ...computeQuality(figures), questions: settings.reaction_questions.map((q) => ({ ...q, mean: questionMeans[q.key] ?? null })), recent_comments: comments };
}

/** The provider's quality: its programmes' quality, weighted by their number of reaction responses. Public. */
export async function providerQuality(db: Kysely<DB>, providerId: number) {
  const provider = await repo.providerName(db, providerId);
  if (!provider) throw problems.notFound('No such provider.');
  const programmes = await repo.programmesOfProvider(db, providerId);
  const figures = await levelFigures(db, programmes.map((p) => p.id));
  let weighted = 0;
  let weight = 0;
  const items = programmes.flatMap((p) => {
    const f = figures.get(p.id);
    if (!f) return [];
    const q = computeQuality(f);
    if (q.quality !== null) {
      weighted += q.quality * Math.max(1, f.l1.n);
      weight += Math.max(1, f.l1.n);
    }
    return [{ programme_id: p.id, code: p.code, title_id: p.title_id, quality: q.quality, responses: f.l1.n }];
  });
  return { provider_id: providerId, name: provider.name, quality: weight ? Math.round((weighted / weight) * 100) / 100 : null, responses: items.reduce((a, i) => a + i.responses, 0), programmes: items };
}
