// SSO sign-in (authorization code + PKCE) against a real OpenID Provider (panva/oidc-provider)
// on a loopback port, with Kembang listening on a real port so the redirect URI is real.
// The "browser" is fetch with a cookie jar that fills in the provider's login and consent pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, createTestApp, demoEmail, type TestApp } from './helpers.ts';
import { freePort } from './support/net.ts';
import { browse, CookieJar, signInAtProvider, startOidcProvider, type TestIdp } from './support/oidc-provider.ts';

const CLIENT_ID = 'kembang-test';
const CLIENT_SECRET = 'rahasia-klien-kembang-uji-0123456789';

interface Setup {
  idp: TestIdp;
  kembang: TestApp;
  base: string;
  callback: string;
  close(): Promise<void>;
}

/** A provider and a Kembang that trust each other; `clientSecret` undefined makes a public client. */
async function setUp(kind: Parameters<typeof createTestApp>[0], clientSecret: string | undefined): Promise<Setup> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const callback = `${base}/api/auth/oidc/callback`;
  // Demo e-mails are fixed by the seed, so the provider can be told them before Kembang exists.
  const idp = await startOidcProvider({
    clientId: CLIENT_ID,
    clientSecret,
    redirectUris: [callback],
    accounts: {
      'sso-admin-nasional': { email: 'admin.nasional@kembang.test' },
      'sso-auditor': { email: 'auditor@kembang.test' },
      'sso-orang-asing': { email: 'orang.asing@tidak-terdaftar.test' },
      'sso-belum-verifikasi': { email: 'pelajar@kembang.test', emailVerified: false },
    },
  });
  let kembang: TestApp | undefined;
  try {
    kembang = await createTestApp(kind, {
      host: '127.0.0.1',
      port,
      publicUrl: base,
      oidc: { issuer: idp.issuer, clientId: CLIENT_ID, clientSecret, redirectUri: callback, scopes: 'openid email', label: 'SSO ASN' },
    });
    await kembang.app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await kembang?.close();
    await idp.close();
    throw error;
  }
  const app = kembang;
  return {
    idp,
    kembang: app,
    base,
    callback,
    close: async () => {
      await app.close();
      await idp.close();
    },
  };
}

