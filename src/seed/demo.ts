// The demo data set: a few real agencies (regions from idn-area-data, plus ministries and
// national agencies), units, positions, a few thousand civil servants with valid NIPs,
// learning providers, and one account per role. Deterministic for a given seed.
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.ts';
import { systemCaller } from '../context.ts';
import { formatNip } from '../modules/org/nip.ts';
import { regionByCode } from '../modules/org/regions.ts';
import { hashPassword } from '../modules/identity/passwords.ts';
import { recordAudit } from '../modules/audit/service.ts';
import { createRandom, type Random } from './random.ts';
import { seedCatalogue } from '../modules/catalog/seed.ts';
import { seedCompetencyDemo } from '../modules/competency/seed.ts';
import { seedLearningDemo } from '../modules/learning/seed.ts';

const CENTRAL_AGENCIES = [
  { code: 'LAN', name: 'Lembaga Administrasi Negara', kind: 'national_agency' },
  { code: 'BKN', name: 'Badan Kepegawaian Negara', kind: 'national_agency' },
  { code: 'KEMENPANRB', name: 'Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi', kind: 'ministry' },
  { code: 'KEMENKEU', name: 'Kementerian Keuangan', kind: 'ministry' },
  { code: 'KEMENKES', name: 'Kementerian Kesehatan', kind: 'ministry' },
] as const;

/** Regional governments, by official code. */
const REGIONAL_AGENCY_CODES = ['32', '33', '51', '32.73', '33.74', '51.71', '32.04'];

const FIRST_NAMES = ['Agus', 'Budi', 'Dewi', 'Eka', 'Fitri', 'Gita', 'Hendra', 'Indah', 'Joko', 'Kartika', 'Lestari', 'Made', 'Nur', 'Putri', 'Rina', 'Sari', 'Teguh', 'Wahyu', 'Yudi', 'Zainal', 'Ayu', 'Bayu', 'Citra', 'Dimas', 'Endah', 'Fajar', 'Gede', 'Hadi', 'Irfan', 'Ketut', 'Nyoman', 'Rizky', 'Siti', 'Tri', 'Wayan'];
const LAST_NAMES = ['Santoso', 'Wijaya', 'Lestari', 'Pratama', 'Saputra', 'Hidayat', 'Kusuma', 'Nugroho', 'Rahmawati', 'Setiawan', 'Siregar', 'Nasution', 'Harahap', 'Simanjuntak', 'Wibowo', 'Utami', 'Purnomo', 'Suryadi', 'Halim', 'Putra', 'Sutrisno', 'Gunawan', 'Maharani', 'Permana', 'Yulianti'];

const UNIT_NAMES = ['Sekretariat', 'Bidang Perencanaan', 'Bidang Pengembangan SDM', 'Bidang Pelayanan Publik', 'Bidang Keuangan dan Aset', 'Inspektorat'];

const RANKS_BY_TIER: Record<string, string[]> = {
  jpt_madya: ['IV/d', 'IV/e'],
  jpt_pratama: ['IV/c', 'IV/d'],
  administrator: ['IV/a', 'IV/b'],
  pengawas: ['III/c', 'III/d'],
  ahli_muda: ['III/c', 'III/d'],
  ahli_pertama: ['III/a', 'III/b'],
  terampil: ['II/b', 'II/c', 'II/d'],
  pelaksana: ['II/a', 'II/b', 'II/c', 'III/a'],
};

const POSITIONS = [
  { code: 'JPT-MADYA', name: 'Sekretaris Jenderal / Sekretaris Daerah', kind: 'managerial', tier: 'jpt_madya' },
  { code: 'JPT-PRATAMA', name: 'Kepala Biro / Kepala Dinas', kind: 'managerial', tier: 'jpt_pratama' },
  { code: 'ADM', name: 'Kepala Bagian / Kepala Bidang', kind: 'managerial', tier: 'administrator' },
  { code: 'PENGAWAS', name: 'Kepala Subbagian / Kepala Seksi', kind: 'managerial', tier: 'pengawas' },
  { code: 'AK-MUDA', name: 'Analis Kebijakan Ahli Muda', kind: 'functional', tier: 'ahli_muda' },
  { code: 'AK-PERTAMA', name: 'Analis Kebijakan Ahli Pertama', kind: 'functional', tier: 'ahli_pertama' },
  { code: 'PRANATA-TERAMPIL', name: 'Pranata Komputer Terampil', kind: 'functional', tier: 'terampil' },
  { code: 'PELAKSANA', name: 'Pengadministrasi Umum', kind: 'executor', tier: 'pelaksana' },
] as const;

const PROVIDERS = [
  { code: 'LAN', name: 'Lembaga Administrasi Negara', kind: 'national_institute', owner: 'LAN' },
  { code: 'BPSDM-JABAR', name: 'BPSDM Provinsi Jawa Barat', kind: 'government_institution', owner: '32' },
  { code: 'KEMENKEU-CU', name: 'Kemenkeu Corporate University', kind: 'corporate_university', owner: 'KEMENKEU' },
  { code: 'NUSANTARA-LEAD', name: 'PT Nusantara Kepemimpinan', kind: 'private_company', owner: null },
  { code: 'UI', name: 'Universitas Indonesia', kind: 'university', owner: null },
  { code: 'CSC-SG', name: 'Civil Service College Singapore', kind: 'foreign_government_institute', owner: null },
] as const;

