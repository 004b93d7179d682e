// The planning routes of the route × role matrix (spread into test/access-matrix.ts), and the
// records they need. Writes send what the route refuses on its merits (or aim at records the
// caller may not change), so every allowed role is let through and the records stay as they were;
// record-level rules are tested in test/planning*.test.ts.
import type { Kysely } from 'kysely';
import type { DB, Role } from '../src/db/schema.ts';
import type { RouteCase } from './access-matrix.ts';

export interface PlanningFixtures {
  /** the demo learner's empty draft plan of next year */
  learnerPlanId: number;
  /** the demo agency's (West Java) draft plan of next year */
  agencyPlanId: number;
  /** a submitted plan of another agency (Central Java), with one line */
  foreignPlanId: number;
  /** an offering taking registrations */
  offeringId: number;
}

export async function planningFixtures(db: Kysely<DB>, learnerId: number): Promise<PlanningFixtures> {
  const year = new Date().getUTCFullYear() + 1;
  const learner = await db.selectFrom('civil_servant').select(['agency_id']).where('id', '=', learnerId).executeTakeFirstOrThrow();
  const plan = await db.insertInto('development_plan').values({ civil_servant_id: learnerId, agency_id: learner.agency_id, year }).returning('id').executeTakeFirstOrThrow();
  const agencyPlan = await db.insertInto('agency_plan').values({ agency_id: learner.agency_id, year, budget: 100_000_000, created_by: 'matrix' }).returning('id').executeTakeFirstOrThrow();
  const other = await db.selectFrom('agency').select('id').where('code', '=', '33').executeTakeFirstOrThrow();
  const foreign = await db.insertInto('agency_plan').values({ agency_id: other.id, year, budget: 100_000_000, created_by: 'matrix', status: 'submitted', submitted_at: new Date(), submitted_by: 'matrix' }).returning('id').executeTakeFirstOrThrow();
  const programme = await db.selectFrom('programme').select('id').where('code', '=', 'KEPEMIMPINAN-DIGITAL').executeTakeFirstOrThrow();
  await db.insertInto('agency_plan_line').values({ plan_id: foreign.id, agency_id: other.id, programme_id: programme.id, seats: 5, unit_fee: 3_500_000, target_competencies: ['M.07'] }).execute();
  const offering = await db.selectFrom('offering').select('id').where('programme_id', '=', programme.id).where('code', '=', 'ONLINE-2026-1').executeTakeFirstOrThrow();
  return { learnerPlanId: plan.id, agencyPlanId: agencyPlan.id, foreignPlanId: foreign.id, offeringId: offering.id };
}

const PEOPLE_READERS: Role[] = ['learner', 'supervisor', 'agency_admin', 'national_admin', 'auditor'];
const READERS: Role[] = ['agency_admin', 'national_admin', 'auditor'];
const NONE = 2_147_483_000;

