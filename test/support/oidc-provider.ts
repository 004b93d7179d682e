// A real OpenID Provider (panva/oidc-provider) on a random loopback port, and a small
// browser stand-in (fetch + cookie jar) that walks its login and consent pages.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface IdpAccount {
  email: string;
  emailVerified?: boolean;
}

export interface TestIdp {
  issuer: string;
  close(): Promise<void>;
}

export interface IdpOptions {
  clientId: string;
  /** Omit for a public client (token endpoint auth "none"). */
  clientSecret?: string;
  redirectUris: string[];
  /** Login name typed on the provider's sign-in page → the identity it vouches for. */
  accounts: Record<string, IdpAccount>;
}

export async function startOidcProvider(options: IdpOptions): Promise<TestIdp> {
  // Listen first: the issuer URL must carry the port.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        ...(options.clientSecret
          ? { client_secret: options.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
          : { token_endpoint_auth_method: 'none' }),
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // PKCE for every client, confidential or not.
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    cookies: { keys: ['kembang-test-cookie-key'] },
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = options.accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified ?? true }),
      };
    },
  });
  provider.on('server_error', (_ctx: unknown, error: Error) => console.error('oidc-provider server_error', error));
  server.on('request', provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

/** A minimal cookie jar: host-only cookies, path prefix matching, deletion by Max-Age/Expires. */
export class CookieJar {
  #cookies: StoredCookie[] = [];

  store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const attribute of attributes) {
        const [k, v = ''] = attribute.split('=');
        const key = k.toLowerCase();
        if (key === 'path') path = v || '/';
        if (key === 'max-age' && Number(v) <= 0) expired = true;
        if (key === 'expires' && Date.parse(v) < Date.now()) expired = true;
      }
      this.#cookies = this.#cookies.filter((c) => !(c.name === name && c.host === url.host && c.path === path));
      if (!expired) this.#cookies.push({ name, value, host: url.host, path });
    }
  }

  header(url: URL): string {
    return this.#cookies
      .filter((c) => c.host === url.host && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  get(host: string, name: string): string | undefined {
    return this.#cookies.find((c) => c.host === host && c.name === name)?.value;
  }
}

/** One request without following redirects, cookies from and into the jar. */
export async function browse(jar: CookieJar, url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
  const target = new URL(url);
  const headers: Record<string, string> = {};
  const cookie = jar.header(target);
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
  jar.store(target, response);
  return response;
}

/**
 * Walks the provider from its authorization URL as a user would: follows redirects, fills the
 * sign-in page with `login` and confirms the consent page, and stops at the first redirect to
 * `callbackPrefix`, which it returns unvisited (so the caller can deliver it, and replay it).
 */
export async function signInAtProvider(jar: CookieJar, authorizationUrl: string, login: string, callbackPrefix: string): Promise<URL> {
  let next: { url: URL; form?: Record<string, string> } = { url: new URL(authorizationUrl) };
  const seen: string[] = [];
  for (let step = 0; step < 20; step++) {
    seen.push(`${next.form ? 'POST' : 'GET'} ${next.url.pathname}`);
    const response = await browse(jar, next.url, { form: next.form });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const target = new URL(location, next.url);
      if (target.href.startsWith(callbackPrefix)) return target;
      next = { url: target };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status} at ${next.url}: ${html.replace(/<style[\s\S]*?<\/style>|<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no interaction form at ${next.url}: ${html.slice(0, 500)}`);
    const url = new URL(action.replaceAll('&amp;', '&'), next.url);
    if (prompt === 'login') next = { url, form: { prompt, login, password: 'any password' } };
    else if (prompt === 'consent') next = { url, form: { prompt } };
    else throw new Error(`unexpected prompt ${prompt}`);
  }
  throw new Error(`no redirect to ${callbackPrefix} after: ${seen.join(' → ')}`);
}