/** One account per role. The learner and supervisor are civil servants of Jawa Barat. */
export const DEMO_ACCOUNTS = [
  { role: 'learner', email: 'pelajar@kembang.test', displayName: 'Pelajar Demo', scope: 'agency:32' },
  { role: 'supervisor', email: 'atasan@kembang.test', displayName: 'Atasan Demo', scope: 'agency:32' },
  { role: 'agency_admin', email: 'admin.instansi@kembang.test', displayName: 'Admin BKPSDM Jawa Barat', scope: 'agency:32' },
  { role: 'provider_admin', email: 'admin.lan@kembang.test', displayName: 'Admin Pelatihan LAN', scope: 'provider:LAN' },
  { role: 'national_admin', email: 'admin.nasional@kembang.test', displayName: 'Admin Nasional LAN', scope: 'national' },
  { role: 'auditor', email: 'auditor@kembang.test', displayName: 'Auditor Demo', scope: 'national' },
] as const satisfies readonly { role: Role; email: string; displayName: string; scope: string }[];

export interface DemoAccount {
  role: Role;
  email: string;
  scope: string;
  password: string;
  nip?: string;
}

export interface DemoSeedResult {
  agencies: number;
  civilServants: number;
  accounts: DemoAccount[];
}

export interface DemoSeedOptions {
  seed?: number;
  /** Civil servants per agency. */
  perAgency?: number;
  /** One password for every demo account, or a function choosing one per account. */
  password: string | ((role: Role) => string);
  onProgress?: (done: number, total: number) => void;
}

export async function demoSeedPresent(db: Kysely<DB>): Promise<boolean> {
  return Boolean(await db.selectFrom('agency').select('id').where('code', '=', 'LAN').executeTakeFirst());
}

function pickRank(rng: Random, tier: string): string {
  return rng.pick(RANKS_BY_TIER[tier]);
}