/** GET /api/auth/oidc/start → the provider's authorization URL (asserting PKCE and state are sent). */
async function start(s: Setup, jar: CookieJar, returnTo?: string): Promise<string> {
  const url = new URL('/api/auth/oidc/start', s.base);
  if (returnTo !== undefined) url.searchParams.set('returnTo', returnTo);
  const res = await browse(jar, url);
  assert.equal(res.status, 302, await res.clone().text());
  const location = res.headers.get('location')!;
  assert.ok(location.startsWith(`${s.idp.issuer}/`), `start redirects to the provider, got ${location}`);
  const auth = new URL(location);
  assert.equal(auth.searchParams.get('client_id'), CLIENT_ID);
  assert.equal(auth.searchParams.get('redirect_uri'), s.callback);
  assert.equal(auth.searchParams.get('response_type'), 'code');
  assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
  assert.match(auth.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.ok(auth.searchParams.get('state'), 'state is sent');
  assert.ok(auth.searchParams.get('nonce'), 'nonce is sent');
  return location;
}

/** The whole round trip up to (not including) delivering the callback to Kembang. */
async function roundTrip(s: Setup, login: string, returnTo?: string): Promise<{ jar: CookieJar; callbackUrl: URL }> {
  const jar = new CookieJar();
  const authorizationUrl = await start(s, jar, returnTo);
  const callbackUrl = await signInAtProvider(jar, authorizationUrl, login, s.callback);
  assert.ok(callbackUrl.searchParams.get('code'), `the provider returned a code: ${callbackUrl}`);
  return { jar, callbackUrl };
}

async function problemOf(res: Response, status: number): Promise<{ title: string; detail?: string }> {
  const body = await res.text();
  assert.equal(res.status, status, body);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return JSON.parse(body);
}

function sessionCookieSet(res: Response): boolean {
  return res.headers.getSetCookie().some((c) => c.startsWith('kembang_session=') && !/^kembang_session=;/.test(c));
}

for (const kind of backends()) {
  describe(`SSO sign-in with a real OpenID Provider (${kind})`, () => {
    let s: Setup;
    before(async () => {
      s = await setUp(kind, CLIENT_SECRET);
    });
    after(async () => {
      await s?.close();
    });

    test('a known e-mail signs in: session cookie, redirect to returnTo, /api/auth/me is that account', async () => {
      const { jar, callbackUrl } = await roundTrip(s, 'sso-admin-nasional', '/pelatihan?tab=aktif');
      const res = await browse(jar, callbackUrl);
      assert.equal(res.status, 302, await res.clone().text());
      assert.equal(res.headers.get('location'), '/pelatihan?tab=aktif');
      assert.ok(sessionCookieSet(res), 'a session cookie is set');
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('kembang_session='))!;
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);

      const me = await browse(jar, new URL('/api/auth/me', s.base));
      assert.equal(me.status, 200, await me.clone().text());
      const body = await me.json();
      assert.equal(body.email, demoEmail(s.kembang.demo, 'national_admin'));
      assert.ok(body.grants.some((g: { role: string }) => g.role === 'national_admin'));
      assert.ok(body.csrfToken, 'the SSO session gets a CSRF token like any other');

      // The session is a full one: a write with the CSRF token works.
      const write = await fetch(new URL('/api/tokens', s.base), {
        method: 'POST',
        headers: { cookie: jar.header(new URL(s.base)), 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'via SSO', scope: 'national' }),
      });
      assert.equal(write.status, 201, await write.text());
    });

    test('the SSO subject is linked: a second sign-in finds the same account', async () => {
      const first = await roundTrip(s, 'sso-auditor');
      const firstRes = await browse(first.jar, first.callbackUrl);
      assert.equal(firstRes.status, 302);
      const second = await roundTrip(s, 'sso-auditor');
      const secondRes = await browse(second.jar, second.callbackUrl);
      assert.equal(secondRes.status, 302);
      const a = await (await browse(first.jar, new URL('/api/auth/me', s.base))).json();
      const b = await (await browse(second.jar, new URL('/api/auth/me', s.base))).json();
      assert.equal(a.email, 'auditor@kembang.test');
      assert.equal(a.id, b.id);
      const row = await s.kembang.database.db.selectFrom('user_account').select('oidc_subject').where('id', '=', a.id).executeTakeFirstOrThrow();
      assert.equal(row.oidc_subject, `${s.idp.issuer}#sso-auditor`);
    });

    test('an SSO identity with an unknown e-mail is refused: 403 problem, no session', async () => {
      const { jar, callbackUrl } = await roundTrip(s, 'sso-orang-asing');
      const res = await browse(jar, callbackUrl);
      const problem = await problemOf(res, 403);
      assert.match(problem.detail ?? '', /no Kembang account/);
      assert.equal(sessionCookieSet(res), false);
      const me = await browse(jar, new URL('/api/auth/me', s.base));
      assert.equal(me.status, 401);
    });

    test('an e-mail the provider marks unverified does not link to an account', async () => {
      const { jar, callbackUrl } = await roundTrip(s, 'sso-belum-verifikasi');
      const res = await browse(jar, callbackUrl);
      await problemOf(res, 403);
      assert.equal(sessionCookieSet(res), false);
    });

    test('a replayed callback (same state and code) is refused', async () => {
      const { jar, callbackUrl } = await roundTrip(s, 'sso-admin-nasional');
      const first = await browse(jar, callbackUrl);
      assert.equal(first.status, 302);
      assert.ok(sessionCookieSet(first));
      // The replay comes from another browser (e.g. a stolen URL): no cookies of the first.
      const replay = await browse(new CookieJar(), callbackUrl);
      const problem = await problemOf(replay, 400);
      assert.match(problem.detail ?? '', /unknown or expired/);
      assert.equal(sessionCookieSet(replay), false);
    });

    test('a callback with a forged state is refused, and the real flow still completes', async () => {
      const { jar, callbackUrl } = await roundTrip(s, 'sso-admin-nasional');
      const forged = new URL(callbackUrl);
      forged.searchParams.set('state', 'forged-state-value');
      const res = await browse(new CookieJar(), forged);
      await problemOf(res, 400);
      assert.equal(sessionCookieSet(res), false);
      const real = await browse(jar, callbackUrl);
      assert.equal(real.status, 302);
      assert.ok(sessionCookieSet(real));
    });

    test('a returnTo that is not a same-site path ends at /', async () => {
      for (const returnTo of ['https://evil.example/', '//evil.example/steal', '/\\evil.example', 'javascript:alert(1)']) {
        const { jar, callbackUrl } = await roundTrip(s, 'sso-admin-nasional', returnTo);
        const res = await browse(jar, callbackUrl);
        assert.equal(res.status, 302, `${returnTo}: ${await res.clone().text()}`);
        assert.equal(res.headers.get('location'), '/', `returnTo ${returnTo}`);
        assert.ok(sessionCookieSet(res));
      }
    });

    test('the user cancelling at the provider comes back as a 401 problem, no session', async () => {
      const jar = new CookieJar();
      const authorizationUrl = await start(s, jar);
      // Reach the provider's sign-in page, then take its "abort" path.
      const first = await browse(jar, authorizationUrl);
      const interaction = new URL(first.headers.get('location')!, authorizationUrl);
      assert.match(interaction.pathname, /^\/interaction\//);
      const abort = await browse(jar, new URL(`${interaction.pathname}/abort`, interaction));
      let location = abort.headers.get('location');
      let current = new URL(location!, interaction);
      for (let i = 0; i < 5 && !current.href.startsWith(s.callback); i++) {
        const r = await browse(jar, current);
        location = r.headers.get('location');
        assert.ok(location, `redirect expected from ${current}`);
        current = new URL(location, current);
      }
      assert.equal(current.searchParams.get('error'), 'access_denied');
      const res = await browse(jar, current);
      await problemOf(res, 401);
      assert.equal(sessionCookieSet(res), false);
    });
  });

  describe(`SSO sign-in as a public client (PKCE, no secret) (${kind})`, () => {
    let s: Setup;
    before(async () => {
      s = await setUp(kind, undefined);
    });
    after(async () => {
      await s?.close();
    });

    test('signs in without a client secret', async () => {
      const { jar, callbackUrl } = await roundTrip(s, 'sso-admin-nasional');
      const res = await browse(jar, callbackUrl);
      assert.equal(res.status, 302, await res.clone().text());
      assert.equal(res.headers.get('location'), '/');
      const me = await browse(jar, new URL('/api/auth/me', s.base));
      assert.equal((await me.json()).email, 'admin.nasional@kembang.test');
    });
  });
}
