// Demo learning data, called at the end of the demo seed: a full coaching cohort with a waitlist,
// Latsar participants, a past seminar with completions, certificates, JP records and
// self-reported activities, so the demo learner's 20-JP bar is partly filled, they hold a
// certificate to share and evaluate, and the demo supervisor has requests waiting; and last
// year's PKP cohort whose change projects fill the public repository.
// Seats taken in the catalogue's demo offerings are recomputed from the enrolments made here.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { systemCaller } from '../../context.ts';
import { recordAudit } from '../audit/service.ts';
import { refreshProgrammes } from '../catalog/summary.ts';
import { todayJakarta } from '../catalog/rules.ts';
import { seedChangeProjectsDemo } from '../evaluation/seed.ts';
import { issueCertificateIfAvailable } from './certificates.ts';
import { creditRecord } from './ledger-service.ts';
import { notify } from './notifications.ts';
import { seedCohortDemo } from './seed-cohort.ts';
import { notificationText } from './notification-text.ts';

const NO_MAIL = { smtp: undefined, publicUrl: '' };

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface LearningDemoResult {
  enrolments: number;
  records: number;
  certificates: number;
}

export async function seedLearningDemo(db: Kysely<DB>, demo: { learnerId: number; supervisorId: number }): Promise<LearningDemoResult> {
  const caller = systemCaller('seed');
  const today = todayJakarta();
  const offering = (programme: string, code: string) =>
    db.selectFrom('offering as o').innerJoin('programme as p', 'p.id', 'o.programme_id').select(['o.id', 'o.programme_id', 'o.start_date', 'o.capacity', 'p.jp', 'p.title_id', 'p.learning_form']).where('p.code', '=', programme).where('o.code', '=', code).executeTakeFirst();
  const people = (tiers: string[], limit: number, extra: (q: any) => any = (q) => q) =>
    extra(
      db
        .selectFrom('civil_servant as cs')
        .innerJoin('position as pos', 'pos.id', 'cs.position_id')
        .select(['cs.id', 'cs.agency_id', 'cs.supervisor_id'])
        .where('pos.tier', 'in', tiers)
        .where('cs.status', '=', 'active')
        .where('cs.id', 'not in', [demo.learnerId, demo.supervisorId]),
    )
      .orderBy('cs.id')
      .limit(limit)
      .execute() as Promise<{ id: number; agency_id: number; supervisor_id: number | null }[]>;

  let count = 0;
  const enrol = async (o: { id: number; programme_id: number }, p: { id: number; agency_id: number; supervisor_id: number | null }, status: 'enrolled' | 'waitlisted' | 'requested' | 'completed' | 'not_completed', extra: Record<string, unknown> = {}) => {
    const seat = status !== 'waitlisted' && status !== 'requested' ? true : Boolean(extra.seat_held);
    const row = await db
      .insertInto('enrolment')
      .values({
        offering_id: o.id,
        programme_id: o.programme_id,
        civil_servant_id: p.id,
        agency_id: p.agency_id,
        status,
        seat_held: seat,
        origin: 'self',
        supervisor_id: p.supervisor_id,
        supervisor_approval: status === 'requested' ? (p.supervisor_id ? 'pending' : 'not_required') : p.supervisor_id ? 'approved' : 'not_required',
        supervisor_decided_by: status === 'requested' || !p.supervisor_id ? null : 'seed',
        agency_approval: status === 'requested' && !p.supervisor_id ? 'pending' : 'not_required',
        approved_at: status === 'requested' ? null : new Date(),
        seated_at: seat && status !== 'requested' ? new Date() : null,
        waitlisted_at: status === 'waitlisted' ? new Date() : null,
        ...extra,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    count++;
    return row.id;
  };

  // A full coaching cohort (25 seats) with two people waiting.
  const coaching = await offering('LAN-COACHING-PEMIMPIN', 'COHORT-1');
  if (coaching) {
    const leaders = await people(['administrator', 'pengawas'], coaching.capacity + 2);
    for (const [i, p] of leaders.entries()) await enrol(coaching, p, i < coaching.capacity ? 'enrolled' : 'waitlisted', { priority_gap: i % 4 });
  }
  // Latsar: new staff of West Java at rank III/a.
  const latsar = await offering('LATSAR-JABAR', 'ANGKATAN-5-2026');
  if (latsar) {
    const agency = await db.selectFrom('agency').select('id').where('code', '=', '32').executeTakeFirstOrThrow();
    const recruits = await people(['ahli_pertama', 'pelaksana', 'terampil'], 12, (q) => q.where('cs.rank', '=', 'III/a').where('cs.agency_id', '=', agency.id));
    for (const p of recruits) await enrol(latsar, p, 'enrolled');
  }

  // A past seminar (earlier this year) with its attendance, completions and JP.
  const seminar = await db.selectFrom('programme').select(['id', 'code', 'provider_id', 'jp', 'title_id', 'title_en', 'learning_form']).where('code', '=', 'WAWASAN-KEBANGSAAN').executeTakeFirst();
  let records = 0;
  let certificates = 0;
  const learner = await db.selectFrom('civil_servant').select(['id', 'name', 'agency_id', 'supervisor_id']).where('id', '=', demo.learnerId).executeTakeFirstOrThrow();
  if (seminar) {
    const year = today.slice(0, 4);
    const start = addDays(today, -40) < `${year}-01-01` ? `${year}-01-01` : addDays(today, -40);
    const past = await db
      .insertInto('offering')
      .values({ programme_id: seminar.id, code: `SEMINAR-${year}-01`, name: `Wawasan Kebangsaan — SEMINAR-${year}-01`, start_date: start, end_date: start, registration_opens: addDays(start, -30), registration_closes: addDays(start, -1), capacity: 100, mode: 'online', online_url: 'https://belajar.kembang.go.id/kelas/wawasan-kebangsaan/seminar-lalu', status: 'completed' })
      .returning(['id', 'programme_id'])
      .executeTakeFirstOrThrow();
    const session = await db
      .insertInto('offering_session')
      .values({ offering_id: past.id, provider_id: seminar.provider_id, title: 'Seminar wawasan kebangsaan', module: 'Perekat Bangsa', starts_at: `${start}T01:00:00Z`, ends_at: `${start}T07:00:00Z`, jp: 8 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('programme_completion_rule').values({ programme_id: seminar.id, min_attendance_pct: 100, pass_score: null, required_modules: [], updated_by: 'seed' }).execute();
    const attendees = [learner, ...(await people(['ahli_muda', 'ahli_pertama', 'pelaksana', 'terampil'], 5, (q) => q.where('cs.agency_id', '=', learner.agency_id)))];
    for (const [i, p] of attendees.entries()) {
      const done = i < attendees.length - 1;
      const id = await enrol(past, p, done ? 'completed' : 'not_completed', { finished_at: new Date(`${start}T09:00:00Z`), attendance_pct: done ? 100 : 0, reason: done ? null : 'attendance 0% is below the required 100%' });
      await db.insertInto('attendance').values({ enrolment_id: id, session_id: session.id, agency_id: p.agency_id, status: done ? 'present' : 'absent', recorded_by: 'seed' }).execute();
      if (done) {
        const recordId = await creditRecord(db, { civilServantId: p.id, agencyId: p.agency_id, source: 'offering', sourceRef: `enrolment:${id}`, programmeId: seminar.id, offeringId: past.id, learningForm: seminar.learning_form, title: `${seminar.title_id} (SEMINAR-${year}-01)`, completedOn: start, jp: seminar.jp });
        await db.updateTable('enrolment').set({ learning_record_id: recordId }).where('id', '=', id).execute();
        records++;
        // The completion's certificate, as a completion by the provider issues it.
        const certificateId = await issueCertificateIfAvailable(db, caller, { civilServantId: p.id, programmeId: seminar.id, offeringId: past.id, learningRecordId: recordId, completedOn: start, jp: seminar.jp });
        certificates++;
        if (p.id === learner.id && certificateId) {
          await notify(db, NO_MAIL, [{ civilServantId: learner.id }], { kind: 'certificate.issued', ...notificationText.certificateIssued(seminar), link: `/learning/certificates/${certificateId}`, entityType: 'certificate', entityId: certificateId, agencyId: learner.agency_id });
        }
      }
    }
  }

  // Last year's PKP cohort: supervisors (pengawas) of other agencies completed it; their change
  // projects, most of them published by the participant and the agency, fill the repository.
  const pkp = await db.selectFrom('programme').select(['id', 'provider_id', 'jp', 'title_id', 'learning_form']).where('code', '=', 'PKP-KOLABORASI').executeTakeFirst();
  if (pkp) {
    const lastYear = Number(today.slice(0, 4)) - 1;
    const pastPkp = await db
      .insertInto('offering')
      .values({ programme_id: pkp.id, code: `ANGKATAN-${lastYear}`, name: `PKP Kolaboratif — Angkatan ${lastYear}`, start_date: `${lastYear}-03-03`, end_date: `${lastYear}-05-28`, registration_opens: `${lastYear}-01-06`, registration_closes: `${lastYear}-02-21`, capacity: 40, mode: 'blended', province_code: '31', regency_code: '31.74', venue: 'Kampus LAN Pejompongan, Jakarta', online_url: 'https://belajar.kembang.go.id/kelas/pkp-kolaboratif', status: 'completed' })
      .returning(['id', 'programme_id'])
      .executeTakeFirstOrThrow();
    const candidates = await people(['pengawas'], 60, (q) => q.where('cs.agency_id', '<>', learner.agency_id).where('cs.rank', 'in', ['III/a', 'III/b', 'III/c', 'III/d']));
    // one per agency, so the repository shows several agencies
    const alumni = candidates.filter((p, i) => candidates.findIndex((c) => c.agency_id === p.agency_id) === i).slice(0, PKP_PROJECTS.length);
    const projects = [];
    for (const [i, p] of alumni.entries()) {
      const completedOn = `${lastYear}-05-28`;
      const id = await enrol(pastPkp, p, 'completed', { finished_at: new Date(`${completedOn}T09:00:00Z`), attendance_pct: 96, score: 84 });
      const recordId = await creditRecord(db, { civilServantId: p.id, agencyId: p.agency_id, source: 'offering', sourceRef: `enrolment:${id}`, programmeId: pkp.id, offeringId: pastPkp.id, learningForm: pkp.learning_form, title: `${pkp.title_id} (ANGKATAN-${lastYear})`, completedOn, jp: pkp.jp });
      await db.updateTable('enrolment').set({ learning_record_id: recordId }).where('id', '=', id).execute();
      records++;
      const certificateId = await issueCertificateIfAvailable(db, caller, { civilServantId: p.id, programmeId: pkp.id, offeringId: pastPkp.id, learningRecordId: recordId, completedOn, jp: pkp.jp });
      certificates++;
      if (certificateId) projects.push({ ...PKP_PROJECTS[i], certificateId });
    }
    await seedChangeProjectsDemo(db, projects);
  }

  // The learner's self-reported activities: one approved (coaching, 4 JP), one awaiting the supervisor.
  const coachedOn = addDays(today, -20) < `${today.slice(0, 4)}-01-01` ? today : addDays(today, -20);
  const approved = await db
    .insertInto('self_reported_activity')
    .values({ civil_servant_id: learner.id, agency_id: learner.agency_id, supervisor_id: learner.supervisor_id, learning_form: 'coaching', title: 'Coaching kinerja dengan atasan langsung', organiser: 'Unit kerja', started_on: coachedOn, ended_on: coachedOn, minutes: 180, jp: 4, evidence_note: 'Catatan sesi coaching ditandatangani atasan', status: 'approved', decided_by: 'seed', decided_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rec = await creditRecord(db, { civilServantId: learner.id, agencyId: learner.agency_id, source: 'self_report', sourceRef: `self_report:${approved.id}`, learningForm: 'coaching', title: 'Coaching kinerja dengan atasan langsung', completedOn: coachedOn, jp: 4 });
  await db.updateTable('self_reported_activity').set({ learning_record_id: rec }).where('id', '=', approved.id).execute();
  records++;
  const pending = await db
    .insertInto('self_reported_activity')
    .values({ civil_servant_id: learner.id, agency_id: learner.agency_id, supervisor_id: learner.supervisor_id, learning_form: 'self_study', title: 'Kursus daring analisis data untuk kebijakan', organiser: 'Platform MOOC', started_on: addDays(today, -7) < `${today.slice(0, 4)}-01-01` ? today : addDays(today, -7), ended_on: today, minutes: 135, jp: 3, evidence_url: 'https://mooc.example.id/sertifikat/12345' })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Requests waiting in the supervisor's inbox: the learner and a colleague, for an open offering with no tier limit.
  const digital = await offering('KEU-ANGGARAN-KINERJA', 'BATCH-2026-1');
  const colleagues = await db.selectFrom('civil_servant').select(['id', 'agency_id', 'supervisor_id']).where('supervisor_id', '=', demo.supervisorId).where('id', '<>', learner.id).where('status', '=', 'active').orderBy('id').limit(2).execute();
  const inbox: number[] = [];
  if (digital) inbox.push(await enrol(digital, learner, 'requested', { seat_held: true }));
  if (digital) for (const c of colleagues) inbox.push(await enrol(digital, c, 'requested', { seat_held: true }));
  if (demo.supervisorId) {
    await notify(db, NO_MAIL, [{ civilServantId: demo.supervisorId }], { kind: 'enrolment.approval_needed', ...notificationText.teamRequestsWaiting(inbox.length), link: '/learning/approvals', agencyId: learner.agency_id });
    await notify(db, NO_MAIL, [{ civilServantId: demo.supervisorId }], { kind: 'activity.approval_needed', ...notificationText.activityApprovalNeeded(learner.name, 'Kursus daring analisis data untuk kebijakan', 3), link: '/learning/approvals', entityType: 'self_reported_activity', entityId: pending.id, agencyId: learner.agency_id });
  }
  if (seminar) await notify(db, NO_MAIL, [{ civilServantId: learner.id }], { kind: 'enrolment.completed', ...notificationText.completed(seminar, `SEMINAR-${today.slice(0, 4)}-01`, Number(seminar.jp)), link: '/learning/jp', agencyId: learner.agency_id });
  await notify(db, NO_MAIL, [{ civilServantId: learner.id }], { kind: 'activity.approved', ...notificationText.activityApproved('Coaching kinerja', 4), link: '/learning/jp', agencyId: learner.agency_id });

  // The admin pages' demo: a running LAN cohort, a colleague's certificate with its follow-up due.
  await seedCohortDemo(db, demo);

  // Seats taken = enrolments holding a seat, for every offering.
  await sql`update offering o set enrolled_count = (select count(*) from enrolment e where e.offering_id = o.id and e.seat_held)`.execute(db);
  await refreshProgrammes(db, 'all');
  await recordAudit(db, caller, { action: 'learning.demo_seeded', entityType: 'learning', entityId: 'demo', scopeType: 'national', scopeId: null, after: { enrolments: count, records, certificates } });
  return { enrolments: count, records, certificates };
}

const PKP_PROJECTS = [
  {
    title: 'Izin keramaian satu pintu secara daring',
    problem: 'Warga yang mengurus izin keramaian harus mendatangi tiga kantor berbeda dan menunggu sampai sepuluh hari kerja; berkas sering tercecer di antara meja.',
    change: 'Satu formulir daring untuk semua syarat, verifikasi bersama oleh tiga unit dalam satu ruang kerja digital, dan status permohonan yang bisa dilacak warga.',
    results: 'Waktu layanan turun dari sepuluh hari menjadi dua hari; permohonan yang dikembalikan karena berkas kurang turun separuhnya dalam enam bulan pertama.',
    contacts: [{ name: 'Subbagian Pelayanan Perizinan', role: 'Pengelola layanan', email: 'perizinan@example.go.id' }],
    published: true,
    outcome: { status: 'sustained' as const, score: 5, note: 'Diadopsi menjadi prosedur tetap dan direplikasi oleh dua kabupaten.' },
  },
  {
    title: 'Dasbor pemantauan gizi balita tingkat desa',
    problem: 'Data penimbangan posyandu dicatat di buku kertas dan baru sampai ke dinas dua bulan kemudian, sehingga balita berisiko terlambat ditangani.',
    change: 'Kader posyandu mengisi hasil penimbangan lewat ponsel; dasbor menandai balita yang berat badannya tidak naik dua bulan berturut-turut untuk dikunjungi petugas.',
    results: 'Kunjungan rumah untuk balita berisiko kini dilakukan dalam satu minggu; 38 desa memakai dasbor ini.',
    contacts: [{ name: 'Seksi Gizi Masyarakat', role: 'Pengelola data', email: 'gizi@example.go.id' }],
    published: true,
    outcome: { status: 'implemented' as const, score: 4, note: 'Berjalan di seluruh puskesmas; perlu anggaran pulsa kader.' },
  },
  {
    title: 'Arsip kepegawaian digital dan layanan mandiri',
    problem: 'Pegawai menunggu berhari-hari untuk salinan SK dan dokumen kepegawaian karena arsip masih berupa map fisik.',
    change: 'Arsip dipindai dan diberi indeks NIP; pegawai mengunduh dokumennya sendiri melalui layanan mandiri dengan persetujuan atasan bila diperlukan.',
    results: 'Permintaan salinan dokumen dilayani dalam hitungan menit; ruang arsip berkurang dua pertiga.',
    contacts: [{ name: 'Bagian Umum dan Kepegawaian', role: 'Pengelola arsip' }],
    published: true,
  },
  {
    title: 'Piket pengaduan terpadu',
    problem: 'Pengaduan masyarakat masuk lewat banyak saluran dan tidak tercatat di satu tempat.',
    change: 'Satu meja piket dan satu catatan pengaduan untuk semua saluran.',
    results: 'Masih diuji coba di satu unit.',
    contacts: [],
    published: false,
  },
];
