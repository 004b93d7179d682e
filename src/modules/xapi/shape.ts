// What the LRS derives from a valid statement: agent identifiers, the agents and activities a
// statement mentions (for the query indexes), the ids/canonical output formats, and the
// "same statement" comparison used when an id is sent twice.
import { isObject, type Json, type JsonObject } from './formats.ts';
import { VOIDED_VERB } from './validate.ts';

/** The inverse functional identifier of an agent or identified group, as one indexable string. */
export function ifiOf(agent: JsonObject): string | null {
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  if (isObject(agent.account)) return `account:${JSON.stringify([agent.account.homePage, agent.account.name])}`;
  return null;
}

export interface Mentions {
  /** [ifi, direct] pairs */
  agents: Map<string, boolean>;
  /** [activity id, direct] pairs */
  activities: Map<string, boolean>;
  /** Agent objects by ifi, for the actor register. */
  agentObjects: Map<string, JsonObject>;
  /** Activity definitions by id (those that carry one), for the activity register. */
  definitions: Map<string, JsonObject | null>;
}

function addAgent(m: Mentions, who: Json | undefined, direct: boolean): void {
  if (!isObject(who)) return;
  const ifi = ifiOf(who);
  if (ifi) {
    if (direct || !m.agents.has(ifi)) m.agents.set(ifi, direct || m.agents.get(ifi) === true);
    if (!m.agentObjects.has(ifi) && who.objectType !== 'Group') m.agentObjects.set(ifi, who);
  }
  // Members of a group are related agents of the statement (for related_agents queries).
  if (Array.isArray(who.member)) for (const member of who.member) addAgent(m, member, false);
}

function addActivity(m: Mentions, activity: Json | undefined, direct: boolean): void {
  if (!isObject(activity) || typeof activity.id !== 'string') return;
  m.activities.set(activity.id, direct || m.activities.get(activity.id) === true);
  const definition = isObject(activity.definition) ? activity.definition : null;
  if (!m.definitions.has(activity.id) || definition) m.definitions.set(activity.id, definition);
}

function addBody(m: Mentions, s: JsonObject, top: boolean): void {
  addAgent(m, s.actor, top);
  const object = s.object;
  if (isObject(object)) {
    const type = object.objectType ?? 'Activity';
    if (type === 'Activity') addActivity(m, object, top);
    else if (type === 'Agent' || type === 'Group') addAgent(m, object, top);
    else if (type === 'SubStatement') addBody(m, object, false);
  }
  const context = s.context;
  if (isObject(context)) {
    addAgent(m, context.instructor, false);
    addAgent(m, context.team, false);
    if (isObject(context.contextActivities)) {
      for (const list of Object.values(context.contextActivities)) {
        for (const a of Array.isArray(list) ? list : [list]) addActivity(m, a, false);
      }
    }
    if (Array.isArray(context.contextAgents)) for (const c of context.contextAgents) if (isObject(c)) addAgent(m, c.agent, false);
    if (Array.isArray(context.contextGroups)) for (const c of context.contextGroups) if (isObject(c)) addAgent(m, c.group, false);
  }
}

export function mentionsOf(statement: JsonObject): Mentions {
  const m: Mentions = { agents: new Map(), activities: new Map(), agentObjects: new Map(), definitions: new Map() };
  addBody(m, statement, true);
  addAgent(m, statement.authority, false);
  return m;
}

export function objectActivityId(statement: JsonObject): string | null {
  const o = statement.object;
  return isObject(o) && (o.objectType ?? 'Activity') === 'Activity' && typeof o.id === 'string' ? o.id : null;
}

export function voidingTarget(statement: JsonObject): string | null {
  const verb = statement.verb;
  const o = statement.object;
  if (isObject(verb) && verb.id === VOIDED_VERB && isObject(o) && o.objectType === 'StatementRef' && typeof o.id === 'string') return o.id.toLowerCase();
  return null;
}

export function registrationOf(statement: JsonObject): string | null {
  const c = statement.context;
  return isObject(c) && typeof c.registration === 'string' ? c.registration.toLowerCase() : null;
}

/** Context activities are always stored as arrays, even when sent as a single activity. */
export function normalizeStatement(s: JsonObject): JsonObject {
  const out: JsonObject = { ...s };
  const fix = (context: Json | undefined): Json | undefined => {
    if (!isObject(context) || !isObject(context.contextActivities)) return context;
    const ca: JsonObject = {};
    for (const [k, v] of Object.entries(context.contextActivities)) ca[k] = Array.isArray(v) ? v : [v];
    return { ...context, contextActivities: ca };
  };
  if (isObject(out.context)) out.context = fix(out.context)!;
  if (isObject(out.object) && out.object.objectType === 'SubStatement' && isObject(out.object.context)) {
    out.object = { ...out.object, context: fix(out.object.context)! };
  }
  return out;
}

