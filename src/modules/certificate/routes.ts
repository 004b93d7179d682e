// Certificate routes: the public JWKS, status lists, verification and verification view; the
// holder's (and admins') records and PDFs; revocation; signing key rotation.
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { DateTime, Nullable, Paging, responses } from '../../http/schemas.ts';
import { configureCertificates } from './runtime.ts';
import * as service from './service.ts';

const TAGS = ['certificates'];
const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

const PublicCertificate = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('expired')]),
  holder_name: Type.String(),
  programme: Type.Object({ code: Type.String(), title_id: Type.String(), title_en: Nullable(Type.String()) }),
  provider: Type.Object({ id: Type.Integer(), name: Type.String() }),
  jp: Type.Number(),
  completed_on: Type.String(),
  issued_at: DateTime,
  revoked_at: Nullable(DateTime),
  verify_url: Type.String(),
});

const Verification = Type.Object({
  status: Type.Union(['valid', 'revoked', 'expired', 'tampered', 'unknown'].map((s) => Type.Literal(s))),
  detail: Type.String(),
  checks: Type.Object({
    format: Type.Boolean(),
    signature: Type.String(),
    issuer: Type.String(),
    expiry: Type.String(),
    revocation: Type.String(),
  }),
  kid: Nullable(Type.String()),
  certificate: Nullable(PublicCertificate),
});

const CertificateItem = Type.Object({
  id: Type.String(),
  number: Type.String(),
  civil_servant_id: Type.Integer(),
  agency_id: Type.Integer(),
  programme_id: Type.Integer(),
  offering_id: Nullable(Type.Integer()),
  learning_record_id: Nullable(Type.Integer()),
  provider_id: Type.Integer(),
  holder_name: Type.String(),
  programme_code: Type.String(),
  title_id: Type.String(),
  title_en: Nullable(Type.String()),
  provider_name: Type.String(),
  jp: Type.Number(),
  completed_on: Type.String(),
  valid_until: Nullable(DateTime),
  issued_at: DateTime,
  kid: Type.String(),
  status_list_id: Type.Integer(),
  status_index: Type.Integer(),
  status: Type.String(),
  revoked_at: Nullable(DateTime),
  revoked_by: Nullable(Type.String()),
  revocation_reason: Nullable(Type.String()),
  verify_url: Type.String(),
  pdf_url: Type.String(),
});

const CertificateDetail = Type.Intersect([CertificateItem, Type.Object({ jwt: Type.String(), credential: Type.Record(Type.String(), Type.Unknown()) })]);

const Jwk = Type.Object({ kty: Type.String(), crv: Type.String(), x: Type.String(), kid: Type.String(), alg: Type.String(), use: Type.String() });

