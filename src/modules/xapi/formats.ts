// The small data types of xAPI: IRIs, UUIDs, language tags, timestamps, durations, mailto IRIs.
// Pure functions, shared by statement validation, query parameters and documents.
import type { XapiVersion } from './version.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** RFC 4122 UUIDs: the variant bits must say RFC 4122 (8, 9, a, b). */
const UUID_RFC4122 = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v) && UUID_RFC4122.test(v);
}

/** An absolute IRI: a scheme, a colon, and no whitespace or characters IRIs exclude. */
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;

export function isIri(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 2048 && IRI.test(v) && !/^[a-z][a-z0-9+.-]*:$/i.test(v);
}

export function isMailto(v: unknown): v is string {
  return typeof v === 'string' && /^mailto:[^@\s:/]+@[^@\s]+\.[^@\s]+$/i.test(v);
}

export const isSha1Hex = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{40}$/i.test(v);

// RFC 5646 language tags (well-formedness: language, script, region, variants, extensions, private use).
const LANG_TAG = new RegExp(
  '^(?:' +
    '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})' + // language (+ extlang)
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|\\d{3}))?' + // region
    '(?:-(?:[a-z\\d]{5,8}|\\d[a-z\\d]{3}))*' + // variants
    '(?:-[\\da-wy-z](?:-[a-z\\d]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z\\d]{1,8})+)?' + // private use
    '|x(?:-[a-z\\d]{1,8})+' + // private use only
    '|i-[a-z]{2,8}' + // grandfathered irregular (simplified)
    ')$',
  'i',
);

export const isLanguageTag = (v: unknown): v is string => typeof v === 'string' && LANG_TAG.test(v);

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an xAPI timestamp. 1.0.3 takes ISO 8601 date-times; 2.0.0 takes RFC 3339 ones.
 * A "-00:00" offset (unknown local offset) is refused in both. Returns null when invalid.
 */
export function parseTimestamp(v: unknown, version: XapiVersion): Date | null {
  if (typeof v !== 'string') return null;
  const m = ISO_DATETIME.exec(v);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (v[10] === ' ' && version === '1.0.3') return null;
  if (zone && /^-00(:?00)?$/.test(zone)) return null;
  if (version === '2.0.0' && (!zone || s === undefined)) {
    // RFC 3339 needs seconds and an offset; an absent offset is read as UTC but still accepted
    // by 1.0.3. 2.0.0 refuses it.
    if (!zone) return null;
  }
  const month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits[0] === '-' ? -1 : 1;
    const oh = Number(digits.slice(1, 3));
    const om = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const utc = Date.UTC(Number(y), month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return null;
  // Reject impossible calendar dates such as 2023-02-30.
  const check = new Date(Date.UTC(Number(y), month - 1, day));
  if (check.getUTCDate() !== day) return null;
  return date;
}

const DURATION_WEEKS = /^P\d+(?:[.,]\d+)?W$/;
const DURATION = /^P(?=\d|T\d)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?$/;

export const isDuration = (v: unknown): v is string => typeof v === 'string' && (DURATION.test(v) || DURATION_WEEKS.test(v));

/** Duration in seconds (for completion plausibility later); months and years are approximations. */
export function durationSeconds(v: string): number {
  const m = /^P(?:([\d.,]+)Y)?(?:([\d.,]+)M)?(?:([\d.,]+)W)?(?:([\d.,]+)D)?(?:T(?:([\d.,]+)H)?(?:([\d.,]+)M)?(?:([\d.,]+)S)?)?$/.exec(v);
  if (!m) return 0;
  const n = (x: string | undefined) => (x ? Number(x.replace(',', '.')) : 0);
  return n(m[1]) * 31_536_000 + n(m[2]) * 2_592_000 + n(m[3]) * 604_800 + n(m[4]) * 86_400 + n(m[5]) * 3600 + n(m[6]) * 60 + n(m[7]);
}

/** Media type syntax (RFC 6838), parameters allowed. */
export const isMediaType = (v: unknown): v is string =>
  typeof v === 'string' && /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;.*)?$/i.test(v);
