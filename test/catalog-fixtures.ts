// Ids of demo catalogue records, for the access matrix and the catalogue tests.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';

export interface CatalogFixtures {
  /** LAN: the demo provider admin's provider */
  providerId: number;
  /** the joint PKP programme, led by LAN, published */
  programmeId: number;
  /** PKN II, led by LAN, submitted and awaiting national review */
  submittedProgrammeId: number;
  /** an archived LAN programme */
  archivedProgrammeId: number;
  /** the PKP programme's first offering, and its start date */
  offeringId: number;
  offeringStart: string;
  /** two sessions of that offering delivered by LAN */
  sessionId: number;
  deletableSessionId: number;
}

export async function catalogFixtures(db: Kysely<DB>): Promise<CatalogFixtures> {
  const provider = await db.selectFrom('provider').select('id').where('code', '=', 'LAN').executeTakeFirstOrThrow();
  const programme = async (code: string) => (await db.selectFrom('programme').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const programmeId = await programme('PKP-KOLABORASI');
  const offering = await db.selectFrom('offering').select(['id', 'start_date']).where('programme_id', '=', programmeId).where('code', '=', 'ANGKATAN-I').executeTakeFirstOrThrow();
  const sessions = await db.selectFrom('offering_session').select('id').where('offering_id', '=', offering.id).where('provider_id', '=', provider.id).orderBy('id').execute();
  return {
    providerId: provider.id,
    programmeId,
    submittedProgrammeId: await programme('PKN2-2026'),
    archivedProgrammeId: await programme('DIKLATPIM-IV-LAMA'),
    offeringId: offering.id,
    offeringStart: offering.start_date,
    sessionId: sessions[0].id,
    deletableSessionId: sessions[sessions.length - 1].id,
  };
}
