// One migration set for both back ends, run by `kembang migrate` and at every start.
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Kysely } from 'kysely';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_competency.ts';
import * as m0003 from './migrations/0003_registry_import.ts';
import * as m0004 from './migrations/0004_xapi.ts';
import * as m0005 from './migrations/0005_catalog.ts';
import * as m0006 from './migrations/0006_learning.ts';
import * as m0007 from './migrations/0007_certificates.ts';
import * as m0008 from './migrations/0008_competency_current.ts';
import * as m0009 from './migrations/0009_xapi_ledger.ts';
import * as m0012 from './migrations/0012_analytics.ts';
import * as m0017 from './migrations/0017_competency_current_lock.ts';
import * as m0010 from './migrations/0010_planning.ts';
import * as m0011 from './migrations/0011_allocation.ts';
import * as m0021 from './migrations/0021_certificate_revocation_version.ts';
import * as m0023 from './migrations/0023_catalog_search.ts';
import * as m0035 from './migrations/0035_catalog_search_cards.ts';
import * as m0036 from './migrations/0036_notification_english.ts';
import * as m0055 from './migrations/0055_catalog_lexicon_xid.ts';
import * as m0050 from './migrations/0050_xapi_key_collation.ts';
import * as m0040 from './migrations/0040_drop_competency_assessment_agency.ts';

// A static list (not a directory scan) so the set is explicit and bundler-proof.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_competency': m0002,
  '0003_registry_import': m0003,
  '0004_xapi': m0004,
  '0005_catalog': m0005,
  '0006_learning': m0006,
  '0007_certificates': m0007,
  '0008_competency_current': m0008,
  '0009_xapi_ledger': m0009,
  '0012_analytics': m0012,
  '0017_competency_current_lock': m0017,
  '0010_planning': m0010,
  '0011_allocation': m0011,
  '0021_certificate_revocation_version': m0021,
  '0023_catalog_search': m0023,
  '0035_catalog_search_cards': m0035,
  '0036_notification_english': m0036,
  '0055_catalog_lexicon_xid': m0055,
  '0050_xapi_key_collation': m0050,
  '0040_drop_competency_assessment_agency': m0040,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** The names of the migrations this build knows. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Unordered: features are built on parallel branches, each with its own migration number, so a
  // database may have run a later-numbered migration before an earlier-numbered one lands. Each
  // migration touches only its own tables and functions (or replaces a function wholesale).
  const migrator = new Migrator({ db, provider, migrationTableName: 'kembang_migration', migrationLockTableName: 'kembang_migration_lock', allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? error}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
