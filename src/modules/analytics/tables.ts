// The table view of each dataset, as the CSV/XLSX exports write it: a title, columns with
// headers in the chosen language, and rows (numbers stay numbers, so a spreadsheet can sum them).
import { COLUMNS, TITLES, valueOf, type Lang } from './labels.ts';
import type * as service from './service.ts';

export type Cell = string | number | null;

export interface Table {
  /** file name without extension */
  name: string;
  title: string;
  columns: { key: string; label: string }[];
  rows: AsyncIterable<Cell[]> | Cell[][];
}

type View<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

function table(name: string, titleKey: string, lang: Lang, keys: string[], rows: Table['rows'], titleSuffix = ''): Table {
  return { name, title: `${TITLES[titleKey][lang]}${titleSuffix}`, columns: keys.map((key) => ({ key, label: COLUMNS[key]?.[lang] ?? key })), rows };
}

const competencyName = (c: { name_id: string | null; name_en: string | null; code: string }, lang: Lang) => (lang === 'en' ? c.name_en : c.name_id) ?? c.code;

const COMPLIANCE = ['people', 'met', 'onTrack', 'atRisk', 'compliancePct', 'metPct', 'averageJp'];
const GAP = ['required', 'assessed', 'withGap', 'withGapPct', 'averageGap'];

export function provincesTable(v: View<typeof service.nationalProvinces>, lang: Lang): Table {
  const tile = (code: string | null, name: string, t: View<typeof service.nationalProvinces>['central']) => [
    code, name, t.agencies, t.people, t.met, t.onTrack, t.atRisk, t.compliancePct, t.metPct, t.averageJp, t.gap.required, t.gap.withGap, t.gap.withGapPct, t.gap.averageGap,
  ];
  return table(`provinsi-${v.year}`, 'provinces', lang, ['provinceCode', 'province', 'agencies', ...COMPLIANCE, 'required', 'withGap', 'withGapPct', 'averageGap'], [
    ...v.provinces.map((p) => tile(p.code, p.name, p)),
    tile(null, TITLES.central[lang], v.central),
  ], ` (${v.year})`);
}

export function competenciesTable(v: View<typeof service.nationalCompetencies>, lang: Lang): Table {
  const names = new Map(v.competencies.map((c) => [c.code, competencyName(c, lang)]));
  return table('kompetensi-jenis-instansi', 'competencies', lang, ['code', 'competency', 'agencyKind', ...GAP], v.cells.map((c) => [c.code, names.get(c.code) ?? c.code, valueOf('agencyKind', c.agencyKind, lang), c.required, c.assessed, c.withGap, c.withGapPct, c.averageGap]));
}

export function supplyDemandTable(v: View<typeof service.nationalSupplyDemand>, lang: Lang): Table {
  return table('kursi-kebutuhan', 'supplyDemand', lang, ['code', 'competency', 'seats', 'offerings', 'peopleRequired', 'peopleWithGap', 'seatsPerPersonWithGap'], v.items.map((i) => [i.code, competencyName(i, lang), i.seats, i.offerings, i.peopleRequired, i.peopleWithGap, i.seatsPerPersonWithGap]));
}

export function providersTable(v: View<typeof service.nationalProviders>, lang: Lang): Table {
  return table(`penyelenggara-${v.year}`, 'providers', lang, ['code', 'provider', 'providerKind', 'offerings', 'capacity', 'seatsTaken', 'fillRatePct', 'completed', 'completionRatePct', 'reactions', 'reactionMean', 'quality'], v.items.map((i) => [i.code, i.name, i.kind, i.offerings, i.capacity, i.seatsTaken, i.fillRatePct, i.completed, i.completionRatePct, i.reactions, i.reactionMean, i.quality]), ` (${v.year})`);
}

export function accreditationTable(v: View<typeof service.nationalAccreditation>, lang: Lang): Table {
  return table('akreditasi', 'accreditation', lang, ['type', 'code', 'name', 'provider', 'grade', 'validTo', 'state', 'daysLeft'], v.items.map((i) => [valueOf('type', i.type, lang), i.code, i.name, i.providerName, i.grade, i.validTo, valueOf('state', i.state, lang), i.daysLeft]));
}

const groupName = (g: { key: string; name: string | null; code: string | null }, by: 'unit' | 'tier', lang: Lang) =>
  by === 'tier' ? valueOf('tier', g.key, lang) : g.key === '0' ? TITLES.noUnit[lang] : (g.name ?? g.code ?? g.key);

export function agencyComplianceTable(v: View<typeof service.agencyCompliance>, lang: Lang): Table {
  return table(`kepatuhan-${v.agency.code}-${v.by}-${v.year}`, v.by === 'unit' ? 'complianceUnit' : 'complianceTier', lang, [v.by, ...COMPLIANCE], v.groups.map((g) => [groupName(g, v.by, lang), g.people, g.met, g.onTrack, g.atRisk, g.compliancePct, g.metPct, g.averageJp]), ` — ${v.agency.name} (${v.year})`);
}

export function agencyGapsTable(v: View<typeof service.agencyGaps>, lang: Lang): Table {
  const names = new Map(v.competencies.map((c) => [c.code, competencyName(c, lang)]));
  return table(`kesenjangan-${v.agency.code}-${v.by}`, v.by === 'unit' ? 'gapsUnit' : 'gapsTier', lang, [v.by, 'code', 'competency', ...GAP], v.groups.flatMap((g) => g.cells.map((c) => [groupName(g, v.by, lang), c.code, names.get(c.code) ?? c.code, c.required, c.assessed, c.withGap, c.withGapPct, c.averageGap])), ` — ${v.agency.name}`);
}

export function atRiskTable(agency: { code: string; name: string }, year: number, pages: AsyncIterable<View<typeof service.agencyAtRisk>['items']>, lang: Lang): Table {
  async function* rows() {
    for await (const page of pages) for (const p of page) yield [p.nip, p.name, p.unitName, p.positionName, p.tier ? valueOf('tier', p.tier, lang) : null, p.jp, p.behindJp, p.missingJp];
  }
  return table(`berisiko-${agency.code}-${year}`, 'atRisk', lang, ['nip', 'name', 'unit', 'position', 'tier', 'jp', 'behindJp', 'missingJp'], rows(), ` — ${agency.name} (${year})`);
}

export function cohortsTable(v: View<typeof service.providerCohorts>, lang: Lang): Table {
  return table(`angkatan-${v.provider.code}-${v.year}`, 'cohorts', lang,
    ['offering', 'programme', 'role', 'startDate', 'endDate', 'status', 'capacity', 'seatsTaken', 'fillRatePct', 'enrolments', 'enrolled', 'waitlisted', 'completed', 'notCompleted', 'noShow', 'withdrawn', 'completionRatePct', 'reactions', 'reactionMean', 'preMean', 'postMean', 'followUps', 'followUpMean'],
    v.items.map((i) => [i.code, `${i.programmeCode} ${lang === 'en' ? (i.titleEn ?? i.titleId) : i.titleId}`, valueOf('role', i.role, lang), i.startDate, i.endDate, i.status, i.capacity, i.seatsTaken, i.fillRatePct, i.enrolments, i.enrolled, i.waitlisted, i.completed, i.notCompleted, i.noShow, i.withdrawn, i.completionRatePct, i.reactions, i.reactionMean, i.preMean, i.postMean, i.followUps, i.followUpMean]),
    ` — ${v.provider.name} (${v.year})`);
}
