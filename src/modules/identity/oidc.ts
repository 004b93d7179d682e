// OIDC sign-in for the national SSO: authorization code flow with PKCE, through openid-client.
// The flow's state, nonce and code verifier are kept in the database, so any instance can
// finish a flow another instance started.
import * as client from 'openid-client';
import type { OidcConfig } from '../../config.ts';
import type { Deps } from '../../context.ts';
import { problems } from '../../http/problem.ts';
import * as repo from './repository.ts';

let discovered: { key: string; config: client.Configuration } | undefined;

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

async function configuration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}|${oidc.clientId}`;
  if (discovered?.key === key) return discovered.config;
  try {
    const config = await client.discovery(
      new URL(oidc.issuer),
      oidc.clientId,
      oidc.clientSecret,
      oidc.clientSecret ? undefined : client.None(),
      // Plain http is allowed only for an SSO on this machine (development and tests).
      isLoopback(oidc.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    discovered = { key, config };
    return config;
  } catch (error) {
    throw problems.badGateway(`The SSO at ${oidc.issuer} cannot be reached right now: ${(error as Error).message}`);
  }
}

/** Only same-site paths are accepted as a place to return to, so the flow is no open redirect. */
export function safeReturnTo(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : '/';
}

export async function startOidc({ db, config }: Deps, returnTo: string | undefined): Promise<string> {
  const oidc = config.oidc;
  if (!oidc) throw problems.notFound('SSO sign-in is not configured.');
  const cfg = await configuration(oidc);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await repo.insertOidcFlow(db, { state, code_verifier: codeVerifier, nonce, return_to: safeReturnTo(returnTo) });
  return client
    .buildAuthorizationUrl(cfg, {
      redirect_uri: oidc.redirectUri,
      scope: oidc.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    .toString();
}

export interface OidcIdentity {
  sub: string;
  email?: string;
  nip?: string;
  returnTo: string;
}

export async function finishOidc({ db, config }: Deps, query: Record<string, string | undefined>): Promise<OidcIdentity> {
  const oidc = config.oidc;
  if (!oidc) throw problems.notFound('SSO sign-in is not configured.');
  if (query.error) throw problems.unauthenticated(`The SSO refused the sign-in: ${query.error_description ?? query.error}`);
  if (!query.state || !query.code) throw problems.badRequest('The SSO callback lacks state or code.');
  const flow = await repo.takeOidcFlow(db, query.state);
  if (!flow) throw problems.badRequest('This sign-in attempt is unknown or expired. Start again.');
  const cfg = await configuration(oidc);
  const callbackUrl = new URL(oidc.redirectUri);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) callbackUrl.searchParams.set(k, v);
  let claims: Record<string, unknown> | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(cfg, callbackUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    claims = idToken;
    // With the code flow, claims asked for by scope (email, ...) are served by the UserInfo
    // endpoint and need not be in the ID token (OIDC Core 5.4). Fetch them when it lacks them;
    // the signed ID token's own claims win.
    if (idToken && typeof idToken.email !== 'string' && cfg.serverMetadata().userinfo_endpoint) {
      const userInfo = await client.fetchUserInfo(cfg, tokens.access_token, idToken.sub);
      claims = { ...userInfo, ...idToken };
    }
  } catch (error) {
    throw problems.unauthenticated(`SSO sign-in failed: ${(error as Error).message}`);
  }
  if (!claims) throw problems.unauthenticated('The SSO returned no ID token.');
  const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email : undefined;
  const nip = typeof claims.nip === 'string' && /^\d{18}$/.test(claims.nip) ? claims.nip : undefined;
  return { sub: `${oidc.issuer}#${claims.sub}`, email, nip, returnTo: flow.return_to };
}
