// Learning routes: enrolment (learner, supervisor, agency admin), the provider's cohort page,
// the JP ledger and compliance, notifications. Also starts the learning worker with the app.
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { problems } from '../../http/problem.ts';
import { BigIdParam, IdParam, responses } from '../../http/schemas.ts';
import { recordAudit } from '../audit/service.ts';
import { todayJakarta } from '../catalog/rules.ts';
import * as cohorts from './cohort-service.ts';
import * as enrolments from './enrolment-service.ts';
import * as ledger from './ledger-service.ts';
import { listNotifications, markRead } from './notifications.ts';
import { mayAdministerAgency, mayReadAgency } from './policy.ts';
import * as s from './schemas.ts';
import { startWorker } from './worker.ts';

const id = (request: FastifyRequest) => (request.params as { id: number }).id;
const body = <T>(request: FastifyRequest) => request.body as T;
const query = <T>(request: FastifyRequest) => request.query as T;

const ANY = 'authenticated' as const;
const CIVIL_SERVANTS = { roles: ['learner' as const, 'supervisor' as const] };
const DECIDERS = { roles: ['supervisor' as const, 'agency_admin' as const, 'national_admin' as const] };
const AGENCY = { roles: ['agency_admin' as const, 'national_admin' as const] };
const AGENCY_READERS = { roles: ['agency_admin' as const, 'national_admin' as const, 'auditor' as const] };
const PROVIDERS = { roles: ['provider_admin' as const, 'national_admin' as const] };
const PROVIDER_READERS = { roles: ['provider_admin' as const, 'national_admin' as const, 'auditor' as const] };
const NATIONAL_READERS = { roles: ['national_admin' as const, 'auditor' as const] };

const T_ENROL = ['learning: enrolment'];
const T_COHORT = ['learning: cohort'];
const T_JP = ['learning: JP ledger'];
const T_NOTE = ['notifications'];

