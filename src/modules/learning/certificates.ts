// The certificates hook: on completion, learning asks the certificate module to issue the
// certificate inside the completion's transaction (so a completion never lands without it, and a
// failed issue rolls the completion back). The one call site of issueCertificate in learning.
import type { Kysely } from 'kysely';
import type { Caller } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { issueCertificate, issueCertificates } from '../certificate/service.ts';

export interface CertificateInput {
  civilServantId: number;
  programmeId: number;
  offeringId: number;
  learningRecordId: number;
  completedOn: string;
  jp: number;
}

/** Issues the certificate of a completion in the caller's transaction; returns its id. */
export async function issueCertificateIfAvailable(db: Kysely<DB>, caller: Caller, input: CertificateInput): Promise<string | null> {
  const issued = await issueCertificate(db, caller, input);
  return issued ? String(issued.id) : null;
}

/** The certificates of many completions in the caller's transaction, issued and signed together; ids in input order. */
export async function issueCertificatesIfAvailable(db: Kysely<DB>, caller: Caller, inputs: CertificateInput[]): Promise<(string | null)[]> {
  return (await issueCertificates(db, caller, inputs)).map((issued) => (issued ? String(issued.id) : null));
}
