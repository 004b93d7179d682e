// One typed configuration, read from environment variables and overridable by CLI flags.
// A bad value stops start-up with a message that names the variable and what it expects.
import path from 'node:path';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Where the SSO sends the browser back; defaults to `${publicUrl}/api/auth/oidc/callback`. */
  redirectUri: string;
  scopes: string;
  /** Name of the label shown on the login button, e.g. "SSO ASN". */
  label: string;
}

export interface Config {
  host: string;
  port: number;
  /** Base URL users reach the service at (used for links, cookies, OIDC redirects). */
  publicUrl: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Directory of the embedded PGlite database. */
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Largest accepted import file (CSV/XLSX), in bytes; imports stream, so this may exceed bodyLimit. */
  importMaxBytes: number;
  sessionTtlHours: number;
  /** Send cookies with the Secure attribute (on by default when publicUrl is https). */
  cookieSecure: boolean;
  /** Failed logins per identifier within the window before the identifier is locked. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Login attempts per client address within the lock window before 429. */
  loginMaxPerIp: number;
  /** Seed demo data automatically on the embedded database's first start. */
  autoSeedDemo: boolean;
  /** Password for the demo accounts (embedded demo only). */
  demoPassword: string;
  /** Where the built web app lives. */
  webDist: string;
  oidc: OidcConfig | undefined;
  xapi: XapiConfig;
  /** E-mail through SMTP (SMTP_URL, e.g. smtp://user:pass@mail.example.go.id:587, and SMTP_FROM); absent = in-app notifications only. */
  smtp: { url: string; from: string } | undefined;
  /** How often the background worker (e-mail outbox, waitlist sweep, reminders) runs, in ms; 0 = never (LEARNING_WORKER_MS). */
  workerPollMs: number;
  /**
   * How catalogue searches are computed (CATALOG_SEARCH_ENGINE): 'memory' (default) counts facets
   * in process over catalog_search, brought up to date before every search; 'sql' is the earlier
   * single-statement SQL search, kept as the reference (tests, benchmarks). Same answers.
   */
  catalogSearchEngine: 'memory' | 'sql';
  /** How often the catalogue refreshes the upcoming-offering summary of programmes whose next offering has started, in ms; 0 = never (CATALOG_REFRESH_MS). */
  catalogRefreshMs: number;
  /** How often the analytics deltas are folded into the dashboard counters, in ms; 0 = never (ANALYTICS_FOLD_MS). Reads are exact either way. */
  analyticsFoldMs: number;
  /** Per-process cache of the national dashboard answers, in seconds; 0 = off, every read exact (ANALYTICS_CACHE_SECONDS). */
  analyticsCacheSeconds: number;
  /**
   * Secret that encrypts the certificate signing keys at rest (KEMBANG_KEY_ENCRYPTION_KEY, at least
   * 32 characters). When unset, a random one is generated into the data directory on first use:
   * fine for the embedded default; several instances on one PostgreSQL must share one value.
   */
  keyEncryptionKey: string | undefined;
}