export function certificateRoutes(deps: Deps) {
  configureCertificates(deps.config);
  return async function (app: FastifyInstance) {
    app.get('/.well-known/jwks.json', {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: 'The public keys that verify Kembang certificates (JWKS): the active key and earlier keys still trusted', response: responses({ 200: Type.Object({ keys: Type.Array(Jwk) }) }) },
      handler: async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return service.jwks(deps.db);
      },
    });

    app.get('/credentials/status/:listId', {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'A revocation status list (W3C Bitstring Status List credential); JSON, or a signed VC-JWT with Accept: application/vc+jwt',
        params: Type.Object({ listId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false }),
        response: responses({ 200: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String()]) }),
      },
      handler: async (request, reply) => {
        const list = await service.statusListFor(deps.db, (request.params as { listId: number }).listId);
        reply.header('cache-control', 'public, max-age=5');
        if (/application\/(vc\+)?jwt/.test(String(request.headers.accept ?? ''))) return reply.type('application/vc+jwt').serializer((x: unknown) => String(x)).send(list.jwt);
        return reply.type('application/vc+ld+json').serializer(JSON.stringify).send(list.credential);
      },
    });

    app.post('/api/certificates/verify', {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Verify a certificate from its JWT alone: valid, revoked, expired, tampered (altered or forged) or unknown (not ours / unknown key / not in the register)',
        security: [],
        body: Type.Object({ jwt: Type.String({ minLength: 10, maxLength: 32_768, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' }) }, { additionalProperties: false }),
        response: responses({ 200: Verification }),
      },
      handler: async (request) => service.verifyCertificateJwt(deps.db, (request.body as { jwt: string }).jwt),
    });

    app.get('/api/certificates/:id/public', {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: 'What the public verification page shows: holder\'s name, programme, provider, dates, status', security: [], params: IdParams, response: responses({ 200: PublicCertificate }) },
      handler: async (request) => service.getPublicCertificate(deps.db, (request.params as { id: string }).id),
    });

    app.get('/api/certificates', {
      config: { access: 'authenticated' },
      schema: {
        tags: TAGS,
        summary: 'Certificates I may see: my own; my agency\'s people (agency admins); my provider\'s (provider admins); all (national admins)',
        querystring: Type.Object(
          {
            civilServantId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
            programmeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            offeringId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            revoked: Type.Optional(Type.Boolean()),
            ...Paging,
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(CertificateItem) }) }),
      },
      handler: async (request) => {
        const q = request.query as { civilServantId?: number; programmeId?: number; offeringId?: number; revoked?: boolean; limit?: number; offset?: number };
        return { items: await service.listCertificates(deps.db, actorOf(request), { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 }) };
      },
    });

    app.get('/api/certificates/keys', {
      config: { access: { roles: ['national_admin', 'auditor'] } },
      schema: {
        tags: TAGS,
        summary: 'Signing keys (public part and state only) with the number of certificates each signed',
        response: responses({ 200: Type.Object({ items: Type.Array(Type.Object({ kid: Type.String(), status: Type.String(), created_at: DateTime, rotated_at: Nullable(DateTime), retired_at: Nullable(DateTime), certificates: Type.Integer() })) }) }),
      },
      handler: async (request) => ({ items: await service.keysOf(deps.db, actorOf(request)) }),
    });

    app.post('/api/certificates/keys/rotate', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags: TAGS, summary: 'Rotate the signing key: a new key signs from now on; earlier keys keep verifying what they signed', response: responses({ 200: Type.Object({ kid: Type.String(), previous: Nullable(Type.String()) }) }) },
      handler: async (request) => service.rotate(deps.db, callerOf(request)),
    });

    app.get('/api/certificates/:id.pdf', {
      config: { access: 'authenticated' },
      schema: {
        tags: TAGS,
        summary: 'The printable certificate (PDF, A4 landscape, Indonesian and English, QR code to the verification page): the holder, their agency admin, the provider\'s admins, national admins',
        params: IdParams,
        produces: ['application/pdf'],
        response: responses({ 200: Type.String({ contentMediaType: 'application/pdf' }) }),
      },
      handler: async (request, reply) => {
        const { number, pdf } = await service.certificatePdf(deps.db, actorOf(request), (request.params as { id: string }).id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="sertifikat-${number}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(Buffer.from(pdf));
      },
    });

    app.get('/api/certificates/:id', {
      config: { access: 'authenticated' },
      schema: { tags: TAGS, summary: 'A certificate with its signed credential (JWT) for sharing', params: IdParams, response: responses({ 200: CertificateDetail }) },
      handler: async (request) => service.getCertificate(deps.db, actorOf(request), (request.params as { id: string }).id),
    });

    app.post('/api/certificates/:id/revoke', {
      config: { access: { roles: ['provider_admin', 'national_admin'] } },
      schema: {
        tags: TAGS,
        summary: 'Revoke a certificate, with a reason (national admins, the issuing provider\'s admins); its status list bit turns on',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000 }) }, { additionalProperties: false }),
        response: responses({ 200: CertificateDetail }),
      },
      handler: async (request) => {
        const id = (request.params as { id: string }).id;
        await service.revokeCertificate(deps.db, callerOf(request), id, (request.body as { reason: string }).reason);
        return service.getCertificate(deps.db, actorOf(request), id);
      },
    });
  };
}
