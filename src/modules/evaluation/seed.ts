// Demo change projects (aksi perubahan), called by the learning demo seed once the certificates of
// a past leadership cohort exist: the participant's and the agency's consent are given as the seed
// says, so the public repository has something to search. Texts are our own.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OutcomeStatus } from '../../db/certificate-schema.ts';
import { systemCaller } from '../../context.ts';
import { recordAudit } from '../audit/service.ts';
import * as repo from './repository.ts';

export interface DemoChangeProject {
  certificateId: string;
  title: string;
  problem: string;
  change: string;
  results: string;
  contacts: { name: string; role?: string; email?: string }[];
  /** both the participant and the agency agree to publish it */
  published: boolean;
  outcome?: { status: OutcomeStatus; score: number; note: string };
}

export async function seedChangeProjectsDemo(db: Kysely<DB>, projects: DemoChangeProject[]): Promise<number> {
  let made = 0;
  for (const p of projects) {
    const cert = await repo.certificate(db, p.certificateId);
    if (!cert || (await repo.changeProjectOf(db, cert.id))) continue;
    const row = await repo.insertChangeProject(db, {
      certificate_id: cert.id,
      civil_servant_id: cert.civil_servant_id,
      agency_id: cert.agency_id,
      programme_id: cert.programme_id,
      provider_id: cert.provider_id,
      title: p.title,
      problem: p.problem,
      change: p.change,
      results: p.results,
      contacts: JSON.stringify(p.contacts),
      participant_public: p.published,
    });
    const patch: Record<string, unknown> = { agency_public: p.published };
    if (p.outcome) Object.assign(patch, { outcome_status: p.outcome.status, outcome_score: p.outcome.score, outcome_note: p.outcome.note, outcome_by: 'seed', outcome_at: new Date() });
    await repo.updateChangeProject(db, row.id, patch);
    made++;
  }
  await recordAudit(db, systemCaller('seed'), { action: 'evaluation.demo_seeded', entityType: 'change_project', entityId: 'demo', scopeType: 'national', scopeId: null, after: { changeProjects: made } });
  return made;
}
