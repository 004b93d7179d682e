// Units, positions and people of synthetic agencies.
//
// Every agency is planned up front (a few numbers: headcount per layer, first ids), so each
// agency's rows can be generated on their own, in id order, from streams seeded by
// (seed, agency index): the "skeleton" (tier, position, unit, supervisor) and the "details"
// (name, gender, dates, rank, NIP) come from separate streams, so assessments can walk the
// skeleton again without regenerating details.
//
// Hierarchy: head → (JPT madya) → JPT pratama → administrators → pengawas → staff. A supervisor
// is always generated before the people under them (smaller id, same agency): no cycles.
import type { Tier } from '../../modules/competency/tiers.ts';
import { formatNip } from '../../modules/org/nip.ts';
import type { Random } from '../random.ts';
import type { AgencySpec } from './agencies.ts';
import { AGES, FIRST_NAMES, LAST_NAMES, MANAGERIAL_SHARE, RANKS, STAFF_TIERS, stream } from './distributions.ts';

export interface PositionSpec {
  code: string;
  name: string;
  kind: 'managerial' | 'functional' | 'executor';
  tier: Tier;
  /** Competency overrides of this position (code → required level delta over the tier default). */
  raises: string[];
}

export interface AgencyPlan extends AgencySpec {
  index: number;
  id: number;
  parentId: number | null;
  head: Tier;
  madya: number;
  pratama: number;
  administrators: number;
  pengawas: number;
  staff: number;
  personBase: number;
  unitBase: number;
  positionBase: number;
  positions: PositionSpec[];
}

export interface IdBases {
  agency: number;
  unit: number;
  position: number;
  person: number;
}

const GRADES: Record<string, [string, string]> = {
  ahli_utama: ['AU', 'Ahli Utama'],
  ahli_madya: ['AMD', 'Ahli Madya'],
  ahli_muda: ['AM', 'Ahli Muda'],
  ahli_pertama: ['AP', 'Ahli Pertama'],
  penyelia: ['PNY', 'Penyelia'],
  mahir: ['MHR', 'Mahir'],
  terampil: ['TRP', 'Terampil'],
  pemula: ['PML', 'Pemula'],
};

const AHLI_CENTRAL: [string, string][] = [['AK', 'Analis Kebijakan'], ['PK', 'Pranata Komputer'], ['AUD', 'Auditor'], ['PRC', 'Perencana']];
const AHLI_REGIONAL: [string, string][] = [['GURU', 'Guru'], ['PRW', 'Perawat'], ['AK', 'Analis Kebijakan'], ['PK', 'Pranata Komputer']];
const TERAMPIL_CENTRAL: [string, string][] = [['PK', 'Pranata Komputer'], ['ARS', 'Arsiparis'], ['PKU', 'Pranata Keuangan APBN']];
const TERAMPIL_REGIONAL: [string, string][] = [['PRW', 'Perawat'], ['PK', 'Pranata Komputer'], ['ARS', 'Arsiparis']];
const PELAKSANA: [string, string][] = [['PU', 'Pengadministrasi Umum'], ['PD', 'Pengolah Data dan Informasi'], ['PKM', 'Pengelola Keuangan']];

