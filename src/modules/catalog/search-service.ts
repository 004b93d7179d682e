// Catalogue search for everyone (public, no personal data): text in Indonesian or English
// that tolerates typos and word forms, disjunctive facets with counts, sorting, pages.
import type { Deps } from '../../context.ts';
import { problems } from '../../http/problem.ts';
import { DICTIONARY_V1 } from '../competency/dictionary-v1.ts';
import * as repo from './repository.ts';
import * as searchRepo from './search-repository.ts';
import { searchIndexOf } from './search-index.ts';

export interface SearchInput extends searchRepo.SearchFilters {
  q?: string;
  sort?: searchRepo.SearchSort;
  page?: number;
  pageSize?: number;
}

const MAX_WORDS = 8;
/** Below this trigram similarity a catalogue word is not taken as what the user meant. */
const MIN_SIMILARITY = 0.3;

/** Query words: lower case, accents and punctuation dropped. */
export function queryWords(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && w.length <= 40);
  return [...new Set(words)].slice(0, MAX_WORDS);
}

const lexicon = new WeakMap<Deps['db'], Set<string>>();
/** Words this process has seen in catalog_lexicon (per database handle; bounded by the word list's size). */
function knownWords(db: Deps['db']): Set<string> {
  let words = lexicon.get(db);
  if (!words) lexicon.set(db, (words = new Set()));
  return words;
}

/**
 * Each word with what it is searched as: itself (its stems may match even when the exact word
 * is not in the catalogue, e.g. "berlatih" → latih) plus, when the catalogue does not have the
 * word, its nearest catalogue words (typos). A word with neither is dropped.
 */
export async function expandWords(deps: Deps, words: string[]) {
  return (await expandWordsWith(deps, words)).value;
}

/** Whether every word is one this process has found in catalog_lexicon (its expansion is then itself: no look-up). */
function allKnown(deps: Deps, words: string[]): boolean {
  const known = knownWords(deps.db);
  return words.every((w) => w.length < 3 || known.has(w));
}

/** expandWords, and whether the answer came from catalog_lexicon alone (not from the catalogue's texts). */
export async function expandWordsWith(deps: Deps, words: string[]) {
  const long = words.filter((w) => w.length >= 3);
  // Words are never removed from catalog_lexicon, so a word once found there is there for good:
  // when every word is one of those, the answer needs no look-up (it is "the word itself").
  const known = knownWords(deps.db);
  const near = long.every((w) => known.has(w)) ? long.map((w) => ({ tok: w, word: w, sim: 1 })) : await searchRepo.nearestWords(deps.db, long);
  for (const n of near) if (n.word === n.tok) known.add(n.word);
  const terms = words.map((term) => {
    if (term.length < 3) return { term, matched: [term] };
    const candidates = near.filter((n) => n.tok === term).sort((a, b) => b.sim - a.sim);
    if (candidates.some((c) => c.word === term)) return { term, matched: [term] };
    return { term, matched: [term, ...candidates.filter((c) => c.sim >= MIN_SIMILARITY).slice(0, 3).map((c) => c.word)] };
  });
  // A word the catalogue lacks and nothing resembles stays only if its stems match something.
  const lonely = terms.filter((t) => t.term.length >= 3 && t.matched.length === 1 && !near.some((n) => n.tok === t.term && n.word === t.term));
  if (lonely.length) {
    const found = new Set(await searchRepo.wordsThatMatch(deps.db, lonely.map((t) => t.term)));
    for (const t of lonely) if (!found.has(t.term)) t.matched = [];
  }
  return { value: terms, lexiconOnly: lonely.length === 0 };
}

const pairs = (rows: [string, number][]) => rows.map(([value, count]) => ({ value: String(value), count: Number(count) }));