export function learningRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    let stopWorker: (() => Promise<void>) | undefined;
    app.addHook('onReady', async () => {
      stopWorker = startWorker(deps, app.log);
    });
    app.addHook('onClose', async () => {
      await stopWorker?.();
    });

    // ---------- learner ----------
    app.post('/api/learning/enrolments', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_ENROL, summary: 'Request a seat in an offering (checks eligibility, registration window, double enrolment, agency quota; holds a seat when one is free)', body: s.RequestBody, response: responses({ 201: s.EnrolmentView }) },
      handler: async (request, reply) => {
        const r = await enrolments.requestEnrolment(deps, callerOf(request), body<{ offeringId: number }>(request).offeringId);
        return reply.status(201).send(await enrolments.getEnrolment(deps, actorOf(request), r.id));
      },
    });
    app.get('/api/learning/enrolments/mine', {
      config: { access: ANY },
      schema: { tags: T_ENROL, summary: 'My enrolments, newest first', response: responses({ 200: s.EnrolmentList }) },
      handler: async (request) => ({ items: await enrolments.myEnrolments(deps, actorOf(request)) }),
    });
    app.get('/api/learning/enrolments/:id', {
      config: { access: ANY },
      schema: { tags: T_ENROL, summary: 'One enrolment (the learner, their supervisor, their agency, the programme\'s providers, national roles)', params: IdParam, response: responses({ 200: s.EnrolmentView }) },
      handler: async (request) => enrolments.getEnrolment(deps, actorOf(request), id(request)),
    });
    app.post('/api/learning/enrolments/:id/withdraw', {
      config: { access: ANY },
      schema: { tags: T_ENROL, summary: 'Withdraw (learner until registration closes; agency admin or provider until the start); the seat goes to the next person waiting', params: IdParam, body: s.ReasonBody, response: responses({ 200: s.Withdrawn }) },
      handler: async (request) => enrolments.withdraw(deps, callerOf(request), id(request), body<{ reason?: string }>(request).reason ?? null),
    });

    // ---------- approvals ----------
    app.get('/api/learning/approvals', {
      config: { access: DECIDERS },
      schema: { tags: T_ENROL, summary: 'My approval inbox: requests of my direct reports (supervisor), agency approvals (agency admin), self-reported activities', response: responses({ 200: s.ApprovalInbox }) },
      handler: async (request) => ({ ...(await enrolments.approvalInbox(deps, actorOf(request))), activities: await ledger.activityInbox(deps, actorOf(request)) }),
    });
    app.post('/api/learning/enrolments/:id/approve', {
      config: { access: DECIDERS },
      schema: { tags: T_ENROL, summary: 'Approve a request: the direct supervisor, then the agency admin where the agency requires it', params: IdParam, body: s.ApproveBody, response: responses({ 200: s.Decided }) },
      handler: async (request) => enrolments.decide(deps, callerOf(request), id(request), 'approve', body<{ note?: string }>(request).note ?? null),
    });
    app.post('/api/learning/enrolments/:id/reject', {
      config: { access: DECIDERS },
      schema: { tags: T_ENROL, summary: 'Reject a request, with a reason; a held seat goes to the next person waiting', params: IdParam, body: s.RejectBody, response: responses({ 200: s.Decided }) },
      handler: async (request) => enrolments.decide(deps, callerOf(request), id(request), 'reject', body<{ reason: string }>(request).reason),
    });

    // ---------- agency admin ----------
    app.post('/api/learning/nominations', {
      config: { access: AGENCY },
      schema: { tags: T_ENROL, summary: 'Nominate people of your agency to an offering; each person is reported on their own unless allOrNothing', body: s.NominationBody, response: responses({ 200: s.NominationView }) },
      handler: async (request) => ({ items: await enrolments.nominate(deps, callerOf(request), body(request)) }),
    });
    app.get('/api/learning/agencies/:id/enrolments', {
      config: { access: AGENCY_READERS },
      schema: { tags: T_ENROL, summary: "An agency's enrolments", params: IdParam, querystring: s.AgencyEnrolmentsQuery, response: responses({ 200: s.EnrolmentList }) },
      handler: async (request) => {
        const q = query<{ status?: string; offeringId?: number; limit?: number }>(request);
        return { items: await enrolments.agencyEnrolments(deps, actorOf(request), id(request), { ...q, limit: q.limit ?? 200 }) };
      },
    });
    app.get('/api/learning/agencies/:id/settings', {
      config: { access: AGENCY_READERS },
      schema: { tags: T_ENROL, summary: "The agency's enrolment setting: does the agency admin approve too", params: IdParam, response: responses({ 200: s.AgencySettings }) },
      handler: async (request) => {
        if (!mayReadAgency(actorOf(request), id(request))) throw problems.forbidden("You may read your own agency's settings only.");
        const row = await deps.db.selectFrom('learning_agency_setting').select('agency_approval_required').where('agency_id', '=', id(request)).executeTakeFirst();
        return { agencyId: id(request), agencyApprovalRequired: row?.agency_approval_required ?? false };
      },
    });
    app.put('/api/learning/agencies/:id/settings', {
      config: { access: AGENCY },
      schema: { tags: T_ENROL, summary: "Set whether the agency admin approves enrolments after the supervisor", params: IdParam, body: s.AgencySettingsBody, response: responses({ 200: s.AgencySettings }) },
      handler: async (request) => {
        const caller = callerOf(request);
        const agencyId = id(request);
        if (!mayAdministerAgency(caller.actor, agencyId)) throw problems.forbidden("You may change your own agency's settings only.");
        const { agencyApprovalRequired } = body<{ agencyApprovalRequired: boolean }>(request);
        await deps.db.transaction().execute(async (tx) => {
          if (!(await tx.selectFrom('agency').select('id').where('id', '=', agencyId).executeTakeFirst())) throw problems.notFound('No such agency.');
          await tx
            .insertInto('learning_agency_setting')
            .values({ agency_id: agencyId, agency_approval_required: agencyApprovalRequired, updated_by: caller.actor.label })
            .onConflict((oc) => oc.column('agency_id').doUpdateSet({ agency_approval_required: agencyApprovalRequired, updated_by: caller.actor.label, updated_at: new Date() }))
            .execute();
          await recordAudit(tx, caller, { action: 'learning_setting.set', entityType: 'agency', entityId: agencyId, scopeType: 'agency', scopeId: agencyId, after: { agencyApprovalRequired } });
        });
        return { agencyId, agencyApprovalRequired };
      },
    });
    app.get('/api/learning/agencies/:id/jp-compliance', {
      config: { access: AGENCY_READERS },
      schema: { tags: T_JP, summary: 'JP compliance of an agency for a year: by unit, and the people (met / on_track / at_risk)', params: IdParam, querystring: s.ComplianceQuery, response: responses({ 200: s.AgencyComplianceView }) },
      handler: async (request) => {
        const q = query<{ year?: number; unitId?: number; status?: 'met' | 'on_track' | 'at_risk'; limit?: number; after?: number }>(request);
        return ledger.agencyCompliance(deps, actorOf(request), id(request), { ...q, limit: q.limit ?? 100 });
      },
    });
    app.get('/api/learning/agencies/:id/jp-compliance.csv', {
      config: { access: AGENCY_READERS },
      schema: {
        tags: T_JP,
        summary: 'The JP compliance list of an agency as CSV (every person, with the filters of the JSON list; NIP for those who may see personal data)',
        params: IdParam,
        querystring: s.ComplianceCsvQuery,
        produces: ['text/csv'],
        response: responses({ 200: Type.String() }),
      },
      handler: async (request, reply) => {
        const actor = actorOf(request);
        const agency = await ledger.checkComplianceAccess(deps, actor, id(request));
        const q = query<{ year?: number; unitId?: number; status?: 'met' | 'on_track' | 'at_risk' }>(request);
        const year = q.year ?? Number(todayJakarta().slice(0, 4));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="kepatuhan-jp-${agency.code}-${year}.csv"`)
          .header('cache-control', 'private, no-store')
          .send(Readable.from(ledger.agencyComplianceCsv(deps, actor, agency.id, { ...q, year })));
      },
    });
    app.get('/api/learning/jp-compliance/national', {
      config: { access: NATIONAL_READERS },
      schema: { tags: T_JP, summary: 'JP compliance of the nation for a year, by agency', querystring: s.YearQuery, response: responses({ 200: s.NationalComplianceView }) },
      handler: async (request) => ledger.nationalCompliance(deps, actorOf(request), query<{ year?: number }>(request).year),
    });

    // ---------- provider: cohort ----------
    app.get('/api/learning/offerings/:id/cohort', {
      config: { access: PROVIDER_READERS },
      schema: { tags: T_COHORT, summary: 'Cohort page data: participants, waitlist, sessions, attendance grid, scores, completion rule', params: IdParam, response: responses({ 200: s.CohortView }) },
      handler: async (request) => cohorts.cohort(deps, actorOf(request), id(request)),
    });
    app.get('/api/learning/cohorts', {
      config: { access: PROVIDER_READERS },
      schema: { tags: T_COHORT, summary: 'Cohorts I work on: offerings of programmes my provider leads or partners in (national roles: all), newest start first', querystring: s.CohortListQuery, response: responses({ 200: s.CohortList }) },
      handler: async (request) => {
        const q = query<{ status?: string; limit?: number }>(request);
        return { items: await cohorts.listCohorts(deps, actorOf(request), { ...q, limit: q.limit ?? 200 }) };
      },
    });
    app.put('/api/learning/offerings/:id/attendance', {
      config: { access: PROVIDERS },
      schema: { tags: T_COHORT, summary: 'Record attendance cells in bulk (the partner delivering each session, or the lead); all or nothing', params: IdParam, body: s.AttendanceBody, response: responses({ 200: s.Count }) },
      handler: async (request) => cohorts.recordAttendance(deps, callerOf(request), id(request), body<{ records: cohorts.AttendanceInput[] }>(request).records),
    });
    app.put('/api/learning/offerings/:id/scores', {
      config: { access: PROVIDERS },
      schema: { tags: T_COHORT, summary: 'Record final scores (0–100) in bulk; all or nothing', params: IdParam, body: s.ScoresBody, response: responses({ 200: s.Count }) },
      handler: async (request) => cohorts.recordScores(deps, callerOf(request), id(request), body<{ scores: { enrolmentId: number; score: number | null }[] }>(request).scores),
    });
    app.post('/api/learning/offerings/:id/no-shows', {
      config: { access: PROVIDERS },
      schema: { tags: T_COHORT, summary: 'Mark enrolled participants as no-shows once the offering has started; all or nothing', params: IdParam, body: s.NoShowBody, response: responses({ 200: s.Marked }) },
      handler: async (request) => cohorts.markNoShows(deps, callerOf(request), id(request), body<{ enrolmentIds: number[] }>(request).enrolmentIds),
    });
    app.post('/api/learning/offerings/:id/completions', {
      config: { access: PROVIDERS },
      schema: { tags: T_COHORT, summary: "Complete participants by the programme's rules (bulk): completed or not completed with reasons; refused without attendance data", params: IdParam, body: s.CompletionBody, response: responses({ 200: s.CompletionView }) },
      handler: async (request) => {
        const b = body<{ items: cohorts.CompletionItem[]; allOrNothing?: boolean }>(request);
        return { items: await cohorts.complete(deps, callerOf(request), id(request), b.items, b.allOrNothing ?? false) };
      },
    });
    app.get('/api/learning/programmes/:id/completion-rules', {
      config: { access: PROVIDER_READERS },
      schema: { tags: T_COHORT, summary: "A programme's completion rules (minimum attendance %, pass score, required modules)", params: IdParam, response: responses({ 200: s.RulesView }) },
      handler: async (request) => cohorts.getRules(deps, actorOf(request), id(request)),
    });
    app.put('/api/learning/programmes/:id/completion-rules', {
      config: { access: PROVIDERS },
      schema: { tags: T_COHORT, summary: "Set a programme's completion rules (the lead's admins)", params: IdParam, body: s.RulesBody, response: responses({ 200: s.RulesView }) },
      handler: async (request) => {
        await cohorts.putRules(deps, callerOf(request), id(request), body(request));
        return cohorts.getRules(deps, actorOf(request), id(request));
      },
    });

    // ---------- JP ledger ----------
    app.get('/api/learning/jp/mine', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_JP, summary: 'My JP ledger for a year: records, total and status against the 20-JP entitlement', querystring: s.YearQuery, response: responses({ 200: s.LedgerView }) },
      handler: async (request) => {
        const actor = actorOf(request);
        if (actor.civilServantId === null) throw problems.forbidden('This account is not linked to a civil servant, so it has no JP ledger.');
        return ledger.personLedger(deps, actor, actor.civilServantId, query<{ year?: number }>(request).year);
      },
    });
    app.get('/api/learning/people/:id/jp', {
      config: { access: ANY },
      schema: { tags: T_JP, summary: "A person's JP ledger (themselves, their supervisor, their agency, national roles)", params: BigIdParam, querystring: s.YearQuery, response: responses({ 200: s.LedgerView }) },
      handler: async (request) => ledger.personLedger(deps, actorOf(request), id(request), query<{ year?: number }>(request).year),
    });
    app.post('/api/learning/activities', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_JP, summary: 'Report an activity (seminar, coaching, mentoring, self-study…) with evidence, for supervisor approval into the ledger', body: s.ActivityBody, response: responses({ 201: s.ActivityView }) },
      handler: async (request, reply) => reply.status(201).send(await ledger.submitActivity(deps, callerOf(request), body(request))),
    });
    app.get('/api/learning/activities/mine', {
      config: { access: ANY },
      schema: { tags: T_JP, summary: 'My self-reported activities', response: responses({ 200: s.ActivityList }) },
      handler: async (request) => ({ items: await ledger.myActivities(deps, actorOf(request)) }),
    });
    app.post('/api/learning/activities/:id/approve', {
      config: { access: DECIDERS },
      schema: { tags: T_JP, summary: "Approve a direct report's activity: its JP enter the ledger", params: IdParam, body: s.ApproveBody, response: responses({ 200: s.ActivityView }) },
      handler: async (request) => ledger.decideActivity(deps, callerOf(request), id(request), 'approve', body<{ note?: string }>(request).note ?? null),
    });
    app.post('/api/learning/activities/:id/reject', {
      config: { access: DECIDERS },
      schema: { tags: T_JP, summary: "Reject a direct report's activity, with a reason", params: IdParam, body: s.RejectBody, response: responses({ 200: s.ActivityView }) },
      handler: async (request) => ledger.decideActivity(deps, callerOf(request), id(request), 'reject', body<{ reason: string }>(request).reason),
    });
    app.get('/api/learning/jp-conversions', {
      config: { access: ANY },
      schema: { tags: T_JP, summary: 'How minutes convert to JP per learning form (1 JP = 45 minutes)', response: responses({ 200: s.ConversionList }) },
      handler: async () => ({ minutesPerJpStandard: 45, items: await ledger.listConversions(deps) }),
    });
    app.put('/api/learning/jp-conversions/:form', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags: T_JP, summary: 'Set the conversion of one learning form (national admins)', params: s.ConversionParams, body: s.ConversionBody, response: responses({ 200: s.ConversionList }) },
      handler: async (request) => {
        await ledger.putConversion(deps, callerOf(request), (request.params as { form: string }).form, body(request));
        return { minutesPerJpStandard: 45, items: await ledger.listConversions(deps) };
      },
    });

    // ---------- notifications ----------
    app.get('/api/notifications', {
      config: { access: ANY },
      schema: { tags: T_NOTE, summary: 'My notifications, newest first', querystring: s.NotificationQuery, response: responses({ 200: s.NotificationList }) },
      handler: async (request) => {
        const q = query<{ unreadOnly?: boolean; before?: number; limit?: number }>(request);
        const r = await listNotifications(deps.db, actorOf(request), { ...q, limit: q.limit ?? 50 });
        return { ...r, items: r.items.map((n) => ({ ...n, id: Number(n.id), created_at: n.created_at.toISOString(), read_at: n.read_at ? n.read_at.toISOString() : null })) };
      },
    });
    app.post('/api/notifications/read', {
      config: { access: ANY },
      schema: { tags: T_NOTE, summary: 'Mark notifications read: the given ids, or all', body: s.MarkReadBody, response: responses({ 200: Type.Object({ updated: Type.Integer() }) }) },
      handler: async (request) => {
        const b = body<{ ids?: number[]; all?: boolean }>(request);
        if (!b.all && !b.ids) throw problems.validation([{ field: 'body.ids', message: 'give the ids to mark read, or all: true' }]);
        const caller = callerOf(request);
        const updated = await deps.db.transaction().execute(async (tx) => {
          const n = await markRead(tx, caller.actor, b.all ? 'all' : b.ids!);
          await recordAudit(tx, caller, { action: 'notification.read', entityType: 'notification', entityId: b.all ? 'all' : b.ids!.join(','), scopeType: 'national', scopeId: null, after: { updated: n } });
          return n;
        });
        return { updated };
      },
    });
  };
}