/** The position catalogue of an agency (36 positions). Policy analysts carry overrides of M.04 and M.08. */
export function positionsFor(kind: AgencySpec['kind']): PositionSpec[] {
  const central = kind === 'ministry' || kind === 'national_agency';
  const managerial: PositionSpec[] = [
    { code: 'JPT-UTAMA', name: 'Kepala Lembaga', kind: 'managerial', tier: 'jpt_utama', raises: [] },
    { code: 'JPT-MADYA', name: central ? 'Sekretaris Jenderal / Deputi' : 'Sekretaris Daerah', kind: 'managerial', tier: 'jpt_madya', raises: [] },
    { code: 'JPT-PRATAMA', name: central ? 'Kepala Biro / Direktur' : 'Kepala Dinas / Badan', kind: 'managerial', tier: 'jpt_pratama', raises: [] },
    { code: 'ADM', name: central ? 'Kepala Bagian / Kepala Subdirektorat' : 'Kepala Bidang / Sekretaris Dinas', kind: 'managerial', tier: 'administrator', raises: [] },
    { code: 'PENGAWAS', name: central ? 'Kepala Subbagian / Kepala Seksi' : 'Kepala Seksi / Kepala Subbagian', kind: 'managerial', tier: 'pengawas', raises: [] },
  ];
  const functional = (families: [string, string][], tiers: Tier[]) =>
    families.flatMap(([fam, famName]) =>
      tiers.map((tier) => ({ code: `${fam}-${GRADES[tier][0]}`, name: `${famName} ${GRADES[tier][1]}`, kind: 'functional' as const, tier, raises: fam === 'AK' ? ['M.04', 'M.08'] : [] })),
    );
  return [
    ...managerial,
    ...functional(central ? AHLI_CENTRAL : AHLI_REGIONAL, ['ahli_utama', 'ahli_madya', 'ahli_muda', 'ahli_pertama']),
    ...functional(central ? TERAMPIL_CENTRAL : TERAMPIL_REGIONAL, ['penyelia', 'mahir', 'terampil', 'pemula']),
    ...PELAKSANA.map(([code, name]) => ({ code, name, kind: 'executor' as const, tier: 'pelaksana' as const, raises: [] })),
  ];
}

export function planAgencies(seed: number, specs: readonly AgencySpec[], bases: IdBases): AgencyPlan[] {
  const ids = { ...bases };
  const byCode = new Map<string, number>();
  return specs.map((spec, index) => {
    const rng = stream(seed, 5, index);
    const n = spec.people;
    const head: Tier = spec.kind === 'national_agency' && rng.next() < 0.4 ? 'jpt_utama' : spec.kind === 'regency' || spec.kind === 'city' ? 'jpt_pratama' : 'jpt_madya';
    let left = n - 1;
    const take = (want: number) => {
      const k = Math.max(0, Math.min(left, want));
      left -= k;
      return k;
    };
    const madya = spec.kind === 'regency' || spec.kind === 'city' ? 0 : take(Math.round(n * MANAGERIAL_SHARE.jptMadya));
    const pratama = take(Math.round(n * MANAGERIAL_SHARE.jptPratama));
    const administrators = take(Math.max(n >= 10 ? 1 : 0, Math.round(n * MANAGERIAL_SHARE.administrator)));
    const pengawas = take(Math.max(n >= 10 ? 1 : 0, Math.round(n * MANAGERIAL_SHARE.pengawas)));
    const staff = left;
    const positions = positionsFor(spec.kind);
    const plan: AgencyPlan = {
      ...spec,
      index,
      id: ids.agency,
      parentId: spec.parentCode ? byCode.get(spec.parentCode) ?? null : null,
      head,
      madya,
      pratama,
      administrators,
      pengawas,
      staff,
      personBase: ids.person,
      unitBase: ids.unit,
      positionBase: ids.position,
      positions,
    };
    byCode.set(spec.code, ids.agency);
    ids.agency += 1;
    ids.unit += unitCount(plan);
    ids.position += positions.length;
    ids.person += n;
    return plan;
  });
}

export const unitCount = (p: Pick<AgencyPlan, 'pratama' | 'administrators'>) => 1 + p.pratama + p.administrators;

// ---------- units and positions ----------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export interface UnitRow {
  id: number;
  agencyId: number;
  parentId: number | null;
  code: string;
  name: string;
}

export function* unitsOf(plan: AgencyPlan): Generator<UnitRow> {
  const central = plan.kind === 'ministry' || plan.kind === 'national_agency';
  yield { id: plan.unitBase, agencyId: plan.id, parentId: null, code: 'U00', name: central ? 'Sekretariat Jenderal' : 'Sekretariat Daerah' };
  for (let i = 0; i < plan.pratama; i++) {
    yield { id: plan.unitBase + 1 + i, agencyId: plan.id, parentId: plan.unitBase, code: `U${pad(i + 1, 3)}`, name: central ? `Biro/Direktorat ${i + 1}` : `Dinas/Badan ${i + 1}` };
  }
  for (let j = 0; j < plan.administrators; j++) {
    const parent = plan.pratama > 0 ? j % plan.pratama : -1;
    yield {
      id: admUnitId(plan, j),
      agencyId: plan.id,
      parentId: parent >= 0 ? plan.unitBase + 1 + parent : plan.unitBase,
      code: parent >= 0 ? `U${pad(parent + 1, 3)}.${pad(Math.floor(j / plan.pratama) + 1, 3)}` : `U000.${pad(j + 1, 3)}`,
      name: central ? `Bagian/Subdirektorat ${j + 1}` : `Bidang ${j + 1}`,
    };
  }
}

