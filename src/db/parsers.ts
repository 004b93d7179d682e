// The same JS types from both back ends: PGlite and node-postgres disagree on defaults
// (int8 as string vs bigint, numeric as number vs string, date as Date), so both get these.
export const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  json: 114,
  jsonb: 3802,
} as const;

/** int8 becomes a JS number; counts and ids stay far below 2^53. Larger values are refused, not rounded. */
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} is outside the safe integer range`);
  return n;
}

export const typeParsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: parseInt8,
  // numeric stays a string so no precision is lost; callers convert where they know the scale.
  [OID.numeric]: (value) => value,
  // A calendar date has no time zone: keep 'YYYY-MM-DD'.
  [OID.date]: (value) => value,
  [OID.timestamptz]: (value) => new Date(value),
  [OID.timestamp]: (value) => new Date(`${value.replace(' ', 'T')}Z`),
  [OID.json]: (value) => JSON.parse(value),
  [OID.jsonb]: (value) => JSON.parse(value),
};
