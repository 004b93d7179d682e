// Pure checks of catalogue input. Each returns the field errors it finds (empty = fine), so a
// service can report every problem at once and refuse before it writes anything.
import type { FieldError } from '../../http/problem.ts';
import { regionByCode } from '../org/regions.ts';
import { TIERS } from '../competency/tiers.ts';
import { COMPETENCY_CODE, rankIndex, REVIEWED_CATEGORIES, type Category } from './vocab.ts';

export interface CompetencyTarget {
  code: string;
  levelFrom: number;
  levelTo: number;
}

export function competencyErrors(items: readonly CompetencyTarget[], field = 'body.competencies'): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((c, i) => {
    if (!COMPETENCY_CODE.test(c.code)) errors.push({ field: `${field}.${i}.code`, message: `"${c.code}" is not a competency code (M.01, SK.01, T.xxx)` });
    if (seen.has(c.code)) errors.push({ field: `${field}.${i}.code`, message: `${c.code} is listed twice` });
    seen.add(c.code);
    if (!(c.levelFrom >= 1 && c.levelFrom <= 5)) errors.push({ field: `${field}.${i}.levelFrom`, message: 'must be a level from 1 to 5' });
    if (!(c.levelTo >= 1 && c.levelTo <= 5)) errors.push({ field: `${field}.${i}.levelTo`, message: 'must be a level from 1 to 5' });
    if (c.levelFrom > c.levelTo) errors.push({ field: `${field}.${i}.levelTo`, message: `is below levelFrom (${c.levelFrom})` });
  });
  return errors;
}

export function eligibilityErrors(e: { positionTiers?: string[]; rankMin?: string | null; rankMax?: string | null }, field = 'body.eligibility'): FieldError[] {
  const errors: FieldError[] = [];
  (e.positionTiers ?? []).forEach((t, i) => {
    if (!(TIERS as readonly string[]).includes(t)) errors.push({ field: `${field}.positionTiers.${i}`, message: `"${t}" is not a position tier (${TIERS.join(', ')})` });
  });
  if (e.rankMin && rankIndex(e.rankMin) < 0) errors.push({ field: `${field}.rankMin`, message: 'is not a rank (I/a … IV/e)' });
  if (e.rankMax && rankIndex(e.rankMax) < 0) errors.push({ field: `${field}.rankMax`, message: 'is not a rank (I/a … IV/e)' });
  if (e.rankMin && e.rankMax && rankIndex(e.rankMin) >= 0 && rankIndex(e.rankMax) >= 0 && rankIndex(e.rankMin) > rankIndex(e.rankMax)) {
    errors.push({ field: `${field}.rankMax`, message: `is below rankMin (${e.rankMin})` });
  }
  return errors;
}

export interface PartnerInput {
  providerId: number;
  roles: string[];
  contribution?: string | null;
  modules?: string[];
}

export function partnerErrors(partners: readonly PartnerInput[], field = 'body.partners'): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  partners.forEach((p, i) => {
    if (seen.has(p.providerId)) errors.push({ field: `${field}.${i}.providerId`, message: `provider ${p.providerId} is listed twice; give one entry with all its roles` });
    seen.add(p.providerId);
    if (new Set(p.roles).size !== p.roles.length) errors.push({ field: `${field}.${i}.roles`, message: 'a role is listed twice' });
  });
  const leads = partners.filter((p) => p.roles.includes('lead')).length;
  if (leads !== 1) errors.push({ field, message: `needs exactly one lead partner (found ${leads})` });
  return errors;
}

/** Fields a programme must have before it can be submitted or published. */
export function publishErrors(p: {
  title_en: string | null;
  description_id: string | null;
  description_en: string | null;
  languages: string[];
  activity_iri: string | null;
  competencyCount: number;
  hasLead: boolean;
}): FieldError[] {
  const errors: FieldError[] = [];
  const blank = (v: string | null) => !v || !v.trim();
  if (blank(p.title_en)) errors.push({ field: 'titleEn', message: 'is required before publishing' });
  if (blank(p.description_id)) errors.push({ field: 'descriptionId', message: 'is required before publishing' });
  if (blank(p.description_en)) errors.push({ field: 'descriptionEn', message: 'is required before publishing' });
  if (p.languages.length === 0) errors.push({ field: 'languages', message: 'needs at least one language before publishing' });
  if (blank(p.activity_iri)) errors.push({ field: 'activityIri', message: 'is required before publishing (learning records refer to it)' });
  if (p.competencyCount === 0) errors.push({ field: 'competencies', message: 'needs at least one targeted competency before publishing' });
  if (!p.hasLead) errors.push({ field: 'partners', message: 'needs a lead partner before publishing' });
  return errors;
}