/** A birth date, a TMT CPNS month at least 18 years later and not in the future, by tier seniority. */
function personDates(rng: Random, minAge: number, maxAge: number, thisYear: number) {
  const age = rng.int(minAge, maxAge);
  const birthYear = thisYear - age;
  const birthMonth = rng.int(1, 12);
  const birthDay = rng.int(1, 28);
  const earliestTmt = birthYear + rng.int(22, 30);
  const tmtYear = Math.min(earliestTmt, thisYear - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { birthDate: `${birthYear}-${pad(birthMonth)}-${pad(birthDay)}`, tmtCpns: `${tmtYear}-${pad(rng.int(1, 12))}-01` };
}

export async function seedDemo(db: Kysely<DB>, options: DemoSeedOptions): Promise<DemoSeedResult> {
  if (await demoSeedPresent(db)) throw new Error('The demo data set is already in this database.');
  const rng = createRandom(options.seed ?? 20261128);
  const perAgency = options.perAgency ?? 250;
  const thisYear = new Date().getUTCFullYear();
  const passwordFor = (role: Role) => (typeof options.password === 'string' ? options.password : options.password(role));

  return db.transaction().execute(async (tx) => {
    // Agencies
    const agencyRows = [
      ...CENTRAL_AGENCIES.map((a) => ({ code: a.code, name: a.name, kind: a.kind, province_code: '31', region_code: null })),
      ...REGIONAL_AGENCY_CODES.map((code) => {
        const region = regionByCode(code);
        if (!region) throw new Error(`idn-area-data has no region ${code}`);
        const name = region.kind === 'province' ? `Pemerintah Provinsi ${region.name}` : `Pemerintah ${region.name}`;
        return { code, name, kind: region.kind, province_code: region.provinceCode, region_code: code };
      }),
    ];
    const agencies = await tx.insertInto('agency').values(agencyRows).returning(['id', 'code', 'kind']).execute();
    const agencyByCode = new Map(agencies.map((a) => [a.code, a.id]));
    // Regencies and cities sit under their province where the province is present.
    for (const a of agencies) {
      if (a.kind === 'regency' || a.kind === 'city') {
        const parent = agencyByCode.get(a.code.split('.')[0]);
        if (parent) await tx.updateTable('agency').set({ parent_id: parent }).where('id', '=', a.id).execute();
      }
    }

    const providers = await tx
      .insertInto('provider')
      .values(PROVIDERS.map((p) => ({ code: p.code, name: p.name, kind: p.kind, owning_agency_id: p.owner ? agencyByCode.get(p.owner) ?? null : null })))
      .returning(['id', 'code'])
      .execute();

    let sequence = 0;
    const usedNips = new Set<string>();
    const newNip = (birthDate: string, tmtCpns: string, gender: 1 | 2) => {
      let nip: string;
      do {
        sequence = (sequence % 999) + 1;
        nip = formatNip({ birthDate, tmtCpns, gender, sequence });
      } while (usedNips.has(nip));
      usedNips.add(nip);
      return nip;
    };

    let done = 0;
    const total = agencies.length * perAgency;
    let demoLearner: { id: number; nip: string; agencyId: number } | undefined;
    let demoSupervisor: { id: number; nip: string } | undefined;

    for (const agency of agencies) {
      const units = await tx
        .insertInto('unit')
        .values(UNIT_NAMES.map((name, i) => ({ agency_id: agency.id, code: `U${String(i + 1).padStart(2, '0')}`, name })))
        .returning(['id'])
        .execute();
      const positions = await tx
        .insertInto('position')
        .values(POSITIONS.map((p) => ({ agency_id: agency.id, code: p.code, name: p.name, kind: p.kind, tier: p.tier })))
        .returning(['id', 'tier'])
        .execute();
      const positionOf = (tier: string) => positions.find((p) => p.tier === tier)!.id;

      const insertPerson = async (tier: string, unitId: number | null, supervisorId: number | null, ages: [number, number]) => {
        const gender = rng.int(1, 2) as 1 | 2;
        const { birthDate, tmtCpns } = personDates(rng, ages[0], ages[1], thisYear);
        const row = await tx
          .insertInto('civil_servant')
          .values({
            agency_id: agency.id,
            nip: newNip(birthDate, tmtCpns, gender),
            name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
            gender,
            birth_date: birthDate,
            tmt_cpns: tmtCpns,
            rank: pickRank(rng, tier),
            unit_id: unitId,
            position_id: positionOf(tier),
            supervisor_id: supervisorId,
            status: 'active',
          })
          .returning(['id', 'nip'])
          .executeTakeFirstOrThrow();
        done++;
        if (done % 100 === 0) options.onProgress?.(done, total);
        return row;
      };

      // A hierarchy: head → unit heads (administrator) → section heads (pengawas) → staff.
      const head = await insertPerson('jpt_pratama', units[0].id, null, [45, 58]);
      let budget = perAgency - 1;
      const staffTiers = ['ahli_muda', 'ahli_pertama', 'terampil', 'pelaksana', 'pelaksana'];
      for (const unit of units) {
        if (budget <= 0) break;
        const unitHead = await insertPerson('administrator', unit.id, head.id, [40, 56]);
        budget--;
        for (let s = 0; s < 2 && budget > 0; s++) {
          const section = await insertPerson('pengawas', unit.id, unitHead.id, [32, 55]);
          budget--;
          const staffCount = Math.min(budget, Math.ceil(perAgency / (units.length * 2)) - 1);
          const staffRows: { id: number; nip: string }[] = [];
          for (let k = 0; k < staffCount; k++) staffRows.push(await insertPerson(rng.pick(staffTiers), unit.id, section.id, [23, 57]));
          budget -= staffCount;
          if (!demoLearner && agency.code === '32' && staffRows.length > 0) {
            demoLearner = { id: staffRows[0].id, nip: staffRows[0].nip, agencyId: agency.id };
            demoSupervisor = section;
          }
        }
      }
    }
    options.onProgress?.(total, total);

    if (!demoLearner || !demoSupervisor) throw new Error('demo seed found no learner to link');
    const agencyId = demoLearner.agencyId;
    const lanProvider = providers.find((p) => p.code === 'LAN')!.id;
    const scopeIds = { 'agency:32': agencyId, 'provider:LAN': lanProvider, national: null } as const;
    const linked: Partial<Record<Role, { id: number; nip: string }>> = { learner: demoLearner, supervisor: demoSupervisor };
    const accounts = DEMO_ACCOUNTS.map((a) => ({
      ...a,
      scopeType: a.scope === 'national' ? ('national' as const) : (a.scope.split(':')[0] as 'agency' | 'provider'),
      scopeId: scopeIds[a.scope],
      civilServantId: linked[a.role]?.id ?? null,
      nip: linked[a.role]?.nip,
      password: passwordFor(a.role),
    }));
    const caller = systemCaller('seed');
    for (const account of accounts) {
      const user = await tx
        .insertInto('user_account')
        .values({ email: account.email, display_name: account.displayName, nip: account.nip ?? null, civil_servant_id: account.civilServantId, password_hash: await hashPassword(account.password) })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await tx.insertInto('role_grant').values({ user_id: user.id, role: account.role, scope_type: account.scopeType, scope_id: account.scopeId }).execute();
      // The learner and the supervisor are civil servants: they learn too.
      if (account.role === 'supervisor') await tx.insertInto('role_grant').values({ user_id: user.id, role: 'learner', scope_type: 'agency', scope_id: agencyId }).execute();
      await recordAudit(tx, caller, { action: 'user.created', entityType: 'user_account', entityId: user.id, scopeType: account.scopeType, scopeId: account.scopeId, after: { email: account.email, role: account.role } });
    }
    await seedCompetencyDemo(tx);
    await seedCatalogue(tx);
    await seedLearningDemo(tx, { learnerId: demoLearner.id, supervisorId: demoSupervisor.id });
    return {
      agencies: agencies.length,
      civilServants: done,
      accounts: accounts.map(({ role, email, scope, password, nip }) => ({ role, email, scope, password, nip })),
    };
  });
}
