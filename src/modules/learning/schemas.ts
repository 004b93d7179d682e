// TypeBox schemas of the learning routes.
import { Type, type TSchema } from 'typebox';
import { Nullable } from '../../http/schemas.ts';
import { LEARNING_FORMS } from '../catalog/vocab.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const PersonId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Reason = Type.String({ minLength: 1, maxLength: 1000 });
const literals = <T extends string>(values: readonly T[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});
const Obj = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });

export const EnrolmentStatusSchema = literals(['requested', 'approved', 'enrolled', 'waitlisted', 'completed', 'not_completed', 'withdrawn', 'no_show', 'rejected'] as const);
const Approval = literals(['pending', 'approved', 'rejected', 'not_required'] as const);
export const AttendanceStatusSchema = literals(['present', 'late', 'absent', 'excused'] as const);
const JpStatusSchema = literals(['met', 'on_track', 'at_risk'] as const, 'met: ≥ 20 JP; on_track: ≥ the pro-rata share of 20 JP for the part of the year gone; at_risk: below it');

export const EnrolmentView = Type.Object({
  id: Type.Integer(),
  status: EnrolmentStatusSchema,
  seat: literals(['held', 'queued', 'none'] as const, 'held: a seat is this enrolment\'s (enrolled, or held while approvals run); queued: waiting for a seat'),
  queuePosition: Nullable(Type.Integer()),
  origin: literals(['self', 'nomination'] as const),
  nominatedBy: Nullable(Type.String()),
  mandatory: Type.Boolean(),
  requiredByPosition: Type.Boolean(),
  priorityGap: Type.Integer(),
  approvals: Type.Object({ supervisor: Approval, supervisorDecidedBy: Nullable(Type.String()), agency: Approval, agencyDecidedBy: Nullable(Type.String()) }),
  requestedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  attendancePct: Nullable(Type.Number()),
  learningRecordId: Nullable(Type.Integer()),
  person: Type.Object({ id: Type.Integer(), name: Type.String(), agencyId: Type.Integer() }),
  offering: Type.Object({ id: Type.Integer(), code: Type.String(), startDate: Type.String(), endDate: Type.String(), registrationCloses: Type.String() }),
  programme: Type.Object({ id: Type.Integer(), code: Type.String(), title: Type.String({ description: 'in Indonesian' }), titleEn: Nullable(Type.String()), jp: Type.Integer() }),
});
export const EnrolmentList = Type.Object({ items: Type.Array(EnrolmentView) });

export const RequestBody = Obj({ offeringId: Id });
export const ReasonBody = Obj({ reason: Type.Optional(Reason) });
export const ApproveBody = Obj({ note: Type.Optional(Reason) });
export const RejectBody = Obj({ reason: Reason });
export const Decided = Type.Object({ id: Type.Integer(), status: EnrolmentStatusSchema });
export const Withdrawn = Type.Object({ id: Type.Integer(), status: EnrolmentStatusSchema, promoted: Type.Array(Type.Integer()) });

export const NominationBody = Obj({
  offeringId: Id,
  civilServantIds: Type.Array(PersonId, { minItems: 1, maxItems: 500 }),
  mandatory: Type.Optional(Type.Boolean({ description: 'An agency mandate: first on the waitlist, with the people the programme is required for by position' })),
  allOrNothing: Type.Optional(Type.Boolean({ description: 'Refuse the whole batch when anyone is refused (default false: each person on their own)' })),
});
export const NominationView = Type.Object({
  items: Type.Array(
    Type.Object({
      civilServantId: Type.Integer(),
      outcome: literals(['requested', 'enrolled', 'waitlisted', 'refused'] as const),
      enrolmentId: Nullable(Type.Integer()),
      seatHeld: Type.Boolean(),
      problem: Nullable(Type.Object({ status: Type.Integer(), type: Type.String(), detail: Type.String() })),
    }),
  ),
});

export const ApprovalInbox = Type.Object({ asSupervisor: Type.Array(EnrolmentView), asAgency: Type.Array(EnrolmentView), activities: Type.Array(Type.Unknown()) });
export const AgencyEnrolmentsQuery = Obj({ status: Type.Optional(EnrolmentStatusSchema), offeringId: Type.Optional(Id), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })) });
export const AgencySettings = Type.Object({ agencyId: Type.Integer(), agencyApprovalRequired: Type.Boolean() });
export const AgencySettingsBody = Obj({ agencyApprovalRequired: Type.Boolean() });

// ---------- cohort ----------

