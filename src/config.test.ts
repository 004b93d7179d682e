import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

test('defaults: port 3000, embedded database, Indonesian demo, no SSO', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.publicUrl, 'http://localhost:3000');
  assert.equal(c.cookieSecure, false);
  assert.equal(c.oidc, undefined);
});

test('each bad value is refused with a message naming the variable', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ PORT: '3e3' }, /PORT must be a whole number/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL must be a URL/],
    [{ DATABASE_URL: 'mysql://x/y' }, /DATABASE_URL must use postgres/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ COOKIE_SECURE: 'maybe' }, /COOKIE_SECURE must be true or false/],
    [{ OIDC_ISSUER: 'https://sso.example' }, /OIDC_CLIENT_ID is required/],
    [{ KEMBANG_DEMO_PASSWORD: 'short' }, /KEMBANG_DEMO_PASSWORD must be at least 8/],
    [{ SESSION_TTL_HOURS: '0' }, /SESSION_TTL_HOURS must be between/],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && message.test((e as Error).message), JSON.stringify(env));
  }
});

test('https public URL turns on secure cookies; SSO redirect defaults under the public URL', () => {
  const c = loadConfig({ PUBLIC_URL: 'https://kembang.example.go.id/', OIDC_ISSUER: 'https://sso.example', OIDC_CLIENT_ID: 'kembang' });
  assert.equal(c.cookieSecure, true);
  assert.equal(c.publicUrl, 'https://kembang.example.go.id');
  assert.equal(c.oidc?.redirectUri, 'https://kembang.example.go.id/api/auth/oidc/callback');
});