export async function searchCatalogue(deps: Deps, input: SearchInput) {
  if (input.jpMin !== undefined && input.jpMax !== undefined && input.jpMin > input.jpMax) {
    throw problems.validation([{ field: 'querystring.jpMax', message: `is below jpMin (${input.jpMin})` }]);
  }
  if (input.startFrom && input.startTo && input.startFrom > input.startTo) {
    throw problems.validation([{ field: 'querystring.startTo', message: `is before startFrom (${input.startFrom})` }]);
  }
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const text = input.q?.trim() || null;
  const engine = deps.config.catalogSearchEngine !== 'sql';
  const words = text ? queryWords(text) : [];
  // Words this process has not met (typos): their suggestions, held by the engine until the word
  // list grows, as of a sync that started after this search arrived (so the text hits need no other).
  const synced = engine && text !== null && !allKnown(deps, words);
  const terms = !text ? [] : synced ? await searchIndexOf(deps.db).freshWords(words.join(' '), () => expandWordsWith(deps, words)) : await expandWords(deps, words);
  const used = terms.filter((t) => t.matched.length > 0);
  const ignored = terms.filter((t) => t.matched.length === 0).map((t) => t.term);
  // Words that match nothing in the catalogue are dropped (and reported) rather than emptying the result.
  const tsquery = used.length ? searchRepo.tsqueryOf(used.map((t) => t.matched)) : null;
  const noMatchAtAll = text !== null && used.length === 0;
  let row: searchRepo.SearchRow | null = null;
  let details: searchRepo.PageDetail[] = [];
  if (!noMatchAtAll && !engine) {
    row = await searchRepo.search(deps.db, { tsquery, filters: input, sort: input.sort ?? 'relevance', limit: pageSize, offset: (page - 1) * pageSize });
    details = await searchRepo.pageDetails(deps.db, row.page.map(([id]) => Number(id)));
  } else if (!noMatchAtAll) {
    const index = searchIndexOf(deps.db);
    // the text hits as of a sync that started after this search arrived (held per query text while nothing changes)
    let hits: searchRepo.TextHits | null = null;
    if (tsquery) hits = await index.freshHits(JSON.stringify(used.map((t) => t.matched)), () => searchRepo.textHits(deps.db, tsquery), synced);
    else if (!synced) await index.fresh();
    row = index.search({ hits, filters: input, sort: input.sort ?? 'relevance', limit: pageSize, offset: (page - 1) * pageSize });
    // the page's cards from the same synced state, no statement (search-cards.ts)
    details = index.details(row.page.map(([id]) => id));
  }
  const scores = new Map(row ? row.page.map(([id, score]) => [Number(id), Number(score)]) : []);
  return {
    total: row?.total ?? 0,
    page,
    page_size: pageSize,
    query: { text, terms, ignored },
    items: details.map((d) => ({
      id: d.id,
      code: d.code,
      title_id: d.title_id,
      title_en: d.title_en,
      summary_id: d.description_id,
      summary_en: d.description_en,
      category: d.category,
      learning_form: d.learning_form,
      jp: d.jp,
      languages: d.languages,
      quality: d.quality === null ? null : Number(d.quality),
      score: Math.round((scores.get(d.id) ?? 0) * 1e6) / 1e6,
      competencies: d.competencies,
      provider: d.provider,
      partners: d.partners,
      accreditation: { grade: d.accr_grade, valid_from: d.accr_valid_from, valid_to: d.accr_valid_to, status: d.accr },
      upcoming_offerings: d.upcoming_offerings,
      seats_available: d.seats_available,
      next_offering: d.next_offering,
    })),
    facets: {
      competency: pairs(row?.competency ?? []),
      category: pairs(row?.category ?? []),
      learning_form: pairs(row?.learning_form ?? []),
      provider_kind: pairs(row?.provider_kind ?? []),
      accreditation: pairs(row?.accreditation ?? []),
      jp: pairs(row?.jp ?? []),
      delivery: pairs(row?.delivery ?? []),
      province: pairs(row?.province ?? []),
      seats: pairs(row?.seats ?? []),
    },
  };
}

const names = new Map(DICTIONARY_V1.map((c) => [c.code, { id: c.nameId, en: c.nameEn }]));

/** Published programmes that develop competency `code` from level `from` to level `to` (their range covers it). For planning. */
export async function programmesDeveloping({ db }: Deps, code: string, q: { from: number; to: number; limit: number; offset: number }) {
  if (q.from > q.to) throw problems.validation([{ field: 'querystring.to', message: `is below from (${q.from})` }]);
  const rows = await repo.programmesDeveloping(db, { code, ...q });
  return {
    competency: { code, name_id: names.get(code)?.id ?? null, name_en: names.get(code)?.en ?? null },
    from: q.from,
    to: q.to,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      title_id: r.title_id,
      title_en: r.title_en,
      category: r.category,
      learning_form: r.learning_form,
      jp: r.jp,
      quality: r.quality === null ? null : Number(r.quality),
      level_from: r.level_from,
      level_to: r.level_to,
      next_start: r.next_start,
      seats_available: r.seats_available,
      provider: { code: r.provider_code, name: r.provider_name, kind: r.provider_kind },
      accreditation_status: r.accreditation_status as 'valid',
    })),
  };
}