export const CohortView = Type.Object({
  offering: Type.Object({ id: Type.Integer(), code: Type.String(), programmeId: Type.Integer(), programmeCode: Type.String(), startDate: Type.String(), endDate: Type.String(), capacity: Type.Integer(), seatsTaken: Type.Integer(), seatsLeft: Type.Integer(), status: Type.String() }),
  rule: Type.Object({ minAttendancePct: Type.Number(), passScore: Nullable(Type.Number()), requiredModules: Type.Array(Type.String()), isDefault: Type.Boolean() }),
  sessions: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), module: Nullable(Type.String()), providerId: Type.Integer(), providerCode: Type.String(), startsAt: Type.String(), endsAt: Type.String(), jp: Nullable(Type.Integer()), mayRecord: Type.Boolean() })),
  participants: Type.Array(Type.Intersect([EnrolmentView, Type.Object({ attendance: Type.Array(Nullable(AttendanceStatusSchema)) })])),
  waitlist: Type.Array(EnrolmentView),
  others: Type.Array(Type.Object({ id: Type.Integer(), status: EnrolmentStatusSchema, person: Type.Object({ id: Type.Integer(), name: Type.String(), agencyId: Type.Integer() }), reason: Nullable(Type.String()) })),
});
export const CohortListQuery = Obj({
  status: Type.Optional(literals(['planned', 'open', 'closed', 'running', 'completed', 'cancelled'] as const)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
});
export const CohortList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Nullable(Type.String()),
      status: Type.String(),
      startDate: Type.String(),
      endDate: Type.String(),
      capacity: Type.Integer(),
      seatsTaken: Type.Integer(),
      enrolled: Type.Integer({ description: 'participants enrolled now (not yet completed)' }),
      waiting: Type.Integer({ description: 'requests and waitlisted people without a seat' }),
      finished: Type.Integer({ description: 'completed, not completed or no-show' }),
      programme: Type.Object({ id: Type.Integer(), code: Type.String(), titleId: Type.String(), titleEn: Nullable(Type.String()) }),
      leadProviderCode: Type.String(),
      myPart: literals(['lead', 'partner', 'reader'] as const, 'lead: the lead provider\'s admins and national admins (attendance, scores, completion); partner: attendance of its own sessions only'),
    }),
  ),
});
export const AttendanceBody = Obj({ records: Type.Array(Obj({ enrolmentId: Id, sessionId: Id, status: AttendanceStatusSchema }), { maxItems: 10_000 }) });
export const ScoresBody = Obj({ scores: Type.Array(Obj({ enrolmentId: Id, score: Nullable(Type.Number({ minimum: 0, maximum: 100 })) }), { minItems: 1, maxItems: 2000 }) });
export const NoShowBody = Obj({ enrolmentIds: Type.Array(Id, { minItems: 1, maxItems: 2000, uniqueItems: true }) });
export const CompletionBody = Obj({
  items: Type.Array(Obj({ enrolmentId: Id, decision: Type.Optional(literals(['auto', 'not_completed'] as const)), reason: Type.Optional(Reason) }), { minItems: 1, maxItems: 2000 }),
  allOrNothing: Type.Optional(Type.Boolean()),
});
export const CompletionView = Type.Object({
  items: Type.Array(
    Type.Object({
      enrolmentId: Type.Integer(),
      outcome: literals(['completed', 'not_completed', 'refused'] as const),
      attendancePct: Nullable(Type.Number()),
      reasons: Type.Array(Type.String()),
      learningRecordId: Nullable(Type.Integer()),
      certificateId: Nullable(Type.String()),
    }),
  ),
});
export const Count = Type.Object({ recorded: Type.Integer() });
export const Marked = Type.Object({ marked: Type.Integer() });
export const RulesView = Type.Object({ programmeId: Type.Integer(), minAttendancePct: Type.Number(), passScore: Nullable(Type.Number()), requiredModules: Type.Array(Type.String()), isDefault: Type.Boolean() });
export const RulesBody = Obj({
  minAttendancePct: Type.Integer({ minimum: 0, maximum: 100 }),
  passScore: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
  requiredModules: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 }),
});

// ---------- JP ledger ----------

