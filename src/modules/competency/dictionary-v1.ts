// Version 1 of the national competency dictionary: the managerial set (M.01–M.08) and the
// socio-cultural set (SK.01). Level descriptors are Kembang's own wording (Indonesian and
// English), not the regulation's text. Level scale used throughout:
//   1 applies the basics under guidance · 2 applies it independently in their own work ·
//   3 leads it in a unit · 4 shapes it across the organisation · 5 sets direction nationally.
import type { CompetencyKind } from '../../db/schema.ts';

export interface LevelDescriptor {
  id: string;
  en: string;
}

export interface CompetencyDefinition {
  kind: CompetencyKind;
  code: string;
  nameId: string;
  nameEn: string;
  /** exactly five, for levels 1 to 5 */
  levels: LevelDescriptor[];
}

const d = (id: string, en: string): LevelDescriptor => ({ id, en });

export const DICTIONARY_V1: CompetencyDefinition[] = [
  {
    kind: 'managerial',
    code: 'M.01',
    nameId: 'Integritas',
    nameEn: 'Integrity',
    levels: [
      d('Bertindak jujur dan mematuhi aturan dalam tugasnya sendiri; mengakui kesalahan bila ditanya.', 'Acts honestly and follows the rules in their own work; owns up to mistakes when asked.'),
      d('Menepati komitmen secara konsisten dan menolak pemberian atau tekanan yang tidak patut tanpa perlu diawasi.', 'Keeps commitments consistently and turns down improper gifts or pressure without being watched.'),
      d('Menjadi teladan di unitnya; menegur rekan yang menyimpang dan menjaga agar keputusan tim dapat dipertanggungjawabkan.', 'Sets the example in their unit; challenges colleagues who stray and keeps team decisions accountable.'),
      d('Membangun sistem dan budaya kerja yang mencegah penyimpangan di seluruh organisasi, juga ketika berisiko bagi dirinya.', 'Builds systems and a work culture that prevent misconduct across the organisation, even at personal cost.'),
      d('Menjaga kepercayaan publik di tingkat nasional; menetapkan standar etika dan berani bersikap dalam persoalan pelik.', 'Guards public trust at national level; sets ethical standards and takes a clear stand on hard, tangled issues.'),
    ],
  },
  {
    kind: 'managerial',
    code: 'M.02',
    nameId: 'Kerja Sama',
    nameEn: 'Collaboration',
    levels: [
      d('Ikut serta dalam kerja tim dan membagikan informasi yang diminta.', 'Takes part in team work and shares information when asked.'),
      d('Aktif membantu anggota tim dan menghargai pendapat yang berbeda demi tugas bersama.', 'Actively helps team members and values differing views to get shared work done.'),
      d('Membangun kerja sama antartim di unitnya dan menyelesaikan ketidaksepakatan secara terbuka.', 'Builds cooperation between teams in the unit and settles disagreements openly.'),
      d('Menciptakan kemitraan lintas unit dan lintas instansi untuk mencapai tujuan organisasi.', 'Creates partnerships across units and agencies to reach organisational goals.'),
      d('Membentuk jejaring kolaborasi nasional dan internasional yang menyatukan banyak pihak untuk kepentingan publik.', 'Forms national and international collaboration networks that bring many parties together for the public good.'),
    ],
  },
  {
    kind: 'managerial',
    code: 'M.03',
    nameId: 'Komunikasi',
    nameEn: 'Communication',
    levels: [
      d('Menyampaikan informasi dengan jelas dan santun kepada rekan dan atasan; mendengarkan dengan saksama.', 'Passes on information clearly and politely to colleagues and superiors; listens carefully.'),
      d('Menyusun pesan lisan dan tertulis yang runtut dan sesuai dengan pendengarnya.', 'Puts together spoken and written messages that are well ordered and suited to their audience.'),
      d('Meyakinkan pihak lain dengan argumen berbasis data dan memandu diskusi yang sulit.', 'Persuades others with evidence-based arguments and steers difficult discussions.'),
      d('Merancang strategi komunikasi organisasi dan mewakili instansi di hadapan para pemangku kepentingan.', 'Designs the organisation\'s communication strategy and represents the agency before stakeholders.'),
      d('Menyampaikan kebijakan strategis kepada publik serta forum nasional dan internasional secara meyakinkan.', 'Conveys strategic policy convincingly to the public and in national and international forums.'),
    ],
  },
  {
    kind: 'managerial',
    code: 'M.04',
    nameId: 'Orientasi pada Hasil',
    nameEn: 'Results Orientation',
    levels: [
      d('Menyelesaikan tugas sesuai tenggat dan mutu yang ditetapkan.', 'Finishes tasks to the deadlines and quality that were set.'),
      d('Menetapkan target kerja sendiri yang terukur dan mencari cara yang lebih efisien untuk mencapainya.', 'Sets measurable targets for their own work and looks for more efficient ways to reach them.'),
      d('Menetapkan serta memantau target unit dan mengoreksi arah ketika hasil meleset.', 'Sets and tracks unit targets and corrects course when results fall short.'),
      d('Menyelaraskan target lintas unit dengan sasaran strategis dan mengelola risiko kinerja organisasi.', 'Aligns targets across units with strategic goals and manages the organisation\'s performance risks.'),
      d('Menetapkan sasaran kinerja jangka panjang berskala nasional dan memastikan dampaknya bagi warga terukur.', 'Sets long-term national performance goals and makes sure their effect on citizens is measured.'),
    ],
  },
  {
    kind: 'managerial',
    code: 'M.05',
    nameId: 'Pelayanan Publik',
    nameEn: 'Public Service',
    levels: [
      d('Melayani pengguna layanan dengan ramah dan sesuai prosedur.', 'Serves service users courteously and by the procedure.'),
      d('Memahami kebutuhan pengguna layanan dan menindaklanjuti keluhan hingga tuntas.', 'Understands what service users need and follows complaints through to resolution.'),
      d('Memperbaiki proses layanan di unitnya berdasarkan umpan balik dan data pengguna.', 'Improves the unit\'s service processes from user feedback and data.'),
      d('Merancang standar dan inovasi layanan yang adil dan mudah diakses di seluruh organisasi.', 'Designs fair, easy-to-reach service standards and innovations across the organisation.'),
      d('Membentuk kebijakan pelayanan publik nasional yang berpusat pada warga dan lintas sektor.', 'Shapes citizen-centred national public-service policy across sectors.'),
    ],
  },
  {
    kind: 'managerial',
    code: 'M.06',
    nameId: 'Pengembangan Diri dan Orang Lain',
    nameEn: 'Developing Self and Others',
    levels: [
      d('Mengenali kekurangan diri dan mengikuti pembelajaran yang disediakan.', 'Recognises their own shortcomings and takes part in the learning on offer.'),
      d('Merencanakan pengembangan dirinya sendiri dan berbagi pengetahuan dengan rekan.', 'Plans their own development and shares knowledge with colleagues.'),
      d('Membimbing bawahan, memberi umpan balik, dan mendukung rencana pengembangan mereka.', 'Coaches staff, gives feedback and backs their development plans.'),
      d('Membangun program pengembangan dan suksesi talenta di organisasi.', 'Builds development and talent-succession programmes in the organisation.'),
      d('Menciptakan ekosistem pembelajaran dan manajemen talenta yang berkelanjutan di tingkat nasional.', 'Creates a lasting learning and talent-management ecosystem at national level.'),
    ],
  },
  {
    kind: 'managerial',
    code: 'M.07',
    nameId: 'Mengelola Perubahan',
    nameEn: 'Managing Change',
    levels: [
      d('Menerima perubahan dan menyesuaikan cara kerjanya bila diminta.', 'Accepts change and adjusts their way of working when asked.'),
      d('Cepat beradaptasi terhadap perubahan dan membantu rekan memahaminya.', 'Adapts quickly to change and helps colleagues make sense of it.'),
      d('Memimpin penerapan perubahan di unitnya dan meredam penolakan melalui dialog.', 'Leads the roll-out of change in the unit and works through resistance by dialogue.'),
      d('Merancang dan mengelola program perubahan organisasi beserta risikonya.', 'Designs and runs organisational change programmes and their risks.'),
      d('Menggerakkan transformasi birokrasi berskala nasional dan menjaga keberlanjutannya.', 'Drives nation-wide transformation of the bureaucracy and keeps it going.'),
    ],
  },
  {
    kind: 'managerial',
    code: 'M.08',
    nameId: 'Pengambilan Keputusan',
    nameEn: 'Decision Making',
    levels: [
      d('Mengambil keputusan rutin sesuai prosedur dan meminta arahan bila ragu.', 'Makes routine decisions by the procedure and asks for guidance when unsure.'),
      d('Menimbang beberapa pilihan dengan data yang ada sebelum memutuskan persoalan dalam lingkup tugasnya.', 'Weighs several options against the data at hand before deciding matters within their own remit.'),
      d('Mengambil keputusan bagi unitnya dengan menimbang risiko dan dampaknya pada pihak lain.', 'Decides for the unit, weighing risks and effects on others.'),
      d('Mengambil keputusan strategis dalam situasi yang tidak pasti dan mempertanggungjawabkannya.', 'Makes strategic decisions under uncertainty and answers for them.'),
      d('Memutuskan kebijakan berdampak luas dan jangka panjang dengan menimbang kepentingan nasional.', 'Decides far-reaching, long-term policy with the national interest in view.'),
    ],
  },
  {
    kind: 'socio_cultural',
    code: 'SK.01',
    nameId: 'Perekat Bangsa',
    nameEn: 'National Cohesion',
    levels: [
      d('Menghormati rekan dan pengguna layanan yang berbeda agama, suku, dan budaya.', 'Respects colleagues and service users of other religions, ethnic groups and cultures.'),
      d('Bekerja efektif dengan orang dari beragam latar belakang dan tidak membeda-bedakan perlakuan.', 'Works well with people of varied backgrounds and treats them all alike.'),
      d('Menumbuhkan suasana kerja yang inklusif di unitnya dan meredakan gesekan antarkelompok.', 'Fosters an inclusive climate in the unit and eases friction between groups.'),
      d('Memastikan kebijakan dan program organisasi menjangkau dan adil bagi semua kelompok masyarakat.', 'Makes sure the organisation\'s policies and programmes reach, and are fair to, every group in society.'),
      d('Menjadi pemersatu dalam isu nasional yang peka dan membangun kepercayaan antarkelompok.', 'Acts as a unifying voice on sensitive national issues and builds trust between groups.'),
    ],
  },
];
