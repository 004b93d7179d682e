// The agencies of a synthetic data set and how many people each has.
//   national: ~80 ministries and national agencies, the 38 provincial governments and the 514
//             regency/city governments of idn-area-data; headcount weighted by population.
//   agency:   one large ministry.
import { regions } from '../../modules/org/regions.ts';
import { LEVEL_SHARE, PROVINCE_POPULATION, stream } from './distributions.ts';

export type AgencyKind = 'ministry' | 'national_agency' | 'province' | 'regency' | 'city';

export interface AgencySpec {
  code: string;
  name: string;
  kind: AgencyKind;
  provinceCode: string;
  regionCode: string | null;
  /** Code of the parent agency (a regency's province), when it is in the set. */
  parentCode: string | null;
  people: number;
}

// [code, name, relative size]. Sizes are rough shapes: a few very large ministries, many small agencies.
const MINISTRIES: [string, string, number][] = [
  ['KEMENAG', 'Kementerian Agama', 40], ['KEMENDIKDASMEN', 'Kementerian Pendidikan Dasar dan Menengah', 8], ['KEMDIKTISAINTEK', 'Kementerian Pendidikan Tinggi, Sains, dan Teknologi', 18],
  ['KEMENKEU', 'Kementerian Keuangan', 20], ['KEMENKUM', 'Kementerian Hukum', 6], ['KEMENIMIPAS', 'Kementerian Imigrasi dan Pemasyarakatan', 12],
  ['KEMENKES', 'Kementerian Kesehatan', 12], ['KEMHAN', 'Kementerian Pertahanan', 10], ['KEMENDAGRI', 'Kementerian Dalam Negeri', 4],
  ['KEMLU', 'Kementerian Luar Negeri', 2], ['KEMENPANRB', 'Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi', 0.5],
  ['KEMENHUB', 'Kementerian Perhubungan', 7], ['KEMENPU', 'Kementerian Pekerjaan Umum', 6], ['KEMENPKP', 'Kementerian Perumahan dan Kawasan Permukiman', 1],
  ['KEMENTAN', 'Kementerian Pertanian', 6], ['KLHK', 'Kementerian Kehutanan', 4], ['KLH', 'Kementerian Lingkungan Hidup', 1.5],
  ['KKP', 'Kementerian Kelautan dan Perikanan', 3.5], ['KESDM', 'Kementerian Energi dan Sumber Daya Mineral', 2.5], ['KEMENPERIN', 'Kementerian Perindustrian', 2.5],
  ['KEMENDAG', 'Kementerian Perdagangan', 1.5], ['KEMNAKER', 'Kementerian Ketenagakerjaan', 1.5], ['KEMENSOS', 'Kementerian Sosial', 2],
  ['ATRBPN', 'Kementerian Agraria dan Tata Ruang/BPN', 9], ['KEMENPAR', 'Kementerian Pariwisata', 0.8], ['KEMENKOP', 'Kementerian Koperasi', 0.6],
  ['KEMENDES', 'Kementerian Desa dan Pembangunan Daerah Tertinggal', 1], ['BAPPENAS', 'Kementerian PPN/Bappenas', 0.8], ['KOMDIGI', 'Kementerian Komunikasi dan Digital', 1.2],
  ['KEMENPORA', 'Kementerian Pemuda dan Olahraga', 0.5], ['KEMENPPPA', 'Kementerian Pemberdayaan Perempuan dan Perlindungan Anak', 0.4], ['KEMENBUD', 'Kementerian Kebudayaan', 1.5],
  ['KEMENSETNEG', 'Kementerian Sekretariat Negara', 1], ['KEMENBUMN', 'Kementerian Badan Usaha Milik Negara', 0.3], ['KEMENINVES', 'Kementerian Investasi dan Hilirisasi', 0.5],
  ['KEMENTRANS', 'Kementerian Transmigrasi', 0.4], ['KEMENEKRAF', 'Kementerian Ekonomi Kreatif', 0.3], ['KEMENP2MI', 'Kementerian Pelindungan Pekerja Migran Indonesia', 0.6],
  ['KEMENKOPOLKAM', 'Kementerian Koordinator Bidang Politik dan Keamanan', 0.2], ['KEMENKOEKON', 'Kementerian Koordinator Bidang Perekonomian', 0.3],
  ['KEMENKOPMK', 'Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan', 0.2], ['KEMENKOINFRA', 'Kementerian Koordinator Bidang Infrastruktur', 0.2],
];

