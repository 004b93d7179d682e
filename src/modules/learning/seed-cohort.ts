// Demo records for the admin pages of learning, called by the learning demo seed:
//  - a LAN cohort that is running (its sessions have taken place), so the provider admin has an
//    attendance grid to fill in, scores, a no-show candidate and a cohort to complete in bulk;
//  - a colleague of the demo learner who completed Latsar months ago, with a certificate (so the
//    demo supervisor has a level-3 follow-up due) and a change project awaiting its outcome.
import type { Kysely } from 'kysely';
import type { Caller } from '../../context.ts';
import { systemCaller } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { todayJakarta } from '../catalog/rules.ts';
import { createChangeProject, recordTestScores } from '../evaluation/service.ts';
import { issueCertificateIfAvailable } from './certificates.ts';
import { creditRecord } from './ledger-service.ts';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The running cohort's participants: attendance of the first three sessions (the fourth, yesterday's, is left to record) and final scores. */
const PARTICIPANTS: { marks: ('present' | 'late' | 'absent')[]; score: number; pre: number }[] = [
  { marks: ['present', 'present', 'present'], score: 86, pre: 60 },
  { marks: ['present', 'late', 'present'], score: 78, pre: 55 },
  { marks: ['present', 'present', 'present'], score: 91, pre: 70 },
  { marks: ['late', 'present', 'present'], score: 74, pre: 52 },
  { marks: ['present', 'present', 'late'], score: 82, pre: 64 },
  // below the 75 % attendance of the rule, whatever the last session brings
  { marks: ['present', 'absent', 'absent'], score: 80, pre: 58 },
  // below the pass score of 70
  { marks: ['present', 'present', 'present'], score: 65, pre: 45 },
  // never came: the no-show of the demo
  { marks: ['absent', 'absent', 'absent'], score: 0, pre: 0 },
];

export interface CohortDemoResult {
  runningOfferingId: number | null;
  followUpCertificateId: string | null;
}

