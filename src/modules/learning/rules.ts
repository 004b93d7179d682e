// Pure rules of learning: eligibility, seat arithmetic with quotas, waitlist priority,
// completion, JP conversion and the 20-JP status. No database here, so each rule is unit-tested.
import type { FieldError } from '../../http/problem.ts';
import { rankIndex } from '../catalog/vocab.ts';

// ---------- eligibility ----------

export interface PersonFacts {
  tier: string | null;
  rank: string;
  status: string;
}

export interface ProgrammeEligibility {
  position_tiers: string[];
  rank_min: string | null;
  rank_max: string | null;
}

/** Why a person may not take a programme (empty = eligible). `missingPrerequisites` are programme codes not yet completed. */
export function eligibilityProblems(person: PersonFacts, p: ProgrammeEligibility, missingPrerequisites: string[]): string[] {
  const out: string[] = [];
  if (person.status !== 'active') out.push(`the person's employment status is ${person.status}, not active`);
  if (p.position_tiers.length > 0 && (!person.tier || !p.position_tiers.includes(person.tier))) {
    out.push(`the programme is for position tiers ${p.position_tiers.join(', ')}; this person's tier is ${person.tier ?? 'not recorded'}`);
  }
  const r = rankIndex(person.rank);
  if (p.rank_min && r < rankIndex(p.rank_min)) out.push(`rank ${person.rank} is below the programme's minimum ${p.rank_min}`);
  if (p.rank_max && r > rankIndex(p.rank_max)) out.push(`rank ${person.rank} is above the programme's maximum ${p.rank_max}`);
  if (missingPrerequisites.length) out.push(`prerequisite programme(s) not completed: ${missingPrerequisites.join(', ')}`);
  return out;
}

/** Registration is open on the days registration_opens … registration_closes (Jakarta dates), for planned or open offerings of a published programme. */
export function registrationProblem(o: { registration_opens: string; registration_closes: string; status: string }, programmeStatus: string, today: string): string | null {
  if (programmeStatus !== 'published') return `the programme is ${programmeStatus}, not published`;
  if (!['planned', 'open'].includes(o.status)) return `the offering is ${o.status}; it takes no registrations`;
  if (today < o.registration_opens) return `registration opens on ${o.registration_opens}`;
  if (today > o.registration_closes) return `registration closed on ${o.registration_closes}`;
  return null;
}

// ---------- leadership training required by position ----------

/** The leadership training a managerial tier must hold (PKP for pengawas, PKA for administrators, PKN II for JPT pratama, PKN I above). */
const REQUIRED_LEADERSHIP: Record<string, string> = { pengawas: 'pkp', administrator: 'pka', jpt_pratama: 'pkn2', jpt_madya: 'pkn1', jpt_utama: 'pkn1' };

export function requiredByPosition(tier: string | null, category: string): boolean {
  return tier !== null && REQUIRED_LEADERSHIP[tier] === category;
}

// ---------- seats and quotas ----------
// Quotas: an agency with a quota holds at most that many seats, and they are reserved for it;
// agencies without a quota share the seats nobody reserved (capacity − sum of quotas).

export interface SeatFacts {
  capacity: number;
  /** seats taken in the whole offering */
  taken: number;
  quotas: { agency_id: number; seats: number }[];
  /** seats taken per agency */
  takenBy: Map<number, number>;
}

/** Seats this agency can still take now. */
export function seatsFor(agencyId: number, s: SeatFacts): number {
  const free = s.capacity - s.taken;
  if (s.quotas.length === 0) return Math.max(0, free);
  const quota = s.quotas.find((q) => q.agency_id === agencyId);
  if (quota) return Math.max(0, Math.min(free, quota.seats - (s.takenBy.get(agencyId) ?? 0)));
  const reserved = s.quotas.reduce((n, q) => n + q.seats, 0);
  const quotaAgencies = new Set(s.quotas.map((q) => q.agency_id));
  let takenByOthers = 0;
  for (const [agency, n] of s.takenBy) if (!quotaAgencies.has(agency)) takenByOthers += n;
  return Math.max(0, Math.min(free, s.capacity - reserved - takenByOthers));
}

/** The most live enrolments (requested … enrolled, waitlisted) an agency may have in the offering: its quota; null = no limit but capacity. */
export function agencyLimit(agencyId: number, capacity: number, quotas: { agency_id: number; seats: number }[]): number | null {
  if (quotas.length === 0) return null;
  const quota = quotas.find((q) => q.agency_id === agencyId);
  if (quota) return quota.seats;
  return Math.max(0, capacity - quotas.reduce((n, q) => n + q.seats, 0));
}

// ---------- waitlist priority ----------

export interface WaitlistEntry {
  id: number;
  priority_class: number;
  priority_gap: number;
  requested_at: Date;
}

/** Waitlist order: required by position or mandate first, then the larger competency gap, then the earlier request. */
export function compareWaitlist(a: WaitlistEntry, b: WaitlistEntry): number {
  return b.priority_class - a.priority_class || b.priority_gap - a.priority_gap || a.requested_at.getTime() - b.requested_at.getTime() || a.id - b.id;
}

