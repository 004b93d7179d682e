// Statement validation: every rule of the xAPI data model the LRS must enforce, for 1.0.3 and
// 2.0.0. The first broken rule throws a 400 whose message names the property at fault, e.g.
// `statement.context.instructor.mbox: must be a "mailto:" IRI`.
import { bad } from './errors.ts';
import {
  isDuration, isIri, isLanguageTag, isMailto, isMediaType, isObject, isSha1Hex, isUuid, parseTimestamp,
  type Json, type JsonObject,
} from './formats.ts';
import { statementVersionAccepted, type XapiVersion } from './version.ts';

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];
const COMPONENT_LISTS: Record<string, string[]> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps'],
};
const ALL_COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];

class Check {
  readonly version: XapiVersion;
  constructor(version: XapiVersion) {
    this.version = version;
  }

  fail(path: string, message: string): never {
    throw bad(`${path}: ${message}`);
  }

  object(v: unknown, path: string): JsonObject {
    if (!isObject(v)) this.fail(path, v === null ? 'must not be null' : 'must be a JSON object');
    return v;
  }

  keys(o: JsonObject, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.fail(`${path}.${k}`, 'is not a property of this object in xAPI');
      if (o[k] === null) this.fail(`${path}.${k}`, 'must not be null');
    }
  }

  required(o: JsonObject, key: string, path: string): Json {
    if (!(key in o)) this.fail(`${path}.${key}`, 'is required');
    return o[key];
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'must be a string');
    return v;
  }

  boolean(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, 'must be true or false');
    return v;
  }

  number(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, 'must be a number');
    return v;
  }

  iri(v: unknown, path: string): string {
    if (!isIri(v)) this.fail(path, 'must be an absolute IRI (e.g. "http://example.com/x")');
    return v;
  }

  uuid(v: unknown, path: string): string {
    if (!isUuid(v)) this.fail(path, 'must be a UUID (RFC 4122)');
    return v;
  }

  languageMap(v: unknown, path: string): void {
    const map = this.object(v, path);
    for (const [tag, text] of Object.entries(map)) {
      if (!isLanguageTag(tag)) this.fail(`${path}.${tag}`, 'is not an RFC 5646 language tag');
      if (typeof text !== 'string') this.fail(`${path}.${tag}`, 'must be a string');
    }
  }

  extensions(v: unknown, path: string): void {
    const map = this.object(v, path);
    for (const key of Object.keys(map)) if (!isIri(key)) this.fail(`${path}.${key}`, 'extension keys must be IRIs');
  }

  timestamp(v: unknown, path: string): void {
    if (parseTimestamp(v, this.version) === null) {
      this.fail(path, this.version === '2.0.0' ? 'must be an RFC 3339 timestamp with a time zone offset (not -00:00)' : 'must be an ISO 8601 timestamp (not with a -00:00 offset)');
    }
  }

  // --- actors -------------------------------------------------------------------------------

  /** Checks the inverse functional identifiers of an agent or group; returns how many there are. */
  ifis(o: JsonObject, path: string): number {
    let count = 0;
    if ('mbox' in o) {
      count++;
      if (!isMailto(o.mbox)) this.fail(`${path}.mbox`, 'must be a "mailto:" IRI with an e-mail address');
    }
    if ('mbox_sha1sum' in o) {
      count++;
      if (!isSha1Hex(o.mbox_sha1sum)) this.fail(`${path}.mbox_sha1sum`, 'must be the hex SHA-1 of a mailto IRI');
    }
    if ('openid' in o) {
      count++;
      this.iri(o.openid, `${path}.openid`);
    }
    if ('account' in o) {
      count++;
      const account = this.object(o.account, `${path}.account`);
      this.keys(account, `${path}.account`, ['homePage', 'name']);
      this.iri(this.required(account, 'homePage', `${path}.account`), `${path}.account.homePage`);
      this.string(this.required(account, 'name', `${path}.account`), `${path}.account.name`);
    }
    return count;
  }

  agent(v: unknown, path: string): void {
    const o = this.object(v, path);
    this.keys(o, path, ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account']);
    if ('objectType' in o && o.objectType !== 'Agent') this.fail(`${path}.objectType`, 'must be "Agent"');
    if ('name' in o) this.string(o.name, `${path}.name`);
    const n = this.ifis(o, path);
    if (n !== 1) this.fail(path, n === 0 ? 'an Agent needs exactly one identifier (mbox, mbox_sha1sum, openid or account)' : 'an Agent must have only one identifier (mbox, mbox_sha1sum, openid or account)');
  }

  group(v: unknown, path: string): void {
    const o = this.object(v, path);
    this.keys(o, path, ['objectType', 'name', 'member', 'mbox', 'mbox_sha1sum', 'openid', 'account']);
    if (o.objectType !== 'Group') this.fail(`${path}.objectType`, 'must be "Group"');
    if ('name' in o) this.string(o.name, `${path}.name`);
    const n = this.ifis(o, path);
    if (n > 1) this.fail(path, 'a Group must have at most one identifier');
    if ('member' in o) {
      if (!Array.isArray(o.member)) this.fail(`${path}.member`, 'must be an array of Agents');
      o.member.forEach((m, i) => {
        if (isObject(m) && m.objectType === 'Group') this.fail(`${path}.member[${i}]`, 'a Group member must be an Agent, not a Group');
        this.agent(m, `${path}.member[${i}]`);
      });
    }
    if (n === 0) {
      if (!Array.isArray(o.member)) this.fail(`${path}.member`, 'an anonymous Group needs a member list');
      if (o.member.length === 0) this.fail(`${path}.member`, 'an anonymous Group needs at least one member');
    }
  }

  actor(v: unknown, path: string): void {
    const o = this.object(v, path);
    if (o.objectType === 'Group') this.group(o, path);
    else this.agent(o, path);
  }

  // --- verb, objects ------------------------------------------------------------------------

  verb(v: unknown, path: string): void {
    const o = this.object(v, path);
    this.keys(o, path, ['id', 'display']);
    this.iri(this.required(o, 'id', path), `${path}.id`);
    if ('display' in o) this.languageMap(o.display, `${path}.display`);
  }

  components(v: unknown, path: string): void {
    if (!Array.isArray(v)) this.fail(path, 'must be an array of interaction components');
    const ids = new Set<string>();
    v.forEach((c, i) => {
      const p = `${path}[${i}]`;
      const o = this.object(c, p);
      this.keys(o, p, ['id', 'description']);
      const id = this.string(this.required(o, 'id', p), `${p}.id`);
      if (id.trim() === '' || /\s/.test(id)) this.fail(`${p}.id`, 'must be a non-empty string without whitespace');
      if (ids.has(id)) this.fail(`${p}.id`, `duplicates the id "${id}" in this list`);
      ids.add(id);
      if ('description' in o) this.languageMap(o.description, `${p}.description`);
    });
  }

  definition(v: unknown, path: string): void {
    const o = this.object(v, path);
    this.keys(o, path, ['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType', 'correctResponsesPattern', ...ALL_COMPONENT_LISTS]);
    if ('name' in o) this.languageMap(o.name, `${path}.name`);
    if ('description' in o) this.languageMap(o.description, `${path}.description`);
    if ('type' in o) this.iri(o.type, `${path}.type`);
    if ('moreInfo' in o) this.iri(o.moreInfo, `${path}.moreInfo`);
    if ('extensions' in o) this.extensions(o.extensions, `${path}.extensions`);
    const type = o.interactionType;
    if ('interactionType' in o && (typeof type !== 'string' || !INTERACTION_TYPES.includes(type))) {
      this.fail(`${path}.interactionType`, `must be one of ${INTERACTION_TYPES.join(', ')}`);
    }
    if ('correctResponsesPattern' in o) {
      if (!('interactionType' in o)) this.fail(`${path}.correctResponsesPattern`, 'needs an interactionType');
      const pattern = o.correctResponsesPattern;
      if (!Array.isArray(pattern) || pattern.some((p) => typeof p !== 'string')) this.fail(`${path}.correctResponsesPattern`, 'must be an array of strings');
    }
    for (const list of ALL_COMPONENT_LISTS) {
      if (!(list in o)) continue;
      if (typeof type !== 'string') this.fail(`${path}.${list}`, 'needs an interactionType');
      if (!(COMPONENT_LISTS[type] ?? []).includes(list)) this.fail(`${path}.${list}`, `is not allowed with interactionType "${type}"`);
      this.components(o[list], `${path}.${list}`);
    }
  }

  activity(v: unknown, path: string): void {
    const o = this.object(v, path);
    this.keys(o, path, ['objectType', 'id', 'definition']);
    if ('objectType' in o && o.objectType !== 'Activity') this.fail(`${path}.objectType`, 'must be "Activity"');
    this.iri(this.required(o, 'id', path), `${path}.id`);
    if ('definition' in o) this.definition(o.definition, `${path}.definition`);
  }

  statementRef(v: unknown, path: string): void {
    const o = this.object(v, path);
    this.keys(o, path, ['objectType', 'id']);
    if (o.objectType !== 'StatementRef') this.fail(`${path}.objectType`, 'must be "StatementRef"');
    this.uuid(this.required(o, 'id', path), `${path}.id`);
  }

  object_(v: unknown, path: string, inSubStatement: boolean): void {
    const o = this.object(v, path);
    const type = 'objectType' in o ? o.objectType : 'Activity';
    switch (type) {
      case 'Activity':
        return this.activity(o, path);
      case 'Agent':
        return this.agent(o, path);
      case 'Group':
        return this.group(o, path);
      case 'StatementRef':
        return this.statementRef(o, path);
      case 'SubStatement':
        if (inSubStatement) this.fail(`${path}.objectType`, 'a SubStatement must not contain a SubStatement');
        return this.subStatement(o, path);
      default:
        this.fail(`${path}.objectType`, 'must be Activity, Agent, Group, StatementRef or SubStatement');
    }
  }

  // --- result, context, attachments ---------------------------------------------------------

  result(v: unknown, path: string): void {
    const o = this.object(v, path);
    this.keys(o, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
    if ('score' in o) {
      const p = `${path}.score`;
      const s = this.object(o.score, p);
      this.keys(s, p, ['scaled', 'raw', 'min', 'max']);
      for (const k of ['scaled', 'raw', 'min', 'max']) if (k in s) this.number(s[k], `${p}.${k}`);
      const { scaled, raw, min, max } = s as Record<string, number | undefined>;
      if (scaled !== undefined && (scaled < -1 || scaled > 1)) this.fail(`${p}.scaled`, 'must be between -1 and 1');
      if (min !== undefined && max !== undefined && min > max) this.fail(`${p}.min`, 'must not be greater than max');
      if (raw !== undefined && min !== undefined && raw < min) this.fail(`${p}.raw`, 'must not be less than min');
      if (raw !== undefined && max !== undefined && raw > max) this.fail(`${p}.raw`, 'must not be greater than max');
    }
    if ('success' in o) this.boolean(o.success, `${path}.success`);
    if ('completion' in o) this.boolean(o.completion, `${path}.completion`);
    if ('response' in o) this.string(o.response, `${path}.response`);
    if ('duration' in o && !isDuration(o.duration)) this.fail(`${path}.duration`, 'must be an ISO 8601 duration (e.g. "PT1H30M")');
    if ('extensions' in o) this.extensions(o.extensions, `${path}.extensions`);
  }

  contextActivities(v: unknown, path: string): void {
    const o = this.object(v, path);
    this.keys(o, path, ['parent', 'grouping', 'category', 'other']);
    for (const [k, list] of Object.entries(o)) {
      if (Array.isArray(list)) list.forEach((a, i) => this.activity(a, `${path}.${k}[${i}]`));
      else this.activity(list, `${path}.${k}`);
    }
  }

  context(v: unknown, path: string, objectIsActivity: boolean): void {
    const o = this.object(v, path);
    const allowed = ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions'];
    if (this.version === '2.0.0') allowed.push('contextAgents', 'contextGroups');
    this.keys(o, path, allowed);
    if ('registration' in o) this.uuid(o.registration, `${path}.registration`);
    if ('instructor' in o) this.actor(o.instructor, `${path}.instructor`);
    if ('team' in o) {
      if (!isObject(o.team) || o.team.objectType !== 'Group') this.fail(`${path}.team`, 'must be a Group');
      this.group(o.team, `${path}.team`);
    }
    if ('contextActivities' in o) this.contextActivities(o.contextActivities, `${path}.contextActivities`);
    if ('revision' in o) {
      this.string(o.revision, `${path}.revision`);
      if (!objectIsActivity) this.fail(`${path}.revision`, 'may only be used when the object is an Activity');
    }
    if ('platform' in o) {
      this.string(o.platform, `${path}.platform`);
      if (!objectIsActivity) this.fail(`${path}.platform`, 'may only be used when the object is an Activity');
    }
    if ('language' in o && !isLanguageTag(o.language)) this.fail(`${path}.language`, 'must be an RFC 5646 language tag');
    if ('statement' in o) this.statementRef(o.statement, `${path}.statement`);
    if ('extensions' in o) this.extensions(o.extensions, `${path}.extensions`);
    if ('contextAgents' in o) {
      const list = o.contextAgents;
      if (!Array.isArray(list)) this.fail(`${path}.contextAgents`, 'must be an array');
      list.forEach((c, i) => this.contextActor(c, `${path}.contextAgents[${i}]`, 'contextAgent', 'agent'));
    }
    if ('contextGroups' in o) {
      const list = o.contextGroups;
      if (!Array.isArray(list)) this.fail(`${path}.contextGroups`, 'must be an array');
      list.forEach((c, i) => this.contextActor(c, `${path}.contextGroups[${i}]`, 'contextGroup', 'group'));
    }
  }

  contextActor(v: unknown, path: string, objectType: string, key: 'agent' | 'group'): void {
    const o = this.object(v, path);
    this.keys(o, path, ['objectType', key, 'relevantTypes']);
    if (o.objectType !== objectType) this.fail(`${path}.objectType`, `must be "${objectType}"`);
    const who = this.required(o, key, path);
    if (key === 'agent') this.agent(who, `${path}.agent`);
    else this.group(who, `${path}.group`);
    if ('relevantTypes' in o) {
      const types = o.relevantTypes;
      if (!Array.isArray(types) || types.length === 0) this.fail(`${path}.relevantTypes`, 'must be a non-empty array of IRIs');
      types.forEach((t, i) => this.iri(t, `${path}.relevantTypes[${i}]`));
    }
  }

  attachments(v: unknown, path: string): void {
    if (!Array.isArray(v)) this.fail(path, 'must be an array');
    v.forEach((a, i) => {
      const p = `${path}[${i}]`;
      const o = this.object(a, p);
      this.keys(o, p, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl']);
      this.iri(this.required(o, 'usageType', p), `${p}.usageType`);
      this.languageMap(this.required(o, 'display', p), `${p}.display`);
      if ('description' in o) this.languageMap(o.description, `${p}.description`);
      if (!isMediaType(this.required(o, 'contentType', p))) this.fail(`${p}.contentType`, 'must be an Internet media type');
      const length = this.required(o, 'length', p);
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) this.fail(`${p}.length`, 'must be a non-negative integer');
      const sha2 = this.required(o, 'sha2', p);
      if (typeof sha2 !== 'string' || !/^[0-9a-f]{56}$|^[0-9a-f]{64}$|^[0-9a-f]{96}$|^[0-9a-f]{128}$/i.test(sha2)) this.fail(`${p}.sha2`, 'must be a hex SHA-2 hash');
      if ('fileUrl' in o) this.iri(o.fileUrl, `${p}.fileUrl`);
    });
  }

  // --- statements ---------------------------------------------------------------------------

  body(o: JsonObject, path: string, inSubStatement: boolean): void {
    this.actor(this.required(o, 'actor', path), `${path}.actor`);
    const verb = this.required(o, 'verb', path);
    this.verb(verb, `${path}.verb`);
    const object = this.required(o, 'object', path);
    this.object_(object, `${path}.object`, inSubStatement);
    if ('result' in o) this.result(o.result, `${path}.result`);
    const objectIsActivity = isObject(object) && (!('objectType' in object) || object.objectType === 'Activity');
    if ('context' in o) this.context(o.context, `${path}.context`, objectIsActivity);
    if ('timestamp' in o) this.timestamp(o.timestamp, `${path}.timestamp`);
    if ('attachments' in o) this.attachments(o.attachments, `${path}.attachments`);
    if (isObject(verb) && verb.id === VOIDED_VERB) {
      if (!isObject(object) || object.objectType !== 'StatementRef') this.fail(`${path}.object`, 'a voiding statement (verb "voided") must have a StatementRef as its object');
    }
  }

  subStatement(o: JsonObject, path: string): void {
    this.keys(o, path, ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments']);
    this.body(o, path, true);
  }

  statement(v: unknown, path: string): JsonObject {
    const o = this.object(v, path);
    this.keys(o, path, ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']);
    if ('id' in o) this.uuid(o.id, `${path}.id`);
    this.body(o, path, false);
    if ('stored' in o) this.timestamp(o.stored, `${path}.stored`);
    if ('authority' in o) this.authority(o.authority, `${path}.authority`);
    if ('version' in o) {
      if (typeof o.version !== 'string' || !statementVersionAccepted(o.version, this.version)) {
        this.fail(`${path}.version`, this.version === '2.0.0' ? 'must be "1.0.x" or "2.0.x"' : 'must be "1.0.x"');
      }
    }
    return o;
  }

  authority(v: unknown, path: string): void {
    const o = this.object(v, path);
    if (o.objectType === 'Group') {
      this.group(o, path);
      if (this.ifis(o, path) !== 0) this.fail(path, 'an authority Group must be anonymous (the OAuth consumer and user as its two members)');
      if (!Array.isArray(o.member) || o.member.length !== 2) this.fail(`${path}.member`, 'an authority Group (OAuth consumer and user) must have exactly two Agents');
    } else {
      this.agent(o, path);
    }
  }
}

/** Validates one statement; throws a 400 naming the first broken rule. */
export function validateStatement(statement: unknown, version: XapiVersion, path = 'statement'): JsonObject {
  return new Check(version).statement(statement, path);
}

/** Validates an Agent or identified Group given as a query parameter. */
export function validateAgentParam(agent: unknown, version: XapiVersion, path = 'agent'): JsonObject {
  const check = new Check(version);
  const o = check.object(agent, path);
  if (o.objectType === 'Group') {
    check.group(o, path);
    if (check.ifis(o, path) !== 1) check.fail(path, 'must identify the Group (mbox, mbox_sha1sum, openid or account)');
  } else {
    check.agent(o, path);
  }
  return o;
}

/** Validates an Agent (not a Group) given as a query parameter, e.g. for documents and the Agents resource. */
export function validateAgentOnly(agent: unknown, version: XapiVersion, path = 'agent'): JsonObject {
  const check = new Check(version);
  check.agent(agent, path);
  return agent as JsonObject;
}

export function validateIri(v: unknown, path: string): string {
  return new Check('2.0.0').iri(v, path);
}