/** The xAPI LRS at /xapi. */
export interface XapiConfig {
  /** HTTP Basic credentials required (XAPI_AUTH=off only for conformance testing on a private port). */
  auth: boolean;
  /** Provider code whose store anonymous requests use when auth is off. */
  openProvider: string;
  /** Largest accepted LRS request body (statements with attachments, documents). */
  maxBodyBytes: number;
  /** Largest number of statements in one POST. */
  maxBatch: number;
  /** Statements per page of GET /xapi/statements (and the cap for `limit`). */
  pageSize: number;
  /** Requests per credential per minute; 0 switches the limit off. */
  rateLimitPerMinute: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function searchEngine(raw: string | undefined): 'memory' | 'sql' {
  if (raw === undefined || raw === '' || raw === 'memory') return 'memory';
  if (raw === 'sql') return 'sql';
  throw new ConfigError(`CATALOG_SEARCH_ENGINE must be memory or sql, got "${raw}"`);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(name: string, raw: string, protocols: string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw.replace(/\/+$/, '');
}

function keyEncryptionKey(env: Env): string | undefined {
  const raw = env.KEMBANG_KEY_ENCRYPTION_KEY;
  if (raw === undefined || raw === '') return undefined;
  if (raw.trim().length < 32) throw new ConfigError('KEMBANG_KEY_ENCRYPTION_KEY must be at least 32 characters (e.g. 32 random bytes in base64)');
  return raw.trim();
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const port = overrides.port ?? int(env, 'PORT', 3000, 0, 65535);
  const host = overrides.host ?? env.HOST ?? '0.0.0.0';
  const publicUrl = overrides.publicUrl ?? url('PUBLIC_URL', env.PUBLIC_URL || `http://localhost:${port}`, ['http:', 'https:']);
  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL ? url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']) : undefined);
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const demoPassword = env.KEMBANG_DEMO_PASSWORD || 'kembang-demo';
  if (demoPassword.length < 8) throw new ConfigError('KEMBANG_DEMO_PASSWORD must be at least 8 characters');

  let oidc: OidcConfig | undefined;
  if (env.OIDC_ISSUER) {
    if (!env.OIDC_CLIENT_ID) throw new ConfigError('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
    oidc = {
      issuer: url('OIDC_ISSUER', env.OIDC_ISSUER, ['http:', 'https:']),
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET || undefined,
      redirectUri: env.OIDC_REDIRECT_URI ? url('OIDC_REDIRECT_URI', env.OIDC_REDIRECT_URI, ['http:', 'https:']) : `${publicUrl}/api/auth/oidc/callback`,
      scopes: env.OIDC_SCOPES || 'openid email profile',
      label: env.OIDC_LABEL || 'SSO ASN',
    };
  }

  return {
    host,
    port,
    publicUrl,
    databaseUrl,
    dataDir: path.resolve(env.KEMBANG_DATA_DIR || 'data'),
    logLevel,
    bodyLimit: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 1_073_741_824),
    importMaxBytes: int(env, 'IMPORT_MAX_BYTES', 200 * 1_048_576, 1024, 10 * 1_073_741_824),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    cookieSecure: bool(env, 'COOKIE_SECURE', publicUrl.startsWith('https:')),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginMaxPerIp: int(env, 'LOGIN_MAX_PER_IP', 50, 1, 100_000),
    autoSeedDemo: bool(env, 'KEMBANG_AUTO_SEED', true),
    demoPassword,
    webDist: path.resolve(env.KEMBANG_WEB_DIST || path.join(import.meta.dirname, '..', 'web', 'dist')),
    oidc,
    keyEncryptionKey: keyEncryptionKey(env),
    xapi: {
      auth: bool(env, 'XAPI_AUTH', true),
      openProvider: env.XAPI_OPEN_PROVIDER || 'LAN',
      maxBodyBytes: int(env, 'XAPI_MAX_BODY_BYTES', 20_971_520, 1024, 1_073_741_824),
      maxBatch: int(env, 'XAPI_MAX_BATCH', 1000, 1, 100_000),
      pageSize: int(env, 'XAPI_PAGE_SIZE', 100, 1, 10_000),
      rateLimitPerMinute: int(env, 'XAPI_RATE_LIMIT_PER_MINUTE', 6000, 0, 10_000_000),
    },
    smtp: env.SMTP_URL ? { url: url('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']), from: env.SMTP_FROM || 'Kembang <no-reply@kembang.go.id>' } : undefined,
    workerPollMs: int(env, 'LEARNING_WORKER_MS', 2000, 0, 3_600_000),
    catalogSearchEngine: searchEngine(env.CATALOG_SEARCH_ENGINE),
    catalogRefreshMs: int(env, 'CATALOG_REFRESH_MS', 60_000, 0, 86_400_000),
    analyticsFoldMs: int(env, 'ANALYTICS_FOLD_MS', 2000, 0, 3_600_000),
    analyticsCacheSeconds: int(env, 'ANALYTICS_CACHE_SECONDS', 0, 0, 3600),
    ...overrides,
  };
}
