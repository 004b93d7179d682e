// Helpers for the LRS tests: an app with LRS credentials, and a client speaking xAPI to it.
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { systemCaller } from '../src/context.ts';
import type { DatabaseKind } from '../src/db/database.ts';
import { createCredential } from '../src/modules/xapi/credentials.ts';
import type { XapiConfig } from '../src/config.ts';
import { createTestApp, testConfig, type TestApp } from './helpers.ts';

export interface LrsTestApp extends TestApp {
  key: string;
  secret: string;
  /** Sends an xAPI request with the credentials and the version header (unless overridden). */
  lrs(method: string, url: string, options?: LrsRequestOptions): Promise<LightMyRequestResponse>;
  /** Creates another credential, e.g. for another provider or read-only. */
  credential(provider: string, options?: { mayWrite?: boolean; mayRead?: boolean }): Promise<{ key: string; secret: string; id: string }>;
  statementCount(): Promise<number>;
}

export interface LrsRequestOptions {
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  version?: string | null;
  auth?: { key: string; secret: string } | null;
  headers?: Record<string, string>;
}

export const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

export async function createLrsTestApp(kind: DatabaseKind, xapi: Partial<XapiConfig> = {}): Promise<LrsTestApp> {
  const t = await createTestApp(kind, { xapi: { ...testConfig().xapi, maxBodyBytes: 262_144, ...xapi } });
  const deps = { db: t.database.db, config: t.config };
  const credential = async (provider: string, options: { mayWrite?: boolean; mayRead?: boolean } = {}) => {
    const c = await createCredential(deps, systemCaller('test'), { provider, name: `test-${randomUUID().slice(0, 8)}`, ...options });
    return { key: c.key, secret: c.secret, id: c.id };
  };
  const main = await credential('LAN');
  const lrs = (method: string, url: string, o: LrsRequestOptions = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    const version = o.version === undefined ? '2.0.0' : o.version;
    if (version !== null) headers['x-experience-api-version'] = version;
    const auth = o.auth === undefined ? main : o.auth;
    if (auth) headers.authorization = basic(auth.key, auth.secret);
    let payload: string | Buffer | undefined;
    if (o.raw !== undefined) payload = o.raw;
    else if (o.body !== undefined) payload = JSON.stringify(o.body);
    if (payload !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
    return t.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
  };
  return {
    ...t,
    key: main.key,
    secret: main.secret,
    lrs,
    credential,
    statementCount: async () => Number((await t.database.db.selectFrom('xapi_statement').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  };
}

/** A small valid statement; `over` replaces top-level properties. */
export function statement(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actor: { objectType: 'Agent', name: 'Siti Rahma', mbox: 'mailto:siti.rahma@kembang.test' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed', id: 'menyelesaikan' } },
    object: { objectType: 'Activity', id: 'https://lms.lan.go.id/course/latsar-cpns', definition: { name: { 'en-US': 'Basic training', 'id-ID': 'Latsar CPNS' } } },
    ...over,
  };
}