export const planningMatrix: RouteCase[] = [
  // recommendations: whoever may see the person
  { method: 'GET', route: '/api/planning/people/{id}/recommendations', url: (f) => `/api/planning/people/${f.learnerPersonId}/recommendations`, allow: PEOPLE_READERS },
  { method: 'GET', route: '/api/planning/people/{id}/recommendations', url: (f) => `/api/planning/people/${f.foreignPersonId}/recommendations?lang=en`, allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/planning/offerings/{id}/candidates', url: (f) => `/api/planning/offerings/${f.planning.offeringId}/candidates?agencyId=${f.agencyId}`, allow: ['agency_admin', 'national_admin'] },
  // development plans
  { method: 'GET', route: '/api/planning/plans/mine', url: () => '/api/planning/plans/mine', allow: ['learner', 'supervisor'] },
  // year 2000 is refused on its merits (this year or the next only)
  { method: 'POST', route: '/api/planning/plans', url: () => '/api/planning/plans', body: () => ({ year: 2000 }), allow: ['learner', 'supervisor'] },
  { method: 'GET', route: '/api/planning/plans/approvals', url: () => '/api/planning/plans/approvals', allow: ['supervisor', 'agency_admin'] },
  { method: 'GET', route: '/api/planning/people/{id}/plan', url: (f) => `/api/planning/people/${f.learnerPersonId}/plan`, allow: PEOPLE_READERS },
  { method: 'GET', route: '/api/planning/plans/{id}', url: (f) => `/api/planning/plans/${f.planning.learnerPlanId}`, allow: PEOPLE_READERS },
  // the learner's own plan: only the learner edits it (the supervisor sees it: 403)
  { method: 'POST', route: '/api/planning/plans/{id}/items', url: (f) => `/api/planning/plans/${f.planning.learnerPlanId}/items`, body: () => ({}), allow: ['learner'] },
  { method: 'PATCH', route: '/api/planning/plans/{id}/items/{itemId}', url: (f) => `/api/planning/plans/${f.planning.learnerPlanId}/items/${NONE}`, body: () => ({ plannedJp: 8 }), allow: ['learner'] },
  { method: 'DELETE', route: '/api/planning/plans/{id}/items/{itemId}', url: (f) => `/api/planning/plans/${f.planning.learnerPlanId}/items/${NONE}`, allow: ['learner'] },
  // an empty plan: submitting it is refused (422), so nothing moves
  { method: 'POST', route: '/api/planning/plans/{id}/submit', url: (f) => `/api/planning/plans/${f.planning.learnerPlanId}/submit`, allow: ['learner'] },
  { method: 'POST', route: '/api/planning/plans/{id}/withdraw', url: (f) => `/api/planning/plans/${f.planning.learnerPlanId}/withdraw`, allow: ['learner'] },
  // the direct supervisor decides (409: it is a draft); the agency admin does not (the learner has a supervisor): 403
  { method: 'POST', route: '/api/planning/plans/{id}/approve', url: (f) => `/api/planning/plans/${f.planning.learnerPlanId}/approve`, body: () => ({}), allow: ['supervisor'] },
  { method: 'POST', route: '/api/planning/plans/{id}/return', url: (f) => `/api/planning/plans/${f.planning.learnerPlanId}/return`, body: () => ({ comment: 'matriks' }), allow: ['supervisor'] },
  // agency plans
  { method: 'GET', route: '/api/planning/agencies/{id}/needs', url: (f) => `/api/planning/agencies/${f.agencyId}/needs`, allow: READERS },
  { method: 'GET', route: '/api/planning/agency-plans', url: () => '/api/planning/agency-plans', allow: READERS },
  { method: 'POST', route: '/api/planning/agency-plans', url: () => '/api/planning/agency-plans', body: (f) => ({ agencyId: f.agencyId, year: 2000, budget: 1 }), allow: ['agency_admin'] },
  // a draft is the agency's own; national roles read plans once submitted
  { method: 'GET', route: '/api/planning/agency-plans/{id}', url: (f) => `/api/planning/agency-plans/${f.planning.agencyPlanId}`, allow: ['agency_admin'] },
  { method: 'GET', route: '/api/planning/agency-plans/{id}', url: (f) => `/api/planning/agency-plans/${f.planning.foreignPlanId}`, allow: ['national_admin', 'auditor'] },
  { method: 'PATCH', route: '/api/planning/agency-plans/{id}', url: (f) => `/api/planning/agency-plans/${f.planning.agencyPlanId}`, body: () => ({}), allow: ['agency_admin'] },
  { method: 'POST', route: '/api/planning/agency-plans/{id}/lines', url: (f) => `/api/planning/agency-plans/${f.planning.agencyPlanId}/lines`, body: () => ({ seats: 1 }), allow: ['agency_admin'] },
  { method: 'PATCH', route: '/api/planning/agency-plans/{id}/lines/{lineId}', url: (f) => `/api/planning/agency-plans/${f.planning.agencyPlanId}/lines/${NONE}`, body: () => ({ seats: 2 }), allow: ['agency_admin'] },
  { method: 'DELETE', route: '/api/planning/agency-plans/{id}/lines/{lineId}', url: (f) => `/api/planning/agency-plans/${f.planning.agencyPlanId}/lines/${NONE}`, allow: ['agency_admin'] },
  // no lines: refused (422)
  { method: 'POST', route: '/api/planning/agency-plans/{id}/submit', url: (f) => `/api/planning/agency-plans/${f.planning.agencyPlanId}/submit`, allow: ['agency_admin'] },
  // an empty comment is refused (400)
  { method: 'POST', route: '/api/planning/agency-plans/{id}/return', url: (f) => `/api/planning/agency-plans/${f.planning.foreignPlanId}/return`, body: () => ({ comment: '' }), allow: ['national_admin'] },
  { method: 'GET', route: '/api/planning/agency-plans/{id}/export.xlsx', url: (f) => `/api/planning/agency-plans/${f.planning.foreignPlanId}/export.xlsx`, allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/planning/agency-plans/{id}/export.pdf', url: (f) => `/api/planning/agency-plans/${f.planning.foreignPlanId}/export.pdf`, allow: ['national_admin', 'auditor'] },
];