const admUnitId = (plan: AgencyPlan, j: number) => plan.unitBase + 1 + plan.pratama + j;

export const positionId = (plan: AgencyPlan, index: number) => plan.positionBase + index;

// ---------- the skeleton ----------

export interface Skeleton {
  id: number;
  tier: Tier;
  positionId: number;
  /** index into plan.positions */
  positionIndex: number;
  unitId: number;
  supervisorId: number | null;
}

/** The structural part of every person of an agency, in id order. Reuses one object: copy what you keep. */
export function* skeletonOf(seed: number, plan: AgencyPlan): Generator<Skeleton> {
  const rng = stream(seed, 2, plan.index);
  const byTier = new Map<Tier, number[]>();
  plan.positions.forEach((p, i) => byTier.set(p.tier, [...(byTier.get(p.tier) ?? []), i]));
  const positionOf = (tier: Tier) => {
    const list = byTier.get(tier)!;
    return list.length === 1 ? list[0] : list[Math.floor(rng.next() * list.length)];
  };
  const s: Skeleton = { id: 0, tier: 'pelaksana', positionId: 0, positionIndex: 0, unitId: 0, supervisorId: null };
  const set = (id: number, tier: Tier, unitId: number, supervisorId: number | null) => {
    s.id = id;
    s.tier = tier;
    s.positionIndex = positionOf(tier);
    s.positionId = plan.positionBase + s.positionIndex;
    s.unitId = unitId;
    s.supervisorId = supervisorId;
    return s;
  };
  const root = plan.unitBase;
  const headId = plan.personBase;
  const madyaId = (i: number) => headId + 1 + i;
  const pratamaId = (i: number) => headId + 1 + plan.madya + i;
  const admId = (j: number) => headId + 1 + plan.madya + plan.pratama + j;
  const pengawasId = (k: number) => headId + 1 + plan.madya + plan.pratama + plan.administrators + k;
  yield set(headId, plan.head, root, null);
  for (let i = 0; i < plan.madya; i++) yield set(madyaId(i), 'jpt_madya', root, headId);
  for (let i = 0; i < plan.pratama; i++) yield set(pratamaId(i), 'jpt_pratama', root + 1 + i, plan.madya > 0 ? madyaId(i % plan.madya) : headId);
  for (let j = 0; j < plan.administrators; j++) yield set(admId(j), 'administrator', admUnitId(plan, j), plan.pratama > 0 ? pratamaId(j % plan.pratama) : headId);
  for (let k = 0; k < plan.pengawas; k++) {
    const j = plan.administrators > 0 ? k % plan.administrators : -1;
    yield set(pengawasId(k), 'pengawas', j >= 0 ? admUnitId(plan, j) : root, j >= 0 ? admId(j) : headId);
  }
  const first = pengawasId(plan.pengawas);
  for (let m = 0; m < plan.staff; m++) {
    const tier = STAFF_TIERS(rng);
    let unitId = root;
    let supervisorId = headId;
    if (plan.pengawas > 0) {
      const k = Math.floor(rng.next() * plan.pengawas);
      const j = plan.administrators > 0 ? k % plan.administrators : -1;
      unitId = j >= 0 ? admUnitId(plan, j) : root;
      supervisorId = pengawasId(k);
    } else if (plan.administrators > 0) {
      const j = Math.floor(rng.next() * plan.administrators);
      unitId = admUnitId(plan, j);
      supervisorId = admId(j);
    }
    yield set(first + m, tier, unitId, supervisorId);
  }
}

// ---------- details and NIPs ----------

/**
 * Hands out NIP sequence numbers: a counter per (birth date, TMT month, gender) prefix, in a
 * 64 MB typed array (26-bit key), so 6.5M unique NIPs need no set of strings.
 */