const NATIONAL_AGENCIES: [string, string, number][] = [
  ['LAN', 'Lembaga Administrasi Negara', 0.6], ['BKN', 'Badan Kepegawaian Negara', 1.2], ['BPS', 'Badan Pusat Statistik', 5], ['BMKG', 'Badan Meteorologi, Klimatologi, dan Geofisika', 1.8],
  ['BNPB', 'Badan Nasional Penanggulangan Bencana', 0.4], ['BPOM', 'Badan Pengawas Obat dan Makanan', 1.6], ['BSSN', 'Badan Siber dan Sandi Negara', 0.4], ['BRIN', 'Badan Riset dan Inovasi Nasional', 3],
  ['BIG', 'Badan Informasi Geospasial', 0.3], ['BPKP', 'Badan Pengawasan Keuangan dan Pembangunan', 2.2], ['ANRI', 'Arsip Nasional Republik Indonesia', 0.2], ['PERPUSNAS', 'Perpustakaan Nasional', 0.3],
  ['BNN', 'Badan Narkotika Nasional', 1.5], ['BNPT', 'Badan Nasional Penanggulangan Terorisme', 0.2], ['BASARNAS', 'Badan Nasional Pencarian dan Pertolongan', 1.2], ['BAKAMLA', 'Badan Keamanan Laut', 0.3],
  ['BPIP', 'Badan Pembinaan Ideologi Pancasila', 0.1], ['BKKBN', 'Badan Kependudukan dan Keluarga Berencana Nasional', 1.5], ['BSN', 'Badan Standardisasi Nasional', 0.2], ['BAPETEN', 'Badan Pengawas Tenaga Nuklir', 0.2],
  ['LKPP', 'Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah', 0.2], ['BPOM-KAR', 'Badan Karantina Indonesia', 2.5], ['BGN', 'Badan Gizi Nasional', 0.5], ['BP2MI', 'Badan Pengelola Investasi Daya Anagata', 0.1],
  ['BPK', 'Badan Pemeriksa Keuangan', 3], ['MA', 'Mahkamah Agung', 12], ['MK', 'Mahkamah Konstitusi', 0.2], ['KY', 'Komisi Yudisial', 0.1], ['KEJAGUNG', 'Kejaksaan Republik Indonesia', 9],
  ['SETJEN-DPR', 'Sekretariat Jenderal DPR', 0.6], ['SETJEN-MPR', 'Sekretariat Jenderal MPR', 0.1], ['SETJEN-DPD', 'Sekretariat Jenderal DPD', 0.2], ['KPU', 'Komisi Pemilihan Umum', 4],
  ['BAWASLU', 'Badan Pengawas Pemilihan Umum', 1.5], ['KOMNASHAM', 'Komisi Nasional Hak Asasi Manusia', 0.1], ['KPK', 'Komisi Pemberantasan Korupsi', 0.5], ['OMBUDSMAN', 'Ombudsman Republik Indonesia', 0.1],
  ['PPATK', 'Pusat Pelaporan dan Analisis Transaksi Keuangan', 0.1], ['SETKAB', 'Sekretariat Kabinet', 0.2], ['KSP', 'Kantor Staf Presiden', 0.1], ['BPJT', 'Badan Pengatur Jalan Tol', 0.05],
  ['BAPANAS', 'Badan Pangan Nasional', 0.2], ['OIKN', 'Otorita Ibu Kota Nusantara', 0.2], ['BPKH', 'Badan Pengelola Keuangan Haji', 0.05],
];

export const CENTRAL_AGENCIES: { code: string; name: string; kind: AgencyKind; size: number }[] = [
  ...MINISTRIES.map(([code, name, size]) => ({ code, name, kind: 'ministry' as const, size })),
  ...NATIONAL_AGENCIES.map(([code, name, size]) => ({ code, name, kind: 'national_agency' as const, size })),
];

/** Splits `total` into integers proportional to `weights`, each at least `min` (largest remainder). */
export function apportion(total: number, weights: readonly number[], min = 1): number[] {
  const floorTotal = Math.max(0, total - min * weights.length);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (w / sum) * floorTotal);
  const counts = exact.map((e) => Math.floor(e));
  let rest = floorTotal - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k][1]]++;
  return counts.map((c) => c + min);
}

export const NATIONAL_PEOPLE = 6_500_000;
export const AGENCY_PEOPLE = 50_000;

export function nationalAgencies(seed: number, people = NATIONAL_PEOPLE): AgencySpec[] {
  const { provinces, regencies } = regions();
  const rng = stream(seed, 1);
  const noise = () => 0.6 + rng.next() * 0.8;
  const min = people >= 50_000 ? 20 : 2;
  const [central, province, local] = apportion(people, [LEVEL_SHARE.central, LEVEL_SHARE.province, LEVEL_SHARE.local], 0);
  const centralSizes = apportion(central, CENTRAL_AGENCIES.map((a) => a.size), min);
  const pop = (code: string) => PROVINCE_POPULATION[code] ?? 1;
  const provinceSizes = apportion(province, provinces.map((p) => Math.pow(pop(p.code), 0.6) * noise()), min);
  const perProvince = new Map<string, number>();
  for (const r of regencies) perProvince.set(r.provinceCode, (perProvince.get(r.provinceCode) ?? 0) + 1);
  const localSizes = apportion(local, regencies.map((r) => (pop(r.provinceCode) / (perProvince.get(r.provinceCode) ?? 1)) * (r.kind === 'city' ? 0.7 : 1) * noise()), min);
  return [
    ...CENTRAL_AGENCIES.map((a, i) => ({ code: a.code, name: a.name, kind: a.kind, provinceCode: '31', regionCode: null, parentCode: null, people: centralSizes[i] })),
    ...provinces.map((p, i) => ({ code: p.code, name: `Pemerintah Provinsi ${p.name}`, kind: 'province' as const, provinceCode: p.code, regionCode: p.code, parentCode: null, people: provinceSizes[i] })),
    ...regencies.map((r, i) => ({ code: r.code, name: `Pemerintah ${r.name}`, kind: r.kind, provinceCode: r.provinceCode, regionCode: r.code, parentCode: r.provinceCode, people: localSizes[i] })),
  ];
}

export function singleAgency(people = AGENCY_PEOPLE): AgencySpec[] {
  return [{ code: 'KEMENAG', name: 'Kementerian Agama', kind: 'ministry', provinceCode: '31', regionCode: null, parentCode: null, people }];
}