export const FormSchema = literals(LEARNING_FORMS);
export const YearQuery = Obj({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
export const LedgerView = Type.Object({
  person: Type.Object({ id: Type.Integer(), name: Type.String(), agencyId: Type.Integer() }),
  year: Type.Integer(),
  entitlement: Type.Number(),
  jp: Type.Number(),
  heldJp: Type.Number(),
  expectedByNow: Type.Number(),
  status: JpStatusSchema,
  records: Type.Array(
    Type.Object({
      id: Type.Integer(),
      source: literals(['offering', 'self_report', 'xapi'] as const),
      sourceRef: Type.String(),
      programmeId: Nullable(Type.Integer()),
      offeringId: Nullable(Type.Integer()),
      learningForm: Type.String(),
      title: Type.String(),
      completedOn: Type.String(),
      jp: Type.Number(),
      status: literals(['credited', 'held', 'reversed'] as const),
      evidenceUrl: Nullable(Type.String()),
    }),
  ),
});
export const ActivityBody = Obj({
  learningForm: FormSchema,
  title: Type.String({ minLength: 3, maxLength: 300 }),
  organiser: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  startedOn: DateText,
  endedOn: DateText,
  minutes: Type.Integer({ minimum: 1, maximum: 100_000, description: 'Time spent; converted to JP by the conversion table (1 JP = 45 minutes by default)' }),
  evidenceUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 2000 }))),
  evidenceNote: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
});
export const ActivityView = Type.Object({
  id: Type.Integer(),
  civilServantId: Type.Integer(),
  personName: Nullable(Type.String()),
  learningForm: Type.String(),
  title: Type.String(),
  organiser: Nullable(Type.String()),
  startedOn: Type.String(),
  endedOn: Type.String(),
  minutes: Type.Integer(),
  jp: Type.Number(),
  evidenceUrl: Nullable(Type.String()),
  evidenceNote: Nullable(Type.String()),
  status: Type.String(),
  decidedBy: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  learningRecordId: Nullable(Type.Integer()),
  createdAt: Type.String(),
});
export const ActivityList = Type.Object({ items: Type.Array(ActivityView) });
export const ConversionView = Type.Object({ learningForm: Type.String(), minutesPerJp: Type.Integer(), maxJpPerActivity: Nullable(Type.Number()), selfReportAllowed: Type.Boolean(), updatedBy: Type.String(), updatedAt: Type.String() });
export const ConversionList = Type.Object({ minutesPerJpStandard: Type.Integer(), items: Type.Array(ConversionView) });
export const ConversionParams = Obj({ form: Type.String({ maxLength: 40 }) });
export const ConversionBody = Obj({ minutesPerJp: Type.Integer({ minimum: 1, maximum: 600 }), maxJpPerActivity: Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 2000 })), selfReportAllowed: Type.Boolean() });

const Counts = { people: Type.Integer(), met: Type.Integer(), on_track: Type.Integer(), at_risk: Type.Integer(), jp: Type.Number(), averageJp: Type.Number() };
export const ComplianceQuery = Obj({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  unitId: Type.Optional(Id),
  status: Type.Optional(JpStatusSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'keyset cursor: nextAfter of the previous page' })),
});
export const AgencyComplianceView = Type.Object({
  agency: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  year: Type.Integer(),
  entitlement: Type.Number(),
  expectedByNow: Type.Number(),
  totals: Type.Object({ ...Counts, metPct: Type.Number() }),
  units: Type.Array(Type.Object({ unitId: Nullable(Type.Integer()), unitName: Nullable(Type.String()), ...Counts })),
  people: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), unitId: Nullable(Type.Integer()), unitName: Nullable(Type.String()), jp: Type.Number(), status: JpStatusSchema })),
  nextAfter: Nullable(Type.Integer()),
});
export const ComplianceCsvQuery = Obj({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), unitId: Type.Optional(Id), status: Type.Optional(JpStatusSchema) });
export const NationalComplianceView = Type.Object({
  year: Type.Integer(),
  entitlement: Type.Number(),
  expectedByNow: Type.Number(),
  nation: Type.Object({ ...Counts, metPct: Type.Number() }),
  agencies: Type.Array(Type.Object({ agencyId: Type.Integer(), code: Type.String(), name: Type.String(), ...Counts })),
});

// ---------- notifications ----------

export const NotificationQuery = Obj({ unreadOnly: Type.Optional(Type.Boolean()), before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) });
export const NotificationList = Type.Object({
  unread: Type.Integer(),
  nextBefore: Nullable(Type.Integer()),
  items: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), title: Type.String({ description: 'Indonesian' }), body: Type.String({ description: 'Indonesian' }), title_en: Nullable(Type.String({ description: 'English (null on old notifications that had none)' })), body_en: Nullable(Type.String()), link: Nullable(Type.String()), entity_type: Nullable(Type.String()), entity_id: Nullable(Type.String()), created_at: Type.String(), read_at: Nullable(Type.String()) })),
});
export const MarkReadBody = Obj({ ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), { minItems: 1, maxItems: 500 })), all: Type.Optional(Type.Boolean()) });
