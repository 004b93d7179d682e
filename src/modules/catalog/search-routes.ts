// Public catalogue routes: search, programme pages, provider profiles, and the planning query.
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { IdParam, Paging, responses } from '../../http/schemas.ts';
import { getPublicProgramme } from './programme-service.ts';
import { getPublicProvider, listPublicProviders } from './provider-service.ts';
import { DevelopingQuery, DevelopingResult, ProgrammePublicView, ProviderKind, ProviderPublicView, SearchQuery, SearchResult } from './schemas.ts';
import { programmesDeveloping, searchCatalogue, type SearchInput } from './search-service.ts';
import { cacheKey, type SearchCache } from './search-cache.ts';

const TAGS = ['catalogue'];

export function searchRoutes(deps: Deps, cache: SearchCache) {
  return async function (app: FastifyInstance) {
    app.get('/api/catalog/search', {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Search published programmes: text (Indonesian/English, typo-tolerant), facets with counts, sorting, pages',
        security: [],
        querystring: SearchQuery,
        response: responses({ 200: SearchResult }),
      },
      handler: async (request) => cache.get(cacheKey(request.query as Record<string, unknown>), () => searchCatalogue(deps, request.query as SearchInput)),
    });

    app.get('/api/catalog/programmes/:id', {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: 'A published programme: partners and roles, competencies, upcoming offerings with seats left, accreditation', security: [], params: IdParam, response: responses({ 200: ProgrammePublicView }) },
      handler: async (request) => getPublicProgramme(deps, (request.params as { id: number }).id),
    });

    app.get('/api/catalog/competencies/:code/programmes', {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Published programmes that develop a competency from one level to another (for planning)',
        security: [],
        params: Type.Object({ code: Type.String({ pattern: '^(M\\.[0-9]{2}|SK\\.[0-9]{2}|T\\.[A-Z0-9][A-Z0-9._-]{0,39})$' }) }, { additionalProperties: false }),
        querystring: DevelopingQuery,
        response: responses({ 200: DevelopingResult }),
      },
      handler: async (request) => {
        const q = request.query as { from: number; to: number; limit: number; offset: number };
        return programmesDeveloping(deps, (request.params as { code: string }).code, q);
      },
    });

    app.get('/api/catalog/providers', {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Provider profiles (public: no contact persons) with their accreditation status',
        security: [],
        querystring: Type.Object({ kind: Type.Optional(ProviderKind), province: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })), ...Paging, offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })) }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ items: Type.Array(ProviderPublicView) }) }),
      },
      handler: async (request) => ({ items: await listPublicProviders(deps, request.query as { kind?: string; province?: string; limit: number; offset: number }) }),
    });

    app.get('/api/catalog/providers/:id', {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: 'One provider profile (public)', security: [], params: IdParam, response: responses({ 200: ProviderPublicView }) },
      handler: async (request) => getPublicProvider(deps, (request.params as { id: number }).id),
    });
  };
}