/**
 * The gap a programme addresses for this person: over the programme's targeted competencies,
 * the person's gap (required − current, as the competency module computes it), counted only up
 * to the top of the level range the programme develops.
 */
export function programmeGap(targets: { code: string; level_to: number }[], profile: { code: string; required: number | null; current: number | null }[]): number {
  const byCode = new Map(profile.map((c) => [c.code, c]));
  let gap = 0;
  for (const t of targets) {
    const cell = byCode.get(t.code);
    if (!cell || cell.required === null) continue;
    const target = Math.min(cell.required, t.level_to);
    gap += Math.max(0, target - (cell.current ?? 0));
  }
  return gap;
}

// ---------- completion ----------

export interface CompletionRule {
  min_attendance_pct: number;
  pass_score: number | null;
  required_modules: string[];
}

export const DEFAULT_RULE: CompletionRule = { min_attendance_pct: 80, pass_score: null, required_modules: [] };

export interface SessionAttendance {
  session_id: number;
  module: string | null;
  status: 'present' | 'late' | 'absent' | 'excused' | null;
}

/**
 * Attendance % = sessions attended (present or late) / sessions counted × 100, where excused
 * sessions are not counted. Null when any session has no attendance recorded (no data).
 */
export function attendancePct(rows: SessionAttendance[]): number | null {
  if (rows.length === 0 || rows.some((r) => r.status === null)) return null;
  const counted = rows.filter((r) => r.status !== 'excused');
  if (counted.length === 0) return 100;
  const attended = counted.filter((r) => r.status === 'present' || r.status === 'late').length;
  return Math.round((attended / counted.length) * 10000) / 100;
}

export type CompletionVerdict = { outcome: 'completed'; attendancePct: number } | { outcome: 'not_completed'; attendancePct: number; reasons: string[] } | { outcome: 'refused'; problem: string };

export function evaluateCompletion(rule: CompletionRule, rows: SessionAttendance[], score: number | null): CompletionVerdict {
  if (rows.length === 0) return { outcome: 'refused', problem: 'the offering has no sessions, so there is no attendance data; add the sessions and record attendance first' };
  const missing = rows.filter((r) => r.status === null).length;
  if (missing) return { outcome: 'refused', problem: `attendance is not recorded for ${missing} of ${rows.length} session(s)` };
  if (rule.pass_score !== null && score === null) return { outcome: 'refused', problem: `the programme has a pass score of ${rule.pass_score} and no score is recorded` };
  const pct = attendancePct(rows)!;
  const reasons: string[] = [];
  if (pct < rule.min_attendance_pct) reasons.push(`attendance ${pct}% is below the required ${rule.min_attendance_pct}%`);
  if (rule.pass_score !== null && score !== null && score < rule.pass_score) reasons.push(`score ${score} is below the pass score ${rule.pass_score}`);
  for (const m of rule.required_modules) {
    const ofModule = rows.filter((r) => r.module === m);
    if (ofModule.length === 0 || !ofModule.some((r) => r.status === 'present' || r.status === 'late')) reasons.push(`required module "${m}" was not attended`);
  }
  return reasons.length ? { outcome: 'not_completed', attendancePct: pct, reasons } : { outcome: 'completed', attendancePct: pct };
}

// ---------- JP ----------

export const JP_ENTITLEMENT = 20;

/** JP of an activity from its minutes: minutes / minutes-per-JP, capped per activity, to two decimals. */
export function minutesToJp(minutes: number, conversion: { minutes_per_jp: number; max_jp_per_activity: number | null }): number {
  const jp = Math.floor((minutes / conversion.minutes_per_jp) * 100) / 100;
  return conversion.max_jp_per_activity !== null ? Math.min(jp, conversion.max_jp_per_activity) : jp;
}

export type JpStatus = 'met' | 'on_track' | 'at_risk';

/** Share of the year elapsed at the end of `today` (1 for past years, 0 for future ones). */
export function yearElapsed(year: number, today: string): number {
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear) return 1;
  if (year > thisYear) return 0;
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const day = (Date.parse(`${today}T00:00:00Z`) - start) / 86_400_000 + 1;
  return day / days;
}

/**
 * met: at least 20 JP in the year. on_track: not yet 20 but at least the pro-rata share of 20 for
 * the part of the year gone (e.g. 10 JP by the end of June). at_risk: below that (for a past
 * year: fewer than 20 JP).
 */
export function jpStatus(jp: number, year: number, today: string, entitlement = JP_ENTITLEMENT): JpStatus {
  if (jp >= entitlement) return 'met';
  const expected = entitlement * yearElapsed(year, today);
  return jp + 1e-9 >= expected && yearElapsed(year, today) < 1 ? 'on_track' : 'at_risk';
}

export function fieldError(field: string, message: string): FieldError {
  return { field, message };
}