export class NipAllocator {
  #counters = new Uint8Array(1 << 26);

  static key(birthYear: number, birthMonth: number, birthDay: number, tmtYear: number, tmtMonth: number, gender: number): number {
    const day = ((birthYear - 1960) * 12 + (birthMonth - 1)) * 31 + (birthDay - 1);
    const tmt = (tmtYear - 1975) * 12 + (tmtMonth - 1);
    if (day < 0 || day >= 1 << 15 || tmt < 0 || tmt >= 1 << 10) return -1;
    return (day << 11) | (tmt << 1) | (gender - 1);
  }

  /** The next free sequence for this prefix, or 0 when it is full (the caller draws again). */
  next(key: number): number {
    if (key < 0) return 0;
    const used = this.#counters[key];
    if (used >= 255) return 0;
    this.#counters[key] = used + 1;
    return used + 1;
  }

  /** Marks a NIP already in the database as taken. */
  reserve(nip: string): void {
    const key = NipAllocator.key(+nip.slice(0, 4), +nip.slice(4, 6), +nip.slice(6, 8), +nip.slice(8, 12), +nip.slice(12, 14), +nip[14]);
    if (key < 0) return;
    this.#counters[key] = Math.max(this.#counters[key], Math.min(255, Number(nip.slice(15))));
  }
}

export interface Today {
  date: string;
  year: number;
  month: number;
}

export const todayParts = (date: string): Today => ({ date, year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) });

/** One civil_servant COPY line (text format) per skeleton entry, drawing details from the agency's detail stream. */
export function personLines(seed: number, plan: AgencyPlan, today: Today, nips: NipAllocator, onPerson?: (s: Skeleton, status: string) => void): Generator<string> {
  const rng = stream(seed, 3, plan.index);
  return (function* () {
    for (const s of skeletonOf(seed, plan)) yield personLine(rng, plan.id, s, today, nips, onPerson);
  })();
}

function personLine(rng: Random, agencyId: number, s: Skeleton, today: Today, nips: NipAllocator, onPerson?: (s: Skeleton, status: string) => void): string {
  const ages = AGES[s.tier];
  const gender = rng.next() < 0.52 ? 1 : 2;
  let nip = '';
  let birth = '';
  let tmt = '';
  for (let attempt = 0; !nip; attempt++) {
    const age = rng.int(ages.min, ages.max);
    const by = today.year - age;
    const bm = rng.int(1, 12);
    const bd = rng.int(1, 28);
    const entry = Math.min(age, rng.int(ages.entry, ages.entry + 12));
    let tIndex = (by + entry) * 12 + rng.int(0, 11);
    tIndex = Math.max(tIndex, (by + 18) * 12 + (bm - 1));
    tIndex = Math.min(tIndex, today.year * 12 + today.month - 1);
    const ty = Math.floor(tIndex / 12);
    const tm = (tIndex % 12) + 1;
    const seq = nips.next(NipAllocator.key(by, bm, bd, ty, tm, gender));
    if (seq === 0) {
      if (attempt > 1000) throw new Error('cannot find a free NIP');
      continue;
    }
    birth = `${by}-${pad(bm)}-${pad(bd)}`;
    tmt = `${ty}-${pad(tm)}-01`;
    nip = formatNip({ birthDate: birth, tmtCpns: tmt, gender, sequence: seq });
  }
  const name = `${FIRST_NAMES[Math.floor(rng.next() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(rng.next() * LAST_NAMES.length)]}`;
  const rank = RANKS[s.tier](rng);
  const status = rng.next() < 0.015 ? 'leave' : 'active';
  onPerson?.(s, status);
  return `${s.id}\t${agencyId}\t${nip}\t${name}\t${gender}\t${birth}\t${tmt}\t${rank}\t${s.unitId}\t${s.positionId}\t${s.supervisorId ?? '\\N'}\t${status}\n`;
}

export const PERSON_COLUMNS = ['id', 'agency_id', 'nip', 'name', 'gender', 'birth_date', 'tmt_cpns', 'rank', 'unit_id', 'position_id', 'supervisor_id', 'status'] as const;