// --- output formats ------------------------------------------------------------------------

function idsAgent(a: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (a.objectType) out.objectType = a.objectType;
  for (const k of ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const) if (k in a) out[k] = a[k];
  if (a.objectType === 'Group' && !ifiOf(a) && Array.isArray(a.member)) out.member = a.member.map((m) => (isObject(m) ? idsAgent(m) : m));
  return out;
}

function idsObject(o: JsonObject): JsonObject {
  const type = o.objectType ?? 'Activity';
  if (type === 'Activity') return { id: o.id };
  if (type === 'Agent' || type === 'Group') return idsAgent(o);
  if (type === 'SubStatement') return idsBody(o);
  return o;
}

function idsBody(s: JsonObject): JsonObject {
  const out: JsonObject = { ...s };
  if (isObject(s.actor)) out.actor = idsAgent(s.actor);
  if (isObject(s.verb)) out.verb = { id: s.verb.id };
  if (isObject(s.object)) out.object = idsObject(s.object);
  if (isObject(s.authority)) out.authority = idsAgent(s.authority);
  if (isObject(s.context)) {
    const c: JsonObject = { ...s.context };
    if (isObject(c.instructor)) c.instructor = idsAgent(c.instructor);
    if (isObject(c.team)) c.team = idsAgent(c.team);
    if (isObject(c.contextActivities)) {
      c.contextActivities = Object.fromEntries(
        Object.entries(c.contextActivities).map(([k, v]) => [k, Array.isArray(v) ? v.map((a) => (isObject(a) ? { id: a.id } : a)) : v]),
      );
    }
    out.context = c;
  }
  return out;
}

export const toIdsFormat = (s: JsonObject): JsonObject => idsBody(s);

/** Picks one language of a language map, by the Accept-Language preferences. */
function pickLanguage(map: JsonObject, languages: string[]): JsonObject {
  const tags = Object.keys(map);
  if (tags.length <= 1) return map;
  for (const want of languages) {
    const hit = tags.find((t) => t.toLowerCase() === want) ?? tags.find((t) => t.toLowerCase().split('-')[0] === want.split('-')[0]);
    if (hit) return { [hit]: map[hit] };
  }
  return { [tags[0]]: map[tags[0]] };
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

function canonical(value: Json, languages: string[], key = ''): Json {
  if (Array.isArray(value)) return value.map((v) => canonical(v, languages));
  if (!isObject(value)) return value;
  if (LANGUAGE_MAP_KEYS.has(key) && Object.values(value).every((v) => typeof v === 'string')) return pickLanguage(value, languages);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'extensions' ? v : canonical(v, languages, k);
  return out;
}

/** Parses Accept-Language into lower-case tags in preference order. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1 };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

export const toCanonicalFormat = (s: JsonObject, languages: string[]): JsonObject => canonical(s, languages) as JsonObject;

// --- comparison ----------------------------------------------------------------------------

/** Properties the LRS sets (or may change) that do not make two statements different. */
const LRS_SET = new Set(['stored', 'authority', 'version', 'id']);

function normal(value: Json, top = false): Json {
  if (Array.isArray(value)) return value.map((v) => normal(v));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const k of Object.keys(value).sort()) {
    if (top && LRS_SET.has(k)) continue;
    let v = value[k];
    if (k === 'timestamp' && typeof v === 'string') v = new Date(v).toISOString();
    if (k === 'mbox' && typeof v === 'string') v = v.toLowerCase();
    if (k === 'duration' && typeof v === 'string') v = v.replace(/(\d+)[.,](\d+)S$/, (_m, s: string, f: string) => `${s}.${f.slice(0, 2).padEnd(2, '0')}S`).replace(/\.00S$/, 'S');
    out[k] = normal(v);
  }
  return out;
}

/** Whether a statement sent again with the same id matches the stored one. */
export function sameStatement(a: JsonObject, b: JsonObject): boolean {
  return JSON.stringify(normal(a, true)) === JSON.stringify(normal(b, true));
}

/** Whether `incoming` (as sent) matches `stored`; a timestamp the LRS filled in does not count. */
export function matchesStored(stored: JsonObject, incoming: JsonObject): boolean {
  if (incoming.timestamp === undefined) {
    const { timestamp: _t, ...rest } = stored;
    return sameStatement(rest, incoming);
  }
  return sameStatement(stored, incoming);
}
