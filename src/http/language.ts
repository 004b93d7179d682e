// The language of an answer's human texts, from the request's Accept-Language. The web app sends
// its current language. Problems (titles, validation messages) default to English, the stable
// default for machine-read messages; content such as recommendation reasons defaults to Indonesian.
export type Language = 'id' | 'en';

/** The first of id/en in Accept-Language order of preference (q-values honoured); `fallback` when neither. */
export function preferredLanguage(header: string | string[] | undefined, fallback: Language = 'en'): Language {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return fallback;
  let best: { lang: Language; q: number } | undefined;
  for (const part of text.split(',').slice(0, 20)) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'id' && primary !== 'en' && primary !== 'in') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Language = primary === 'en' ? 'en' : 'id';
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? fallback;
}

const MONTHS: Record<Language, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** A calendar date ('YYYY-MM-DD…') as people write it: "12 Januari 2027", "12 January 2027". */
export function formatDate(iso: string, lang: Language): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[lang][m - 1]} ${y}`;
}
