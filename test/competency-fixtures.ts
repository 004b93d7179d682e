// Fixtures of the competency routes for the route × role matrix (test/access-matrix.ts).
import assert from 'node:assert/strict';
import { asUser, type Session, type TestApp } from './helpers.ts';

export interface CompetencyFixtures {
  publishedVersionId: number;
  /** a draft version created by the national admin before the run */
  draftVersionId: number;
  /** a position and an agency other than the demo agency */
  foreignPositionId: number;
  foreignAgencyId: number;
  /** a (non-void) demo assessment of someone in the demo agency */
  assessmentId: number;
}

export async function competencyFixtures(t: TestApp, national: Session, agencyId: number): Promise<CompetencyFixtures> {
  const db = t.database.db;
  const as = asUser(t.app, national);
  const current = await as('GET', '/api/competency/dictionary/current');
  assert.equal(current.statusCode, 200, current.body);
  const draft = await as('POST', '/api/competency/dictionary/versions', { notes: 'matrix draft' });
  assert.equal(draft.statusCode, 201, draft.body);
  const foreign = await db.selectFrom('position').select(['id', 'agency_id']).where('agency_id', '<>', agencyId).orderBy('id').executeTakeFirstOrThrow();
  const assessment = await db.selectFrom('competency_assessment').select('id').where('agency_id', '=', agencyId).where('voided_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  return { publishedVersionId: current.json().id, draftVersionId: draft.json().id, foreignPositionId: foreign.id, foreignAgencyId: foreign.agency_id, assessmentId: assessment.id };
}
