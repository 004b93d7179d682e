// The words of every notification, in Indonesian and English, in one place. A notification is
// written in both languages when it is sent (notifications.ts); the reader sees the one their
// interface speaks, and an e-mail carries both. Dates read as people write them (12 Januari 2027).
import { formatDate } from '../../http/language.ts';

export interface Bilingual {
  id: string;
  en: string;
}

export interface NotificationText {
  title: Bilingual;
  body: Bilingual;
}

/** A programme's title in each language (English falls back to the Indonesian title). */
export interface ProgrammeName {
  title_id: string;
  title_en?: string | null;
}

const en = (p: ProgrammeName) => p.title_en || p.title_id;
const day = (iso: string) => ({ id: formatDate(iso, 'id'), en: formatDate(iso, 'en') });
/** ": note" after a sentence that may carry a free-text note, "." when there is none. */
const withNote = (note: string | null | undefined) => (note ? `: ${note}` : '.');

const text = (titleId: string, titleEn: string, bodyId: string, bodyEn: string): NotificationText => ({ title: { id: titleId, en: titleEn }, body: { id: bodyId, en: bodyEn } });

export const notificationText = {
  nominated: (programme: ProgrammeName & { code: string }, offering: string) =>
    text(`Anda dinominasikan: ${programme.code} — ${offering}`, `You were nominated: ${programme.code} — ${offering}`, `Admin instansi menominasikan Anda untuk ${programme.title_id} (${offering}).`, `Your agency nominated you for ${en(programme)} (${offering}).`),

  requested: (programme: { code: string }, offering: string, seatHeld: boolean) =>
    text(
      `Permintaan diterima: ${programme.code} — ${offering}`,
      `Request received: ${programme.code} — ${offering}`,
      seatHeld ? 'Kursi disiapkan untuk Anda sambil menunggu persetujuan.' : 'Kursi penuh; Anda masuk antrean tunggu.',
      seatHeld ? 'A seat is held for you while your request awaits approval.' : 'No seat is free; you are queued for the waitlist.',
    ),

  supervisorApprovalNeeded: (person: string, programme: ProgrammeName, offering: string) =>
    text(`Persetujuan diperlukan: ${person}`, `Approval needed: ${person}`, `${person} meminta mengikuti ${programme.title_id} (${offering}).`, `${person} asks to join ${en(programme)} (${offering}).`),

  agencyApprovalNeeded: (person: string, offering: string, supervisorApproved: boolean) =>
    text(
      `Persetujuan instansi diperlukan: ${person}`,
      `Agency approval needed: ${person}`,
      supervisorApproved ? `${person} (disetujui atasan) meminta mengikuti ${offering}.` : `${person} meminta mengikuti ${offering}.`,
      supervisorApproved ? `${person} (approved by their supervisor) asks to join ${offering}.` : `${person} asks to join ${offering}.`,
    ),

  teamRequestsWaiting: (count: number) =>
    text(`Persetujuan diperlukan: ${count} permintaan`, `Approval needed: ${count} requests`, 'Ada permintaan pelatihan dari bawahan Anda yang menunggu persetujuan.', 'Training requests from your team await your approval.'),

  enrolled: (offering: string, startDate: string) =>
    text(`Terdaftar: ${offering}`, `Enrolled: ${offering}`, `Anda terdaftar di ${offering}, mulai ${day(startDate).id}.`, `You are enrolled in ${offering}, starting ${day(startDate).en}.`),

  waitlisted: (offering: string, place: number) =>
    text(
      `Daftar tunggu: ${offering}`,
      `Waitlist: ${offering}`,
      `Kursi ${offering} penuh; Anda di daftar tunggu (urutan ${place}). Anda akan diberi tahu bila kursi kosong.`,
      `${offering} is full; you are number ${place} on the waitlist. You will be told when a seat frees up.`,
    ),

  promoted: (offering: string) =>
    text('Anda mendapat kursi dari daftar tunggu', 'You got a seat from the waitlist', `Sebuah kursi di angkatan ${offering} kosong dan kini menjadi milik Anda.`, `A seat in ${offering} freed up and is now yours.`),

  seatHeld: (offering: string) =>
    text('Kursi disiapkan untuk Anda', 'A seat is held for you', `Sebuah kursi di angkatan ${offering} disiapkan untuk Anda sambil menunggu persetujuan.`, `A seat in ${offering} is held for you while your request awaits approval.`),

  rejected: (offering: string, note: string) =>
    text(`Permintaan ditolak: ${offering}`, `Request declined: ${offering}`, `Permintaan Anda untuk ${offering} ditolak: ${note}`, `Your request for ${offering} was declined: ${note}`),

  approvedBySupervisor: (offering: string) =>
    text(`Disetujui atasan: ${offering}`, `Approved by your supervisor: ${offering}`, `Atasan Anda menyetujui permintaan untuk ${offering}; menunggu persetujuan instansi.`, `Your supervisor approved your request for ${offering}; it now awaits your agency.`),

  approved: (offering: string) => text(`Disetujui: ${offering}`, `Approved: ${offering}`, `Permintaan Anda untuk ${offering} disetujui.`, `Your request for ${offering} was approved.`),

  approvedByAgency: (offering: string) =>
    text(`Disetujui instansi: ${offering}`, `Approved by your agency: ${offering}`, `Instansi Anda menyetujui permintaan untuk ${offering}.`, `Your agency approved your request for ${offering}.`),

  withdrawn: (offering: string, reason: string | null | undefined) =>
    text(`Mengundurkan diri: ${offering}`, `Withdrawn: ${offering}`, `Pendaftaran Anda di ${offering} dibatalkan${withNote(reason)}`, `Your enrolment in ${offering} was withdrawn${withNote(reason)}`),

  reminder: (offering: string, startDate: string, where: string) =>
    text(
      `Pengingat: ${offering} mulai ${day(startDate).id}`,
      `Reminder: ${offering} starts on ${day(startDate).en}`,
      `${offering} dimulai ${day(startDate).id}${where ? ` — ${where}` : ''}.`,
      `${offering} starts on ${day(startDate).en}${where ? ` — ${where}` : ''}.`,
    ),

  noShow: (offering: string) => text(`Tidak hadir: ${offering}`, `No-show: ${offering}`, `Anda dicatat tidak hadir di ${offering}.`, `You were recorded as a no-show in ${offering}.`),

  completed: (programme: ProgrammeName & { code: string }, offering: string, jp: number) =>
    text(`Selesai: ${programme.code}`, `Completed: ${programme.code}`, `Anda menyelesaikan ${programme.title_id} (${offering}); ${jp} JP tercatat.`, `You completed ${en(programme)} (${offering}); ${jp} JP credited.`),

  /** `reasons` are the cohort's own words (the provider's note, attendance rules), shown as given. */
  notCompleted: (programme: { code: string }, offering: string, reasons: string) =>
    text(`Tidak lulus: ${programme.code}`, `Not completed: ${programme.code}`, `${offering}: ${reasons}`, `${offering}: ${reasons}`),

  certificateIssued: (programme: ProgrammeName & { code: string }) =>
    text(`Sertifikat terbit: ${programme.code}`, `Certificate issued: ${programme.code}`, `Sertifikat Anda untuk ${programme.title_id} telah terbit.`, `Your certificate for ${en(programme)} is ready.`),

  activityApprovalNeeded: (person: string, activity: string, jp: number) =>
    text(`Persetujuan JP: ${person}`, `JP approval: ${person}`, `${person} melaporkan "${activity}" (${jp} JP).`, `${person} reported "${activity}" (${jp} JP).`),

  activityApproved: (activity: string, jp: number) =>
    text(`JP disetujui: ${activity}`, `JP approved: ${activity}`, `${jp} JP dari "${activity}" tercatat.`, `${jp} JP from "${activity}" credited.`),

  activityRejected: (activity: string, note: string | null | undefined) =>
    text(`JP ditolak: ${activity}`, `JP declined: ${activity}`, `Laporan "${activity}" ditolak${withNote(note)}`, `Your report "${activity}" was declined${withNote(note)}`),

  planSubmitted: (person: string, year: number, items: number) =>
    text(
      `Rencana pengembangan ${year}: ${person}`,
      `Development plan ${year}: ${person}`,
      `${person} mengajukan rencana pengembangan ${year} (${items} butir) untuk disetujui.`,
      `${person} submitted their ${year} development plan (${items} items) for approval.`,
    ),

  planApproved: (year: number, note: string | null | undefined) =>
    text(`Rencana ${year} disetujui`, `${year} plan approved`, `Atasan Anda menyetujui rencana pengembangan ${year}${withNote(note)}`, `Your supervisor approved your ${year} development plan${withNote(note)}`),

  planReturned: (year: number, note: string | null | undefined) =>
    text(`Rencana ${year} dikembalikan`, `${year} plan returned`, `Rencana pengembangan ${year} dikembalikan${withNote(note)}`, `Your ${year} development plan was returned${withNote(note)}`),
} satisfies Record<string, (...args: never[]) => NotificationText>;
