// Which assessment gives a person's current level in a competency: the latest valid one.
//   - voided rows never count;
//   - an assessment is valid while it is younger than the validity period (settings, default
//     36 months): valid ⇔ assessed_on > cutoff, where cutoff = today − validity months;
//   - "latest" = greatest assessed_on, ties broken by the greater id (a correction entered later
//     for the same date wins).
// The SQL roll-ups use the same cutoff (computed here and passed in) and the same ordering.

const formats = new Map<string, Intl.DateTimeFormat>();

/** Today as a calendar date in Indonesia's western zone (WIB), 'YYYY-MM-DD'. */
export function todayInIndonesia(now = new Date(), timeZone = 'Asia/Jakarta'): string {
  // one formatter per zone: making one costs more than the rest of a profile request's own work
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(now);
}

/** Adds (or subtracts) whole months to a 'YYYY-MM-DD' date, clamping to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Assessments on or before this date have expired. */
export function validityCutoff(today: string, validityMonths: number): string {
  return addMonths(today, -validityMonths);
}

export interface AssessmentLike {
  id: number;
  competency_code: string;
  level: number;
  assessed_on: string;
  voided_at: Date | null;
}

/** The latest valid assessment per competency code. */
export function currentByCompetency<T extends AssessmentLike>(rows: readonly T[], cutoff: string): Map<string, T> {
  const current = new Map<string, T>();
  for (const row of rows) {
    if (row.voided_at !== null || row.assessed_on <= cutoff) continue;
    const best = current.get(row.competency_code);
    if (!best || row.assessed_on > best.assessed_on || (row.assessed_on === best.assessed_on && row.id > best.id)) current.set(row.competency_code, row);
  }
  return current;
}
