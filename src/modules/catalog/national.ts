// The national-scale synthetic catalogue: 150+ providers, 5,000+ programmes, 50,000+ offerings,
// deterministic for a given seed and base date. Batched multi-row INSERTs, then one pass that
// derives the search columns and the word list.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createRandom, type Random } from '../../seed/random.ts';
import { regions } from '../org/regions.ts';
import { addToLexicon, refreshProgrammes, searchExtra } from './summary.ts';
import { CATEGORIES, LEARNING_FORMS, PROVIDER_KINDS } from './vocab.ts';

export interface NationalCatalogueOptions {
  seed?: number;
  providers?: number;
  programmes?: number;
  offerings?: number;
  /** 'YYYY-MM-DD'; offerings are spread around it (default: today) */
  baseDate?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

const TOPICS: [string, string][] = [
  ['Pengelolaan Keuangan Daerah', 'Regional Financial Management'],
  ['Pengadaan Barang dan Jasa Pemerintah', 'Government Procurement'],
  ['Analisis Kebijakan Publik', 'Public Policy Analysis'],
  ['Manajemen Aparatur Sipil Negara', 'Civil Service Management'],
  ['Pelayanan Publik Prima', 'Excellent Public Service'],
  ['Transformasi Digital Pemerintahan', 'Digital Government Transformation'],
  ['Tata Kelola Data dan Statistik', 'Data Governance and Statistics'],
  ['Perencanaan Pembangunan Daerah', 'Regional Development Planning'],
  ['Audit Internal Pemerintah', 'Government Internal Audit'],
  ['Manajemen Risiko Sektor Publik', 'Public Sector Risk Management'],
  ['Kepemimpinan Pelayanan', 'Service Leadership'],
  ['Komunikasi Publik dan Kehumasan', 'Public Communication'],
  ['Penyusunan Peraturan Perundang-undangan', 'Legislative Drafting'],
  ['Pengelolaan Arsip Digital', 'Digital Records Management'],
  ['Kesehatan Masyarakat dan Surveilans', 'Public Health and Surveillance'],
  ['Penanggulangan Bencana', 'Disaster Management'],
  ['Pengelolaan Aset Negara', 'State Asset Management'],
  ['Keamanan Siber Pemerintah', 'Government Cybersecurity'],
  ['Inovasi dan Design Thinking', 'Innovation and Design Thinking'],
  ['Manajemen Kinerja Organisasi', 'Organisational Performance Management'],
  ['Penganggaran Berbasis Kinerja', 'Performance-based Budgeting'],
  ['Pengawasan Perizinan', 'Licensing Supervision'],
  ['Pengelolaan Lingkungan Hidup', 'Environmental Management'],
  ['Etika dan Integritas ASN', 'Civil Service Ethics and Integrity'],
  ['Pengembangan Ekonomi Lokal', 'Local Economic Development'],
  ['Manajemen Proyek Pemerintah', 'Government Project Management'],
  ['Pemberdayaan Masyarakat Desa', 'Village Community Empowerment'],
  ['Statistik dan Analisis Data', 'Statistics and Data Analysis'],
  ['Kerja Sama Internasional', 'International Cooperation'],
  ['Wawasan Kebangsaan', 'National Insight'],
];
const LEVELS: [string, string][] = [['Dasar', 'Foundations'], ['Lanjutan', 'Advanced'], ['Praktis', 'in Practice'], ['Terapan', 'Applied'], ['untuk Pimpinan', 'for Leaders'], ['Tingkat Ahli', 'Expert Level']];
const MANAGERIAL = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08'];
const TECHNICAL = Array.from({ length: 60 }, (_, i) => `T.NAS.${String(i + 1).padStart(3, '0')}`);

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function weighted<T>(rng: Random, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

async function insertBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>, progress?: (done: number) => void) {
  for (let i = 0; i < rows.length; i += size) {
    await insert(rows.slice(i, i + size));
    progress?.(Math.min(i + size, rows.length));
  }
}

export async function generateNationalCatalogue(db: Kysely<DB>, options: NationalCatalogueOptions = {}) {
  const rng = createRandom(options.seed ?? 4242);
  const nProviders = options.providers ?? 160;
  const nProgrammes = options.programmes ?? 5200;
  const nOfferings = options.offerings ?? 52000;
  const base = options.baseDate ?? new Date().toISOString().slice(0, 10);
  const progress = options.onProgress ?? (() => {});
  const provinces = regions().provinces.map((p) => p.code);
  const agencyIds = (await db.selectFrom('agency').select('id').orderBy('id').execute()).map((a) => a.id);

  // Providers
  const providerRows = Array.from({ length: nProviders }, (_, i) => {
    const kind = weighted(rng, [
      ['government_institution', 60],
      ['corporate_university', 12],
      ['private_company', 14],
      ['university', 10],
      ['foreign_government_institute', 3],
      ['national_institute', 1],
    ] as [(typeof PROVIDER_KINDS)[number], number][]);
    const served = [...new Set(Array.from({ length: rng.int(1, 5) }, () => rng.pick(provinces)))];
    return {
      code: `NP-${String(i + 1).padStart(4, '0')}`,
      name: `${{ government_institution: 'BPSDM', corporate_university: 'Corporate University', private_company: 'PT Pelatihan', university: 'Universitas', foreign_government_institute: 'Institute of Public Service', national_institute: 'Pusat Pelatihan Nasional' }[kind]} ${i + 1}`,
      kind,
      owning_agency_id: (kind === 'government_institution' || kind === 'corporate_university') && agencyIds.length ? rng.pick(agencyIds) : null,
      provinces_served: served,
      description_id: 'Penyedia pembelajaran ASN (data sintetis).',
      description_en: 'A civil-service learning provider (synthetic data).',
    };
  });
  const providers: { id: number; code: string; name: string; kind: string }[] = [];
  await insertBatches(providerRows, 500, async (batch) => providers.push(...(await db.insertInto('provider').values(batch).returning(['id', 'code', 'name', 'kind']).execute())));
  const accredRows = providers
    .filter(() => rng.next() < 0.7)
    .map((p) => {
      const from = addDays(base, -rng.int(30, 1700));
      return { provider_id: p.id, grade: rng.pick(['A', 'A', 'B', 'C'] as const), category: 'Lembaga pelatihan', valid_from: from, valid_to: addDays(from, 1826), decision_number: `KEP-SIN/${p.code}`, documents: '[]', recorded_by: 'generator' };
    });
  await insertBatches(accredRows, 500, (batch) => db.insertInto('provider_accreditation').values(batch).execute());
  await sql`update provider p set (accr_grade, accr_valid_from, accr_valid_to) = (select a.grade, a.valid_from, a.valid_to from provider_accreditation a where a.provider_id = p.id order by a.id desc limit 1)
            where p.id = any(${providers.map((p) => p.id)}::int[])`.execute(db);
  progress('providers', nProviders, nProviders);

  // Programmes with their partners and competencies
  interface Plan {
    row: Record<string, unknown>;
    partners: { provider_id: number; roles: string[] }[];
    competencies: { code: string; from: number; to: number }[];
    accredited: boolean;
  }
  const plans: Plan[] = [];
  for (let i = 0; i < nProgrammes; i++) {
    const lead = rng.pick(providers);
    const category = weighted(rng, [['technical', 45], ['functional', 20], ['managerial', 15], ['socio_cultural', 5], ['pkp', 5], ['pka', 4], ['pkn2', 2], ['pkn1', 1], ['latsar', 3]] as [(typeof CATEGORIES)[number], number][]);
    const leadership = ['pkn1', 'pkn2', 'pka', 'pkp', 'latsar'].includes(category);
    const form = leadership ? 'course' : rng.pick(LEARNING_FORMS);
    const [topicId, topicEn] = rng.pick(TOPICS);
    const [levelId, levelEn] = rng.pick(LEVELS);
    const titleId = leadership ? `${({ pkn1: 'PKN Tingkat I', pkn2: 'PKN Tingkat II', pka: 'Pelatihan Kepemimpinan Administrator', pkp: 'Pelatihan Kepemimpinan Pengawas', latsar: 'Pelatihan Dasar CPNS' } as Record<string, string>)[category]} — ${topicId}` : `${topicId} ${levelId}`;
    const titleEn = leadership ? `${({ pkn1: 'National Leadership Training I', pkn2: 'National Leadership Training II', pka: 'Administrator Leadership Training', pkp: 'Supervisor Leadership Training', latsar: 'Basic Training for New Civil Servants' } as Record<string, string>)[category]}: ${topicEn}` : `${topicEn} ${levelEn}`;
    const jp = leadership ? rng.int(200, 450) : weighted(rng, [[rng.int(2, 8), 30], [rng.int(9, 24), 35], [rng.int(25, 80), 25], [rng.int(81, 200), 10]]);
    const codes = new Set<string>();
    const nComp = rng.int(1, 4);
    while (codes.size < nComp) codes.add(category === 'technical' || category === 'functional' ? (rng.next() < 0.7 ? rng.pick(TECHNICAL) : rng.pick(MANAGERIAL)) : category === 'socio_cultural' ? (codes.size === 0 ? 'SK.01' : rng.pick(MANAGERIAL)) : rng.pick(MANAGERIAL));
    const competencies = [...codes].map((code) => {
      const from = rng.int(1, 4);
      return { code, from, to: Math.min(5, from + rng.int(0, 2)) };
    });
    const partners = [{ provider_id: lead.id, roles: ['lead'] }];
    if (rng.next() < 0.15) {
      for (let k = rng.int(1, 3); k > 0; k--) {
        const other = rng.pick(providers);
        if (!partners.some((p) => p.provider_id === other.id)) partners.push({ provider_id: other.id, roles: [rng.pick(['co_organiser', 'content', 'faculty', 'host'])] });
      }
    }
    const status = weighted(rng, [['published', 90], ['draft', 6], ['submitted', 2], ['archived', 2]]);
    const code = `NAS-${String(i + 1).padStart(5, '0')}`;
    plans.push({
      row: {
        provider_id: lead.id,
        code,
        title_id: titleId,
        title_en: titleEn,
        description_id: `Program ${titleId.toLowerCase()} bagi ASN: materi, praktik, dan evaluasi (data sintetis).`,
        description_en: `A ${titleEn.toLowerCase()} programme for civil servants: content, practice and assessment (synthetic data).`,
        category,
        learning_form: form,
        jp,
        position_tiers: [],
        languages: rng.next() < 0.1 ? ['id', 'en'] : ['id'],
        activity_iri: `https://kembang.go.id/xapi/activities/programme/${code.toLowerCase()}`,
        status,
        review_status: leadership ? (status === 'submitted' ? 'pending' : 'approved') : 'not_required',
        quality: rng.next() < 0.6 ? (3 + rng.next() * 2).toFixed(2) : null,
        published_at: status === 'published' ? new Date(`${base}T00:00:00Z`) : null,
        search_extra: searchExtra({ category, learning_form: form, competencyCodes: competencies.map((c) => c.code), partners: partners.map((p) => providers.find((x) => x.id === p.provider_id)!) }),
      },
      partners,
      competencies,
      accredited: leadership || rng.next() < 0.3,
    });
  }
  const programmeIds: number[] = [];
  await insertBatches(plans, 1000, async (batch) => programmeIds.push(...(await db.insertInto('programme').values(batch.map((p) => p.row) as never).returning('id').execute()).map((r) => r.id)), (done) => progress('programmes', done, nProgrammes));
  const partnerRows = plans.flatMap((p, i) => p.partners.map((x) => ({ programme_id: programmeIds[i], provider_id: x.provider_id, roles: x.roles, contribution: null, modules: [] as string[] })));
  await insertBatches(partnerRows, 2000, (batch) => db.insertInto('programme_partner').values(batch).execute());
  const competencyRows = plans.flatMap((p, i) => p.competencies.map((c) => ({ programme_id: programmeIds[i], competency_code: c.code, level_from: c.from, level_to: c.to })));
  await insertBatches(competencyRows, 2000, (batch) => db.insertInto('programme_competency').values(batch).execute());
  const accrRows = plans.flatMap((p, i) => {
    if (!p.accredited) return [];
    const from = addDays(base, -rng.int(30, 1900));
    return [{ programme_id: programmeIds[i], scheme: 'current' as const, grade: rng.pick(['A', 'B'] as const), valid_from: from, valid_to: addDays(from, 1826), decision_number: `KEP-PROG/${p.row.code}`, documents: '[]', recorded_by: 'generator' }];
  });
  await insertBatches(accrRows, 2000, (batch) => db.insertInto('programme_accreditation').values(batch).execute());

  // Offerings: every programme gets some; the rest go to random programmes.
  const offeringRows: Record<string, unknown>[] = [];
  const perProgramme = new Map<number, number>();
  for (let k = 0; k < nOfferings; k++) {
    const idx = k < nProgrammes ? k : rng.int(0, nProgrammes - 1);
    const programmeId = programmeIds[idx];
    const n = (perProgramme.get(programmeId) ?? 0) + 1;
    perProgramme.set(programmeId, n);
    const start = addDays(base, rng.int(-180, 365));
    const days = Math.max(1, Math.ceil(Number(plans[idx].row.jp) / 8));
    const mode = weighted(rng, [['offline', 45], ['online', 35], ['blended', 20]] as ['offline' | 'online' | 'blended', number][]);
    const capacity = rng.int(2, 40) * 5;
    const started = start <= base;
    offeringRows.push({
      programme_id: programmeId,
      code: `ANGKATAN-${n}`,
      name: null,
      start_date: start,
      end_date: addDays(start, Math.min(days, 120) - 1),
      registration_opens: addDays(start, -rng.int(30, 60)),
      registration_closes: addDays(start, -rng.int(1, 10)),
      capacity,
      enrolled_count: started ? capacity - rng.int(0, Math.floor(capacity / 4)) : rng.int(0, capacity),
      mode,
      province_code: mode === 'online' ? null : rng.pick(provinces),
      online_url: mode === 'offline' ? null : `https://belajar.example.id/${programmeId}/${n}`,
      fee: rng.next() < 0.4 ? 0 : rng.int(5, 300) * 50000,
      status: started ? (addDays(start, days) < base ? 'completed' : 'running') : weighted(rng, [['open', 60], ['planned', 35], ['cancelled', 5]]),
    });
  }
  await insertBatches(offeringRows, 1000, (batch) => db.insertInto('offering').values(batch as never).execute(), (done) => progress('offerings', done, nOfferings));

  progress('search index', 0, 1);
  await refreshProgrammes(db, programmeIds);
  await addToLexicon(db, programmeIds);
  progress('search index', 1, 1);
  return { providers: providers.length, programmes: programmeIds.length, offerings: offeringRows.length };
}