export async function seedCohortDemo(db: Kysely<DB>, demo: { learnerId: number; supervisorId: number }): Promise<CohortDemoResult> {
  const caller = systemCaller('seed');
  const today = todayJakarta();
  const result: CohortDemoResult = { runningOfferingId: null, followUpCertificateId: null };

  // ---------- a running LAN cohort ----------
  const coaching = await db.selectFrom('programme').select(['id', 'provider_id', 'jp']).where('code', '=', 'LAN-COACHING-PEMIMPIN').executeTakeFirst();
  const busy = new Set(
    coaching ? (await db.selectFrom('enrolment').select('civil_servant_id').where('programme_id', '=', coaching.id).execute()).map((r) => Number(r.civil_servant_id)) : [],
  );
  if (coaching) {
    const leaders = (
      await db
        .selectFrom('civil_servant as cs')
        .innerJoin('position as pos', 'pos.id', 'cs.position_id')
        .select(['cs.id', 'cs.agency_id'])
        .where('pos.tier', 'in', ['administrator', 'pengawas'])
        .where('cs.status', '=', 'active')
        .where('cs.id', 'not in', [demo.learnerId, demo.supervisorId])
        .orderBy('cs.id', 'desc')
        .limit(200)
        .execute()
    ).filter((p) => !busy.has(Number(p.id)));
    // From several agencies: the cohort is cross-agency, as LAN cohorts are.
    const picked: typeof leaders = [];
    const perAgency = new Map<number, number>();
    for (const p of leaders) {
      if (picked.length === PARTICIPANTS.length) break;
      if ((perAgency.get(p.agency_id) ?? 0) >= 2) continue;
      perAgency.set(p.agency_id, (perAgency.get(p.agency_id) ?? 0) + 1);
      picked.push(p);
    }
    const start = addDays(today, -22);
    const offering = await db
      .insertInto('offering')
      .values({
        programme_id: coaching.id,
        code: 'COHORT-0',
        name: 'Coaching bagi Pemimpin Pelayanan Publik — COHORT-0',
        start_date: start,
        end_date: today,
        registration_opens: addDays(start, -60),
        registration_closes: addDays(start, -3),
        capacity: 12,
        mode: 'online',
        online_url: 'https://belajar.kembang.go.id/kelas/lan-coaching-pemimpin/cohort-0',
        fee: 2000000,
        status: 'running',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    result.runningOfferingId = offering.id;
    const titles: [string, string][] = [
      ['Pembukaan: peran pemimpin sebagai coach', 'Percakapan kinerja'],
      ['Praktik percakapan kinerja', 'Percakapan kinerja'],
      ['Memberi dan menerima umpan balik', 'Umpan balik'],
      ['Refleksi dan rencana pengembangan tim', 'Umpan balik'],
    ];
    const sessions: number[] = [];
    for (const [i, [title, module]] of titles.entries()) {
      const day = addDays(start, i * 7);
      const row = await db
        .insertInto('offering_session')
        .values({ offering_id: offering.id, provider_id: coaching.provider_id, title, module, starts_at: `${day}T01:00:00Z`, ends_at: `${day}T04:00:00Z`, jp: 4, location: 'Daring (ruang kelas virtual LAN)' })
        .returning('id')
        .executeTakeFirstOrThrow();
      sessions.push(row.id);
    }
    await db
      .insertInto('programme_completion_rule')
      .values({ programme_id: coaching.id, min_attendance_pct: 75, pass_score: 70, required_modules: ['Umpan balik'], updated_by: 'seed' })
      .onConflict((oc) => oc.column('programme_id').doNothing())
      .execute();
    for (const [i, p] of picked.entries()) {
      const spec = PARTICIPANTS[i];
      const person = await db.selectFrom('civil_servant').select(['supervisor_id']).where('id', '=', p.id).executeTakeFirstOrThrow();
      const e = await db
        .insertInto('enrolment')
        .values({
          offering_id: offering.id,
          programme_id: coaching.id,
          civil_servant_id: p.id,
          agency_id: p.agency_id,
          status: 'enrolled',
          seat_held: true,
          origin: i % 3 === 0 ? 'nomination' : 'self',
          nominated_by: i % 3 === 0 ? 'seed' : null,
          supervisor_id: person.supervisor_id,
          supervisor_approval: person.supervisor_id ? 'approved' : 'not_required',
          supervisor_decided_by: person.supervisor_id ? 'seed' : null,
          agency_approval: i % 3 === 0 ? 'approved' : 'not_required',
          approved_at: new Date(`${addDays(start, -10)}T03:00:00Z`),
          seated_at: new Date(`${addDays(start, -10)}T03:00:00Z`),
          requested_at: new Date(`${addDays(start, -20)}T03:00:00Z`),
          score: spec.score === 0 ? null : spec.score,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('attendance')
        .values(spec.marks.map((status, s) => ({ enrolment_id: e.id, session_id: sessions[s], agency_id: p.agency_id, status, recorded_by: 'seed' })))
        .execute();
    }
    // Level 2: the pre-test of everyone who came; the post-test is the provider's to enter.
    const pre = picked.map((p, i) => ({ civilServantId: Number(p.id), pre: PARTICIPANTS[i].pre })).filter((s) => s.pre > 0);
    if (pre.length) await recordTestScores(db, { actor: { type: 'token', id: 'seed', label: 'seed', grants: [{ role: 'national_admin', scopeType: 'national', scopeId: null }], civilServantId: null } }, offering.id, pre);
  }

  // ---------- a colleague's Latsar: certificate, follow-up due, change project ----------
  const latsar = await db.selectFrom('programme').select(['id', 'jp', 'title_id', 'learning_form']).where('code', '=', 'LATSAR-JABAR').executeTakeFirst();
  const colleague = await db
    .selectFrom('civil_servant')
    .select(['id', 'agency_id', 'supervisor_id'])
    .where('supervisor_id', '=', demo.supervisorId)
    .where('id', '<>', demo.learnerId)
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirst();
  if (latsar && colleague) {
    const start = addDays(today, -200);
    const end = addDays(today, -111);
    const code = `ANGKATAN-${start.slice(0, 4)}-LALU`;
    const offering = await db
      .insertInto('offering')
      .values({ programme_id: latsar.id, code, name: `Pelatihan Dasar CPNS — ${code}`, start_date: start, end_date: end, registration_opens: addDays(start, -45), registration_closes: addDays(start, -5), capacity: 80, mode: 'blended', province_code: '32', venue: 'BPSDM Jawa Barat, Cimahi', online_url: `https://belajar.kembang.go.id/kelas/latsar-jabar/${code.toLowerCase()}`, fee: 0, status: 'completed' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const e = await db
      .insertInto('enrolment')
      .values({
        offering_id: offering.id,
        programme_id: latsar.id,
        civil_servant_id: colleague.id,
        agency_id: colleague.agency_id,
        status: 'completed',
        seat_held: true,
        origin: 'nomination',
        nominated_by: 'seed',
        mandatory: true,
        supervisor_id: colleague.supervisor_id,
        supervisor_approval: 'approved',
        supervisor_decided_by: 'seed',
        agency_approval: 'approved',
        approved_at: new Date(`${start}T00:00:00Z`),
        seated_at: new Date(`${start}T00:00:00Z`),
        finished_at: new Date(`${end}T09:00:00Z`),
        attendance_pct: 100,
        score: 84,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const recordId = await creditRecord(db, { civilServantId: Number(colleague.id), agencyId: colleague.agency_id, source: 'offering', sourceRef: `enrolment:${e.id}`, programmeId: latsar.id, offeringId: offering.id, learningForm: latsar.learning_form, title: `${latsar.title_id} (${code})`, completedOn: end, jp: latsar.jp });
    await db.updateTable('enrolment').set({ learning_record_id: recordId }).where('id', '=', e.id).execute();
    const certificateId = await issueCertificateIfAvailable(db, caller, { civilServantId: Number(colleague.id), programmeId: latsar.id, offeringId: offering.id, learningRecordId: recordId, completedOn: end, jp: latsar.jp });
    result.followUpCertificateId = certificateId;
    if (certificateId) {
      const asColleague: Caller = { actor: { type: 'user', id: 'seed', label: 'seed (peserta Latsar)', grants: [{ role: 'learner', scopeType: 'agency', scopeId: colleague.agency_id }], civilServantId: Number(colleague.id) } };
      await createChangeProject(db, asColleague, {
        certificateId,
        title: 'Antrean layanan kepegawaian tanpa kertas',
        problem: 'Pengajuan cuti dan kenaikan gaji berkala diajukan dengan formulir kertas dan menunggu rata-rata 9 hari kerja.',
        change: 'Formulir daring dengan verifikasi berjenjang dan notifikasi status kepada pegawai.',
        results: 'Waktu proses turun menjadi 3 hari kerja pada uji coba di dua bidang.',
        contacts: [{ name: 'Sekretariat BKPSDM', role: 'Pengelola layanan', email: 'layanan@bkpsdm.example.id' }],
        participantPublic: true,
      });
    }
  }
  return result;
}
