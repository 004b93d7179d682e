// The result cards of the in-process search engine: what a result shows of a programme, from
// catalog_search's `card` and `offerings` (migration 0035, kept exact by triggers) so a search
// reads no page details from the database. What depends on the day — accreditation states,
// which live offerings are upcoming — is computed per search from the database's today, as
// search-repository.ts `pageDetails` (the reference the tests compare with) computes it.
import type { PageDetail } from './search-repository.ts';

/** catalog_search.card as stored (the programme's stable part). */
export interface StoredCard {
  code: string;
  title_id: string;
  title_en: string | null;
  description_id: string | null;
  description_en: string | null;
  languages: string[];
  quality: string | null;
  accr_grade: string | null;
  accr_valid_from: string | null;
  provider: { id: number; code: string; name: string; kind: string; accr_valid_to: string | null };
  partners: PageDetail['partners'];
  competencies: PageDetail['competencies'];
}

/** One live offering: [id, start, end, mode, province, seats left, registration closes], by start then id. */
export type StoredOffering = [number, string, string, string, string | null, number, string];

/** A card with what the row adds (category, form, JP, seats, accreditation end). */
export interface Card {
  id: number;
  stored: StoredCard;
  category: string;
  learningForm: string;
  jp: number;
  seats: number;
  accrValidTo: string | null;
  offerings: StoredOffering[];
}

/** 'YYYY-MM-DD' → days since 1970-01-01 (the order of the dates). */
export const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** The accreditation state on `today` (day numbers) of an accreditation ending on `validTo`. */
export function accreditationState(validTo: number | null, today: number): 'none' | 'expired' | 'expiring' | 'valid' {
  return validTo === null ? 'none' : validTo < today ? 'expired' : validTo <= today + 90 ? 'expiring' : 'valid';
}

/** The page detail of a card on `today` ('YYYY-MM-DD', the database's date in Asia/Jakarta). */
export function detailOf(card: Card, today: string, todayDay: number): PageDetail {
  const s = card.stored;
  let upcoming = 0;
  let next: StoredOffering | null = null;
  for (const o of card.offerings) {
    if (o[1] < today) continue; // ISO dates compare as strings
    upcoming++;
    next ??= o;
  }
  const provider = s.provider;
  return {
    id: card.id,
    code: s.code,
    title_id: s.title_id,
    title_en: s.title_en,
    description_id: s.description_id,
    description_en: s.description_en,
    category: card.category,
    learning_form: card.learningForm,
    jp: card.jp,
    languages: s.languages,
    quality: s.quality,
    accr_grade: s.accr_grade,
    accr_valid_from: s.accr_valid_from,
    accr_valid_to: card.accrValidTo,
    accr: accreditationState(card.accrValidTo === null ? null : dayOf(card.accrValidTo), todayDay),
    seats_available: card.seats,
    provider: {
      id: provider.id,
      code: provider.code,
      name: provider.name,
      kind: provider.kind,
      accreditation_status: accreditationState(provider.accr_valid_to === null ? null : dayOf(provider.accr_valid_to), todayDay),
    },
    partners: s.partners,
    competencies: s.competencies,
    upcoming_offerings: upcoming,
    next_offering: next && { id: next[0], start_date: next[1], end_date: next[2], mode: next[3], province_code: next[4], seats_left: next[5], registration_closes: next[6] },
  };
}
