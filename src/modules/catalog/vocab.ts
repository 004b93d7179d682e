// The catalogue's controlled vocabularies, with their Indonesian and English labels.
// Labels also feed the search text, so "pelatihan kepemimpinan pengawas" finds PKP.

export const PROVIDER_KINDS = ['national_institute', 'government_institution', 'corporate_university', 'private_company', 'university', 'foreign_government_institute'] as const;

export const CATEGORIES = ['pkn1', 'pkn2', 'pka', 'pkp', 'latsar', 'technical', 'functional', 'managerial', 'socio_cultural'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Leadership and basic training: accredited programmes that need a national review before publishing. */
export const REVIEWED_CATEGORIES: readonly Category[] = ['pkn1', 'pkn2', 'pka', 'pkp', 'latsar'];

export const CLASSICAL_FORMS = ['course', 'workshop', 'seminar', 'technical_guidance'] as const;
export const NON_CLASSICAL_FORMS = ['e_learning', 'coaching', 'mentoring', 'internship', 'secondment', 'exchange', 'community_of_practice', 'self_study'] as const;
export const LEARNING_FORMS = [...CLASSICAL_FORMS, ...NON_CLASSICAL_FORMS] as const;
export type LearningForm = (typeof LEARNING_FORMS)[number];

export const PARTNER_ROLES = ['lead', 'co_organiser', 'content', 'faculty', 'host'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const PROGRAMME_STATUSES = ['draft', 'submitted', 'published', 'archived'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export const REVIEW_STATUSES = ['not_required', 'pending', 'approved', 'returned'] as const;

export const OFFERING_STATUSES = ['planned', 'open', 'closed', 'running', 'completed', 'cancelled'] as const;
/** Offerings a learner can still look forward to. */
export const LIVE_OFFERING_STATUSES = ['planned', 'open', 'closed', 'running'] as const;
export const DELIVERY_MODES = ['offline', 'online', 'blended'] as const;

export const LANGUAGES = ['id', 'en'] as const;

/** Ranks (golongan/ruang) in order, I/a … IV/e. */
export const RANKS = ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'] as const;
export const rankIndex = (rank: string) => (RANKS as readonly string[]).indexOf(rank);

export const ACCREDITATION_STATUSES = ['valid', 'expiring', 'expired', 'none'] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];
/** Days before expiry from which an accreditation shows as expiring. */
export const EXPIRY_WARNING_DAYS = 90;

export const CATEGORY_LABELS: Record<Category, { id: string; en: string }> = {
  pkn1: { id: 'Pelatihan Kepemimpinan Nasional Tingkat I (PKN I)', en: 'National Leadership Training Level I' },
  pkn2: { id: 'Pelatihan Kepemimpinan Nasional Tingkat II (PKN II)', en: 'National Leadership Training Level II' },
  pka: { id: 'Pelatihan Kepemimpinan Administrator (PKA)', en: 'Administrator Leadership Training' },
  pkp: { id: 'Pelatihan Kepemimpinan Pengawas (PKP)', en: 'Supervisor Leadership Training' },
  latsar: { id: 'Pelatihan Dasar CPNS (Latsar)', en: 'Basic Training for New Civil Servants' },
  technical: { id: 'Pelatihan Teknis', en: 'Technical Training' },
  functional: { id: 'Pelatihan Fungsional', en: 'Functional Training' },
  managerial: { id: 'Pelatihan Manajerial', en: 'Managerial Training' },
  socio_cultural: { id: 'Pelatihan Sosial Kultural', en: 'Socio-cultural Training' },
};

export const FORM_LABELS: Record<LearningForm, { id: string; en: string }> = {
  course: { id: 'Pelatihan klasikal', en: 'Classroom course' },
  workshop: { id: 'Lokakarya', en: 'Workshop' },
  seminar: { id: 'Seminar', en: 'Seminar' },
  technical_guidance: { id: 'Bimbingan teknis', en: 'Technical guidance' },
  e_learning: { id: 'E-learning', en: 'E-learning' },
  coaching: { id: 'Coaching', en: 'Coaching' },
  mentoring: { id: 'Mentoring', en: 'Mentoring' },
  internship: { id: 'Magang / praktik kerja', en: 'Internship' },
  secondment: { id: 'Detasering', en: 'Secondment' },
  exchange: { id: 'Pertukaran pegawai', en: 'Staff exchange' },
  community_of_practice: { id: 'Komunitas belajar', en: 'Community of practice' },
  self_study: { id: 'Belajar mandiri', en: 'Self-study' },
};

/** Competency codes as the dictionary writes them (M.01, SK.01, T.xxx). */
export const COMPETENCY_CODE = /^(M\.[0-9]{2}|SK\.[0-9]{2}|T\.[A-Z0-9][A-Z0-9._-]{0,39})$/;