export const needsNationalReview = (category: string) => REVIEWED_CATEGORIES.includes(category as Category);

export interface OfferingShape {
  startDate: string;
  endDate: string;
  registrationOpens: string;
  registrationCloses: string;
  capacity: number;
  enrolledCount?: number;
  quotas: { agencyId: number; seats: number }[];
  mode: 'offline' | 'online' | 'blended';
  provinceCode?: string | null;
  regencyCode?: string | null;
  onlineUrl?: string | null;
}

export function offeringErrors(o: OfferingShape, field = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  if (o.endDate < o.startDate) errors.push({ field: `${field}.endDate`, message: `is before the start date (${o.startDate})` });
  if (o.registrationCloses > o.startDate) errors.push({ field: `${field}.registrationCloses`, message: `is after the start date (${o.startDate}); registration must close by the start` });
  if (o.registrationOpens > o.registrationCloses) errors.push({ field: `${field}.registrationOpens`, message: `is after registrationCloses (${o.registrationCloses})` });
  if (!Number.isInteger(o.capacity) || o.capacity <= 0) errors.push({ field: `${field}.capacity`, message: 'must be a positive number of seats' });
  else if (o.enrolledCount && o.capacity < o.enrolledCount) errors.push({ field: `${field}.capacity`, message: `is below the ${o.enrolledCount} seats already taken` });
  const seen = new Set<number>();
  let total = 0;
  o.quotas.forEach((q, i) => {
    if (seen.has(q.agencyId)) errors.push({ field: `${field}.quotas.${i}.agencyId`, message: `agency ${q.agencyId} has two quotas` });
    seen.add(q.agencyId);
    if (!(q.seats > 0)) errors.push({ field: `${field}.quotas.${i}.seats`, message: 'must be a positive number of seats' });
    total += q.seats;
  });
  if (o.capacity > 0 && total > o.capacity) errors.push({ field: `${field}.quotas`, message: `add up to ${total} seats, above the capacity of ${o.capacity}` });
  if (o.mode !== 'online') {
    if (!o.provinceCode) errors.push({ field: `${field}.provinceCode`, message: `is required for ${o.mode} offerings` });
  }
  if (o.provinceCode) {
    const province = regionByCode(o.provinceCode);
    if (!province || province.kind !== 'province') errors.push({ field: `${field}.provinceCode`, message: `"${o.provinceCode}" is not a province code` });
  }
  if (o.regencyCode) {
    const regency = regionByCode(o.regencyCode);
    if (!regency || regency.kind === 'province') errors.push({ field: `${field}.regencyCode`, message: `"${o.regencyCode}" is not a regency or city code` });
    else if (o.provinceCode && regency.provinceCode !== o.provinceCode) errors.push({ field: `${field}.regencyCode`, message: `${regency.name} is not in province ${o.provinceCode}` });
    else if (!o.provinceCode) errors.push({ field: `${field}.provinceCode`, message: 'is required with a regencyCode' });
  }
  if (o.mode !== 'offline' && !o.onlineUrl) errors.push({ field: `${field}.onlineUrl`, message: `is required for ${o.mode} offerings` });
  return errors;
}

/** The calendar date of an instant in Indonesia's western time zone (WIB, UTC+7). */
export function dateInJakarta(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function sessionErrors(s: { startsAt: Date; endsAt: Date }, offering: { start_date: string; end_date: string }, field = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  if (!(s.endsAt > s.startsAt)) errors.push({ field: `${field}.endsAt`, message: 'is not after startsAt' });
  const startDay = dateInJakarta(s.startsAt);
  const endDay = dateInJakarta(s.endsAt);
  if (startDay < offering.start_date || startDay > offering.end_date) errors.push({ field: `${field}.startsAt`, message: `is outside the offering's dates (${offering.start_date} to ${offering.end_date})` });
  if (endDay < offering.start_date || endDay > offering.end_date) errors.push({ field: `${field}.endsAt`, message: `is outside the offering's dates (${offering.start_date} to ${offering.end_date})` });
  return errors;
}

export function accreditationStatus(validTo: string | null, today: string, warningDays = 90): 'valid' | 'expiring' | 'expired' | 'none' {
  if (!validTo) return 'none';
  if (validTo < today) return 'expired';
  const warnFrom = new Date(`${today}T00:00:00Z`);
  warnFrom.setUTCDate(warnFrom.getUTCDate() + warningDays);
  return validTo <= warnFrom.toISOString().slice(0, 10) ? 'expiring' : 'valid';
}

export const todayJakarta = (now = new Date()) => dateInJakarta(now);
