// The demo catalogue: provider profiles and accreditation, a dozen programmes across the
// categories and learning forms, offerings around today's date, and the joint supervisor
// leadership programme (PKP) of LAN (lead), PT Nusantara Kepemimpinan (content, faculty) and
// the Civil Service College Singapore (faculty/mentor) with a cross-agency cohort.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { systemCaller } from '../../context.ts';
import { recordAudit } from '../audit/service.ts';
import { addToLexicon, refreshProgrammes, refreshProvider, refreshSearchText } from './summary.ts';

const day = (offset: number, from = new Date()) => {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const at = (date: string, hour: number) => `${date}T${String(hour - 7).padStart(2, '0')}:00:00Z`; // WIB → UTC

const PROFILES: Record<string, { descriptionId: string; descriptionEn: string; website: string; provinces: string[]; email: string }> = {
  LAN: { descriptionId: 'Lembaga pembina pelatihan kepemimpinan nasional dan akreditasi lembaga pelatihan pemerintah.', descriptionEn: 'The national institute that runs leadership training and accredits government training institutions.', website: 'https://lan.go.id', provinces: [], email: 'pelatihan@lan.go.id' },
  'BPSDM-JABAR': { descriptionId: 'Badan Pengembangan SDM Provinsi Jawa Barat: pelatihan dasar, kepemimpinan dan teknis bagi ASN daerah.', descriptionEn: 'West Java human resources development agency: basic, leadership and technical training for regional civil servants.', website: 'https://bpsdm.jabarprov.go.id', provinces: ['32'], email: 'info@bpsdm.jabarprov.go.id' },
  'KEMENKEU-CU': { descriptionId: 'Corporate university Kementerian Keuangan untuk kompetensi keuangan negara.', descriptionEn: "The Ministry of Finance's corporate university for public finance competencies.", website: 'https://bppk.kemenkeu.go.id', provinces: ['31', '32', '33', '35', '51'], email: 'cu@kemenkeu.go.id' },
  'NUSANTARA-LEAD': { descriptionId: 'Perusahaan swasta penyedia pelatihan kepemimpinan, inovasi dan design thinking.', descriptionEn: 'A private company delivering leadership, innovation and design-thinking programmes.', website: 'https://nusantara-lead.example.id', provinces: ['31', '32', '36'], email: 'halo@nusantara-lead.example.id' },
  UI: { descriptionId: 'Perguruan tinggi negeri; program kebijakan publik dan administrasi negara.', descriptionEn: 'A public university; public policy and public administration programmes.', website: 'https://www.ui.ac.id', provinces: ['31', '32'], email: 'fia@ui.ac.id' },
  'CSC-SG': { descriptionId: 'Lembaga pelatihan pemerintah Singapura; mitra internasional untuk pertukaran dan mentoring.', descriptionEn: "Singapore government's training institute; an international partner for exchanges and mentoring.", website: 'https://www.csc.gov.sg', provinces: [], email: 'partnerships@csc.gov.sg' },
};

interface ProgrammeSeed {
  code: string;
  lead: string;
  partners?: { code: string; roles: string[]; contribution: string; modules: string[] }[];
  titleId: string;
  titleEn: string;
  descriptionId: string;
  descriptionEn: string;
  category: string;
  form: string;
  jp: number;
  competencies: [string, number, number][];
  tiers: string[];
  ranks?: [string, string];
  languages?: string[];
  status: 'draft' | 'submitted' | 'published' | 'archived';
  review?: string;
  quality?: number;
  accreditation?: { scheme: 'current' | 'legacy'; grade: 'A' | 'B' | 'C'; from: number; to: number; decision: string };
  offerings?: { code: string; start: number; days: number; capacity: number; mode: 'offline' | 'online' | 'blended'; province?: string; regency?: string; venue?: string; fee: number; status: string; quotas?: [string, number][]; enrolled?: number }[];
}

const PROGRAMMES: ProgrammeSeed[] = [
  {
    code: 'PKP-KOLABORASI',
    lead: 'LAN',
    partners: [
      { code: 'LAN', roles: ['lead', 'host'], contribution: 'Penyelenggara, kurikulum nasional PKP, coach aksi perubahan, seminar akhir', modules: ['Agenda Kepemimpinan Pengawas', 'Aksi Perubahan'] },
      { code: 'NUSANTARA-LEAD', roles: ['content', 'faculty'], contribution: 'Modul inovasi pelayanan dan design thinking, fasilitator', modules: ['Inovasi Pelayanan Publik', 'Design Thinking'] },
      { code: 'CSC-SG', roles: ['faculty'], contribution: 'Mentor internasional dan sesi kepemimpinan pelayanan publik (virtual)', modules: ['Leading Public Service Change'] },
    ],
    titleId: 'Pelatihan Kepemimpinan Pengawas (PKP) Kolaboratif',
    titleEn: 'Supervisor Leadership Training (PKP), joint programme',
    descriptionId: 'PKP kolaboratif bagi pejabat pengawas lintas instansi: kepemimpinan pelayanan, inovasi, dan aksi perubahan di unit kerja, dengan mentor dari Singapura.',
    descriptionEn: 'A joint supervisor leadership programme for a cross-agency cohort: service leadership, innovation and a change project at work, with mentors from Singapore.',
    category: 'pkp',
    form: 'course',
    jp: 260,
    competencies: [['M.01', 2, 3], ['M.02', 2, 3], ['M.03', 2, 3], ['M.04', 2, 3], ['M.07', 2, 3], ['SK.01', 2, 3]],
    tiers: ['pengawas'],
    ranks: ['III/a', 'III/d'],
    languages: ['id', 'en'],
    status: 'published',
    review: 'approved',
    quality: 4.6,
    accreditation: { scheme: 'current', grade: 'A', from: -400, to: 1400, decision: 'Keputusan Kepala LAN No. 112/K.1/PDP.07/2025' },
    offerings: [
      { code: 'ANGKATAN-I', start: 40, days: 60, capacity: 40, mode: 'blended', province: '31', regency: '31.74', venue: 'Kampus LAN Pejompongan, Jakarta', fee: 12500000, status: 'open', quotas: [['32', 10], ['KEMENKEU', 8], ['KEMENKES', 8], ['33', 6], ['51', 4]] },
      { code: 'ANGKATAN-II', start: 150, days: 60, capacity: 40, mode: 'blended', province: '32', regency: '32.73', venue: 'BPSDM Jawa Barat, Bandung', fee: 12500000, status: 'planned', quotas: [['32', 16], ['32.73', 8], ['32.04', 8]] },
    ],
  },
  {
    code: 'PKA-LAN',
    lead: 'LAN',
    titleId: 'Pelatihan Kepemimpinan Administrator (PKA)',
    titleEn: 'Administrator Leadership Training (PKA)',
    descriptionId: 'Pelatihan kepemimpinan bagi pejabat administrator: kepemimpinan kinerja, manajemen perubahan dan aksi perubahan.',
    descriptionEn: 'Leadership training for administrators: performance leadership, managing change and a change project.',
    category: 'pka',
    form: 'course',
    jp: 290,
    competencies: [['M.04', 3, 4], ['M.07', 3, 4], ['M.08', 3, 4]],
    tiers: ['administrator'],
    ranks: ['III/d', 'IV/b'],
    status: 'published',
    review: 'approved',
    quality: 4.3,
    accreditation: { scheme: 'current', grade: 'A', from: -1765, to: 60, decision: 'Keputusan Kepala LAN No. 45/K.1/PDP.07/2021' },
    offerings: [{ code: 'ANGKATAN-XII', start: 30, days: 75, capacity: 60, mode: 'offline', province: '31', regency: '31.74', venue: 'Kampus LAN Pejompongan, Jakarta', fee: 15000000, status: 'open', quotas: [['KEMENPANRB', 10], ['BKN', 10]] }],
  },
  {
    code: 'LATSAR-JABAR',
    lead: 'BPSDM-JABAR',
    titleId: 'Pelatihan Dasar CPNS Golongan III',
    titleEn: 'Basic Training for New Civil Servants (Grade III)',
    descriptionId: 'Latsar CPNS: sikap perilaku bela negara, nilai dasar ASN BerAKHLAK, kedudukan dan peran ASN, habituasi.',
    descriptionEn: 'Basic training for candidate civil servants: national values, core ASN values, the role of the civil servant, habituation.',
    category: 'latsar',
    form: 'course',
    jp: 1141,
    competencies: [['M.01', 1, 2], ['SK.01', 1, 2], ['M.05', 1, 2]],
    tiers: ['ahli_pertama', 'pelaksana', 'terampil'],
    ranks: ['III/a', 'III/a'],
    status: 'published',
    review: 'approved',
    quality: 4.1,
    accreditation: { scheme: 'legacy', grade: 'B', from: -2000, to: -175, decision: 'Keputusan Kepala LAN No. 301/K.1/PDP.07/2019' },
    offerings: [{ code: 'ANGKATAN-5-2026', start: 20, days: 90, capacity: 80, mode: 'blended', province: '32', regency: '32.73', venue: 'BPSDM Jawa Barat, Cimahi', fee: 0, status: 'open', quotas: [['32', 60], ['32.73', 10], ['32.04', 10]], enrolled: 12 }],
  },
  {
    code: 'KEU-ANGGARAN-KINERJA',
    lead: 'KEMENKEU-CU',
    titleId: 'Penganggaran Berbasis Kinerja',
    titleEn: 'Performance-based Budgeting',
    descriptionId: 'E-learning mandiri tentang perencanaan dan penganggaran berbasis kinerja, indikator kinerja, dan evaluasi anggaran.',
    descriptionEn: 'Self-paced e-learning on performance-based planning and budgeting, performance indicators and budget evaluation.',
    category: 'technical',
    form: 'e_learning',
    jp: 24,
    competencies: [['T.KEU.ANGGARAN', 1, 3], ['M.04', 2, 3]],
    tiers: ['ahli_pertama', 'ahli_muda', 'pelaksana'],
    status: 'published',
    quality: 4.4,
    accreditation: { scheme: 'current', grade: 'B', from: -200, to: 1600, decision: 'Keputusan Kepala LAN No. 77/K.1/PDP.07/2025' },
    offerings: [
      { code: 'BATCH-2026-1', start: 10, days: 30, capacity: 500, mode: 'online', fee: 0, status: 'open' },
      { code: 'BATCH-2026-2', start: 100, days: 30, capacity: 500, mode: 'online', fee: 0, status: 'planned' },
    ],
  },
  {
    code: 'UI-KEBIJAKAN-BUKTI',
    lead: 'UI',
    titleId: 'Analisis Kebijakan Publik Berbasis Bukti',
    titleEn: 'Evidence-based Public Policy Analysis',
    descriptionId: 'Lokakarya bagi analis kebijakan: merumuskan masalah, memakai data dan riset, menulis policy brief.',
    descriptionEn: 'A workshop for policy analysts: framing problems, using data and research, writing policy briefs.',
    category: 'functional',
    form: 'workshop',
    jp: 40,
    competencies: [['M.08', 2, 4], ['T.KEBIJAKAN.ANALISIS', 2, 3]],
    tiers: ['ahli_pertama', 'ahli_muda', 'ahli_madya'],
    ranks: ['III/a', 'IV/b'],
    status: 'published',
    quality: 4.7,
    offerings: [{ code: 'KELAS-DEPOK-1', start: 25, days: 5, capacity: 30, mode: 'offline', province: '32', regency: '32.76', venue: 'Kampus UI Depok', fee: 7500000, status: 'open' }],
  },
  {
    code: 'LAN-COACHING-PEMIMPIN',
    lead: 'LAN',
    titleId: 'Coaching bagi Pemimpin Pelayanan Publik',
    titleEn: 'Coaching for Public Service Leaders',
    descriptionId: 'Rangkaian coaching daring untuk mengembangkan diri dan orang lain: percakapan kinerja dan umpan balik.',
    descriptionEn: 'An online coaching series on developing yourself and others: performance conversations and feedback.',
    category: 'managerial',
    form: 'coaching',
    jp: 16,
    competencies: [['M.06', 3, 4], ['M.03', 3, 4]],
    tiers: ['administrator', 'pengawas'],
    status: 'published',
    quality: 4.5,
    offerings: [{ code: 'COHORT-1', start: 14, days: 42, capacity: 25, mode: 'online', fee: 2000000, status: 'open', enrolled: 25 }],
  },
  {
    code: 'KEPEMIMPINAN-DIGITAL',
    lead: 'NUSANTARA-LEAD',
    partners: [
      { code: 'NUSANTARA-LEAD', roles: ['lead', 'content'], contribution: 'Kurikulum dan fasilitator', modules: ['Transformasi Digital', 'Inovasi'] },
      { code: 'UI', roles: ['faculty'], contribution: 'Dosen tamu tata kelola data', modules: ['Tata Kelola Data Pemerintah'] },
    ],
    titleId: 'Kepemimpinan Digital dan Inovasi Pelayanan',
    titleEn: 'Digital Leadership and Service Innovation',
    descriptionId: 'Lokakarya kepemimpinan digital: memimpin transformasi layanan, budaya inovasi, dan keputusan berbasis data.',
    descriptionEn: 'A digital leadership workshop: leading service transformation, a culture of innovation and data-driven decisions.',
    category: 'managerial',
    form: 'workshop',
    jp: 32,
    competencies: [['M.07', 2, 4], ['M.04', 2, 3], ['M.08', 2, 3]],
    tiers: ['administrator', 'pengawas', 'ahli_muda'],
    status: 'published',
    quality: 4.2,
    offerings: [
      { code: 'JKT-2026-1', start: 35, days: 4, capacity: 35, mode: 'offline', province: '31', regency: '31.71', venue: 'Jakarta Pusat', fee: 6500000, status: 'open' },
      { code: 'ONLINE-2026-1', start: 60, days: 4, capacity: 100, mode: 'online', fee: 3500000, status: 'planned' },
    ],
  },
  {
    code: 'WAWASAN-KEBANGSAAN',
    lead: 'BPSDM-JABAR',
    titleId: 'Wawasan Kebangsaan dan Perekat Bangsa',
    titleEn: 'National Insight and Social Cohesion',
    descriptionId: 'Seminar tentang keberagaman, moderasi, dan peran ASN sebagai perekat bangsa.',
    descriptionEn: 'A seminar on diversity, moderation and the civil servant as a unifier of the nation.',
    category: 'socio_cultural',
    form: 'seminar',
    jp: 8,
    competencies: [['SK.01', 1, 3]],
    tiers: [],
    status: 'published',
    quality: 3.9,
    offerings: [{ code: 'SEMINAR-BANDUNG', start: 7, days: 1, capacity: 200, mode: 'blended', province: '32', regency: '32.73', venue: 'Gedung Sate, Bandung', fee: 0, status: 'open' }],
  },
  {
    code: 'PERTUKARAN-SG-ID',
    lead: 'CSC-SG',
    partners: [
      { code: 'CSC-SG', roles: ['lead', 'host'], contribution: 'Tuan rumah dan penempatan di instansi Singapura', modules: ['Attachment in a Singapore agency'] },
      { code: 'LAN', roles: ['co_organiser'], contribution: 'Seleksi peserta dan pendampingan', modules: ['Selection and debrief'] },
    ],
    titleId: 'Pertukaran ASN Indonesia–Singapura: Pelayanan Publik',
    titleEn: 'Indonesia–Singapore Civil Service Exchange: Public Service Delivery',
    descriptionId: 'Pertukaran pegawai selama dua minggu untuk mempelajari pelayanan publik terpadu di Singapura.',
    descriptionEn: 'A two-week staff exchange to learn integrated public service delivery in Singapore.',
    category: 'managerial',
    form: 'exchange',
    jp: 80,
    competencies: [['M.05', 3, 4], ['M.02', 3, 4]],
    tiers: ['administrator', 'pengawas'],
    languages: ['en'],
    status: 'published',
    quality: 4.8,
    offerings: [{ code: 'EXCHANGE-2026', start: 120, days: 14, capacity: 12, mode: 'offline', province: '31', venue: 'Civil Service College, Singapore (pre-departure in Jakarta)', fee: 30000000, status: 'planned', quotas: [['KEMENPANRB', 4], ['32', 4], ['KEMENKEU', 4]] }],
  },
  {
    code: 'PKN2-2026',
    lead: 'LAN',
    titleId: 'Pelatihan Kepemimpinan Nasional Tingkat II',
    titleEn: 'National Leadership Training Level II',
    descriptionId: 'PKN II bagi pejabat pimpinan tinggi pratama: kepemimpinan strategis dan proyek perubahan.',
    descriptionEn: 'Leadership training for senior executives (JPT pratama): strategic leadership and a change project.',
    category: 'pkn2',
    form: 'course',
    jp: 420,
    competencies: [['M.07', 4, 5], ['M.08', 4, 5], ['M.01', 4, 5]],
    tiers: ['jpt_pratama'],
    ranks: ['IV/a', 'IV/e'],
    status: 'submitted',
    review: 'pending',
  },
  {
    code: 'KEU-MANAJEMEN-RISIKO',
    lead: 'KEMENKEU-CU',
    titleId: 'Manajemen Risiko Sektor Publik',
    titleEn: 'Public Sector Risk Management',
    descriptionId: 'Draf program bimbingan teknis manajemen risiko.',
    descriptionEn: 'Draft technical guidance on risk management.',
    category: 'technical',
    form: 'technical_guidance',
    jp: 30,
    competencies: [['T.KEU.RISIKO', 1, 3]],
    tiers: [],
    status: 'draft',
  },
  {
    code: 'DIKLATPIM-IV-LAMA',
    lead: 'LAN',
    titleId: 'Diklat Kepemimpinan Tingkat IV (kurikulum lama)',
    titleEn: 'Leadership Training Level IV (old curriculum)',
    descriptionId: 'Kurikulum lama, digantikan PKP.',
    descriptionEn: 'Old curriculum, replaced by PKP.',
    category: 'pkp',
    form: 'course',
    jp: 285,
    competencies: [['M.01', 2, 3]],
    tiers: ['pengawas'],
    status: 'archived',
    review: 'approved',
  },
];

export async function seedCatalogue(db: Kysely<DB>): Promise<{ programmes: number; offerings: number }> {
  const caller = systemCaller('seed');
  const providers = new Map((await db.selectFrom('provider').select(['id', 'code']).execute()).map((p) => [p.code, p.id]));
  const agencies = new Map((await db.selectFrom('agency').select(['id', 'code']).execute()).map((a) => [a.code, a.id]));
  const pid = (code: string) => {
    const id = providers.get(code);
    if (!id) throw new Error(`demo catalogue: no provider ${code}`);
    return id;
  };

  for (const [code, profile] of Object.entries(PROFILES)) {
    if (!providers.has(code)) continue;
    await db
      .updateTable('provider')
      .set({
        description_id: profile.descriptionId,
        description_en: profile.descriptionEn,
        website: profile.website,
        email: profile.email,
        provinces_served: profile.provinces,
        contacts: JSON.stringify([{ name: `Sekretariat ${code}`, title: 'Sekretariat pelatihan', email: profile.email }]),
      })
      .where('id', '=', pid(code))
      .execute();
  }
  // Institution accreditation history: LAN and KEMENKEU-CU valid; BPSDM-JABAR expiring (renewal due), with an older record.
  const instAccr: [string, 'A' | 'B', number, number, string][] = [
    ['LAN', 'A', -700, 1125, 'Keputusan Kepala LAN No. 10/K.1/PKP.3/2024'],
    ['BPSDM-JABAR', 'B', -3650, -1825, 'Keputusan Kepala LAN No. 88/K.1/PKP.3/2016'],
    ['BPSDM-JABAR', 'A', -1800, 45, 'Keputusan Kepala LAN No. 51/K.1/PKP.3/2021'],
    ['KEMENKEU-CU', 'A', -300, 1525, 'Keputusan Kepala LAN No. 19/K.1/PKP.3/2025'],
  ];
  for (const [code, grade, from, to, decision] of instAccr) {
    await db
      .insertInto('provider_accreditation')
      .values({ provider_id: pid(code), grade, category: 'Lembaga pelatihan pemerintah', valid_from: day(from), valid_to: day(to), decision_number: decision, documents: JSON.stringify([{ name: 'Surat keputusan akreditasi (PDF)', url: `https://lan.go.id/akreditasi/${code.toLowerCase()}.pdf` }]), recorded_by: 'seed' })
      .execute();
    await refreshProvider(db, pid(code));
  }

  let offeringCount = 0;
  const ids: number[] = [];
  for (const p of PROGRAMMES) {
    const row = await db
      .insertInto('programme')
      .values({
        provider_id: pid(p.lead),
        code: p.code,
        title_id: p.titleId,
        title_en: p.titleEn,
        description_id: p.descriptionId,
        description_en: p.descriptionEn,
        category: p.category,
        learning_form: p.form,
        jp: p.jp,
        position_tiers: p.tiers,
        rank_min: p.ranks?.[0] ?? null,
        rank_max: p.ranks?.[1] ?? null,
        languages: p.languages ?? ['id'],
        activity_iri: `https://kembang.go.id/xapi/activities/programme/${p.code.toLowerCase()}`,
        status: p.status,
        review_status: p.review ?? 'not_required',
        quality: p.quality ?? null,
        published_at: p.status === 'published' || p.status === 'archived' ? day(-30) : null,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    ids.push(row.id);
    await db.insertInto('programme_competency').values(p.competencies.map(([code, from, to]) => ({ programme_id: row.id, competency_code: code, level_from: from, level_to: to }))).execute();
    const partners = p.partners ?? [{ code: p.lead, roles: ['lead'], contribution: 'Penyelenggara', modules: [] }];
    await db.insertInto('programme_partner').values(partners.map((x) => ({ programme_id: row.id, provider_id: pid(x.code), roles: x.roles, contribution: x.contribution, modules: x.modules }))).execute();
    if (p.accreditation) {
      const a = p.accreditation;
      await db
        .insertInto('programme_accreditation')
        .values({ programme_id: row.id, scheme: a.scheme, grade: a.grade, valid_from: day(a.from), valid_to: day(a.to), decision_number: a.decision, documents: JSON.stringify([{ name: 'Sertifikat akreditasi program' }]), recorded_by: 'seed' })
        .execute();
    }
    for (const o of p.offerings ?? []) {
      const start = day(o.start);
      const offering = await db
        .insertInto('offering')
        .values({
          programme_id: row.id,
          code: o.code,
          name: `${p.titleId} — ${o.code}`,
          start_date: start,
          end_date: day(o.start + o.days - 1),
          registration_opens: day(Math.min(o.start - 45, -5)),
          registration_closes: day(o.start - 3),
          capacity: o.capacity,
          enrolled_count: o.enrolled ?? 0,
          mode: o.mode,
          province_code: o.province ?? null,
          regency_code: o.regency ?? null,
          venue: o.venue ?? null,
          online_url: o.mode === 'offline' ? null : `https://belajar.kembang.go.id/kelas/${p.code.toLowerCase()}/${o.code.toLowerCase()}`,
          fee: o.fee,
          status: o.status,
        })
        .returning(['id', 'start_date'])
        .executeTakeFirstOrThrow();
      offeringCount++;
      const quotas = (o.quotas ?? []).filter(([code]) => agencies.has(code));
      if (quotas.length) await db.insertInto('offering_quota').values(quotas.map(([code, seats]) => ({ offering_id: offering.id, agency_id: agencies.get(code)!, seats }))).execute();
      if (p.code === 'PKP-KOLABORASI' && o.code === 'ANGKATAN-I') {
        const sessions: [string, string, string, number, number, number][] = [
          ['LAN', 'Orientasi dan agenda kepemimpinan pengawas', 'Agenda Kepemimpinan Pengawas', 0, 8, 16],
          ['NUSANTARA-LEAD', 'Design thinking untuk inovasi pelayanan publik', 'Design Thinking', 2, 8, 17],
          ['CSC-SG', 'Leading public service change (virtual masterclass)', 'Leading Public Service Change', 5, 13, 16],
          ['CSC-SG', 'Mentoring aksi perubahan (daring, kelompok)', 'Leading Public Service Change', 20, 14, 16],
          ['LAN', 'Seminar aksi perubahan', 'Aksi Perubahan', 58, 8, 15],
        ];
        for (const [by, title, module, offset, h1, h2] of sessions) {
          const d = day(o.start + offset);
          await db.insertInto('offering_session').values({ offering_id: offering.id, provider_id: pid(by), title, module, starts_at: at(d, h1), ends_at: at(d, h2), jp: Math.round(((h2 - h1) * 60) / 45), location: by === 'CSC-SG' ? 'Daring' : 'Kampus LAN Pejompongan' }).execute();
        }
      }
    }
    await recordAudit(db, caller, { action: 'programme.created', entityType: 'programme', entityId: row.id, scopeType: 'provider', scopeId: pid(p.lead), after: { code: p.code, status: p.status } });
  }
  await refreshProgrammes(db, ids);
  for (const id of ids) await refreshSearchText(db, id);
  await addToLexicon(db, ids);
  return { programmes: ids.length, offerings: offeringCount };
}
