// Certificates and evaluation records for the access matrix and the certificate/evaluation tests.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { systemCaller, type Caller } from '../src/context.ts';
import { issueCertificate, type Issued } from '../src/modules/certificate/service.ts';
import { createChangeProject } from '../src/modules/evaluation/service.ts';

export interface CertificateFixtures {
  /** the demo learner's certificate of the PKP programme's first offering (LAN), completed long ago (its follow-up is due) */
  certificate: Issued;
  /** another certificate of the learner, for the revoke route */
  revocable: Issued;
  /** a PKP certificate of the learner without a change project yet */
  projectCertificateId: string;
  /** the level-3 follow-up of `certificate` */
  followUpId: number;
  /** the learner's change project on `certificate` */
  changeProjectId: number;
  programmeId: number;
  offeringId: number;
  statusListId: number;
}

/** A caller acting as a civil servant (for service-level calls in tests). */
export function personCaller(civilServantId: number, agencyId: number): Caller {
  return { actor: { type: 'user', id: `test-${civilServantId}`, label: `person ${civilServantId}`, grants: [{ role: 'learner', scopeType: 'agency', scopeId: agencyId }], civilServantId } };
}

export async function certificateFixtures(db: Kysely<DB>, learnerId: number): Promise<CertificateFixtures> {
  const programme = await db.selectFrom('programme').select('id').where('code', '=', 'PKP-KOLABORASI').executeTakeFirstOrThrow();
  const offerings = await db.selectFrom('offering').select('id').where('programme_id', '=', programme.id).orderBy('id').execute();
  const learner = await db.selectFrom('civil_servant').select(['id', 'agency_id']).where('id', '=', learnerId).executeTakeFirstOrThrow();
  const system = systemCaller('test');
  const certificate = await issueCertificate(db, system, { civilServantId: learnerId, programmeId: programme.id, offeringId: offerings[0].id, learningRecordId: null, completedOn: '2025-01-10', jp: 40 });
  const revocable = await issueCertificate(db, system, { civilServantId: learnerId, programmeId: programme.id, offeringId: null, learningRecordId: 900_001, completedOn: '2025-02-10', jp: 40 });
  const projectCert = await issueCertificate(db, system, { civilServantId: learnerId, programmeId: programme.id, offeringId: null, learningRecordId: 900_002, completedOn: '2025-03-10', jp: 40 });
  const followUp = await db.selectFrom('evaluation_follow_up').select('id').where('certificate_id', '=', certificate.id).executeTakeFirstOrThrow();
  const project = await createChangeProject(db, personCaller(learnerId, learner.agency_id), {
    certificateId: certificate.id,
    title: 'Layanan perizinan terpadu daring',
    problem: 'Izin usaha mikro memerlukan lima kunjungan ke kantor.',
    change: 'Satu formulir daring dan verifikasi berkas dalam dua hari.',
    results: 'Waktu layanan turun dari 14 hari menjadi 3 hari.',
  });
  const status = await db.selectFrom('certificate').select('status_list_id').where('id', '=', certificate.id).executeTakeFirstOrThrow();
  return { certificate, revocable, projectCertificateId: projectCert.id, followUpId: followUp.id, changeProjectId: project.id, programmeId: programme.id, offeringId: offerings[0].id, statusListId: status.status_list_id };
}
