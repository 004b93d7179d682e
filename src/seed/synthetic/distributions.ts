// Distributions of the synthetic civil service: how many people sit in each position tier, the
// ranks (golongan) and ages that go with a tier, and how large provinces are. Plausible shapes
// for load and performance work, not official statistics.
import { createRandom, type Random } from '../random.ts';
import type { Tier } from '../../modules/competency/tiers.ts';

/** A seed for an independent stream: the same (seed, parts) always gives the same stream. */
export function streamSeed(seed: number, ...parts: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

export function stream(seed: number, ...parts: number[]): Random {
  return createRandom(streamSeed(seed, ...parts));
}

/** A weighted choice, precomputed: pick() is O(log n). */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Random) => T {
  const values = entries.map((e) => e[0]);
  const cumulative: number[] = [];
  let sum = 0;
  for (const [, w] of entries) cumulative.push((sum += w));
  return (rng) => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  };
}

/** Staff below the managerial layers: functional (ahli, terampil grades) and pelaksana. Relative weights. */
export const STAFF_TIERS = weighted<Tier>([
  ['ahli_utama', 0.3],
  ['ahli_madya', 3],
  ['ahli_muda', 10],
  ['ahli_pertama', 18],
  ['penyelia', 2],
  ['mahir', 5],
  ['terampil', 6],
  ['pemula', 1],
  ['pelaksana', 46],
]);

/** Managerial layers as a share of an agency's headcount (heads come on top). */
export const MANAGERIAL_SHARE = { jptMadya: 0.0002, jptPratama: 0.003, administrator: 0.02, pengawas: 0.06 } as const;

/** Ranks that go with a tier, weighted. Ranks: I/a–I/d, II/a–II/d, III/a–III/d, IV/a–IV/e. */
export const RANKS: Record<Tier, (rng: Random) => string> = {
  jpt_utama: weighted([['IV/e', 3], ['IV/d', 1]]),
  jpt_madya: weighted([['IV/d', 3], ['IV/e', 2], ['IV/c', 1]]),
  jpt_pratama: weighted([['IV/c', 3], ['IV/d', 2], ['IV/b', 1]]),
  administrator: weighted([['IV/a', 3], ['IV/b', 3], ['III/d', 2], ['IV/c', 1]]),
  pengawas: weighted([['III/c', 3], ['III/d', 3], ['IV/a', 1], ['III/b', 1]]),
  ahli_utama: weighted([['IV/d', 2], ['IV/e', 1]]),
  ahli_madya: weighted([['IV/a', 2], ['IV/b', 2], ['IV/c', 1]]),
  ahli_muda: weighted([['III/c', 1], ['III/d', 1]]),
  ahli_pertama: weighted([['III/a', 1], ['III/b', 1]]),
  penyelia: weighted([['III/c', 1], ['III/d', 1]]),
  mahir: weighted([['III/a', 1], ['III/b', 1]]),
  terampil: weighted([['II/b', 1], ['II/c', 1], ['II/d', 1]]),
  pemula: weighted([['II/a', 1]]),
  pelaksana: weighted([['I/c', 1], ['I/d', 1], ['II/a', 5], ['II/b', 5], ['II/c', 5], ['II/d', 4], ['III/a', 4], ['III/b', 3], ['III/c', 2], ['III/d', 1]]),
};

/** Age range [min, max] per tier; overall 20–58. And the youngest age of entry (TMT CPNS). */
export const AGES: Record<Tier, { min: number; max: number; entry: number }> = {
  jpt_utama: { min: 50, max: 58, entry: 22 },
  jpt_madya: { min: 48, max: 58, entry: 22 },
  jpt_pratama: { min: 42, max: 58, entry: 22 },
  administrator: { min: 36, max: 58, entry: 22 },
  pengawas: { min: 30, max: 58, entry: 22 },
  ahli_utama: { min: 50, max: 58, entry: 23 },
  ahli_madya: { min: 42, max: 58, entry: 23 },
  ahli_muda: { min: 32, max: 58, entry: 22 },
  ahli_pertama: { min: 23, max: 45, entry: 22 },
  penyelia: { min: 35, max: 58, entry: 19 },
  mahir: { min: 28, max: 58, entry: 19 },
  terampil: { min: 22, max: 50, entry: 19 },
  pemula: { min: 20, max: 35, entry: 18 },
  pelaksana: { min: 20, max: 58, entry: 18 },
};

/** Approximate population in millions by province code (shapes, not official figures). */
export const PROVINCE_POPULATION: Record<string, number> = {
  '11': 5.4, '12': 15.4, '13': 5.7, '14': 6.6, '15': 3.7, '16': 8.7, '17': 2.1, '18': 9.3, '19': 1.5, '21': 2.2,
  '31': 10.7, '32': 49.9, '33': 37.5, '34': 3.7, '35': 41.4, '36': 12.3, '51': 4.4, '52': 5.5, '53': 5.5,
  '61': 5.6, '62': 2.7, '63': 4.2, '64': 3.9, '65': 0.7, '71': 2.7, '72': 3.1, '73': 9.3, '74': 2.7, '75': 1.2,
  '76': 1.5, '81': 1.9, '82': 1.3, '91': 1.0, '92': 0.6, '93': 0.5, '94': 1.4, '95': 1.4, '96': 0.6,
};

/** Shares of the national headcount: central agencies, provincial and regency/city governments. */
export const LEVEL_SHARE = { central: 0.25, province: 0.13, local: 0.62 } as const;

export const FIRST_NAMES = [
  'Agus', 'Budi', 'Dewi', 'Eka', 'Fitri', 'Gita', 'Hendra', 'Indah', 'Joko', 'Kartika', 'Lestari', 'Made', 'Nur', 'Putri', 'Rina', 'Sari',
  'Teguh', 'Wahyu', 'Yudi', 'Zainal', 'Ayu', 'Bayu', 'Citra', 'Dimas', 'Endah', 'Fajar', 'Gede', 'Hadi', 'Irfan', 'Ketut', 'Nyoman', 'Rizky',
  'Siti', 'Tri', 'Wayan', 'Ahmad', 'Muhammad', 'Dian', 'Rahmat', 'Yusuf', 'Anisa', 'Mega', 'Ratna', 'Bambang', 'Slamet', 'Asep', 'Ujang',
  'Ningsih', 'Rudi', 'Hasan', 'Ika', 'Lina', 'Maria', 'Yohanes', 'Fransiska', 'Andi', 'Baso', 'Daeng', 'Ucok', 'Butet', 'Intan', 'Reza',
];

export const LAST_NAMES = [
  'Santoso', 'Wijaya', 'Lestari', 'Pratama', 'Saputra', 'Hidayat', 'Kusuma', 'Nugroho', 'Rahmawati', 'Setiawan', 'Siregar', 'Nasution',
  'Harahap', 'Simanjuntak', 'Wibowo', 'Utami', 'Purnomo', 'Suryadi', 'Halim', 'Putra', 'Sutrisno', 'Gunawan', 'Maharani', 'Permana',
  'Yulianti', 'Sitompul', 'Lubis', 'Tanjung', 'Hutapea', 'Pane', 'Rangkuti', 'Manurung', 'Sinaga', 'Daulay', 'Mahendra', 'Firmansyah',
  'Kurniawan', 'Hakim', 'Syahputra', 'Ramadhan', 'Susanti', 'Wulandari', 'Puspita', 'Anggraini', 'Fauzi', 'Rusdi', 'Latuconsina', 'Wenda',
];
