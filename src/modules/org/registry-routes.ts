// HTTP routes of registry writes: agencies (national admins), units, positions and civil
// servants (agency admins for their own agency, national admins for all). Reads of units and
// positions sit here too, beside their writes.
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { callerOf } from '../../http/access.ts';
import { IdParam, Nullable, responses } from '../../http/schemas.ts';
import { POSITION_KINDS, RANKS, STATUSES, TIERS } from './registry-rules.ts';
import * as people from './people-service.ts';
import * as registry from './registry-service.ts';

const lit = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const WRITERS = { roles: ['agency_admin' as const, 'national_admin' as const] };
const NATIONAL = { roles: ['national_admin' as const] };
const Code = Type.String({ minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9._/-]+$' });
const Name = Type.String({ minLength: 1, maxLength: 300 });

const AgencyView = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), province_code: Nullable(Type.String()), region_code: Nullable(Type.String()), parent_id: Nullable(Type.Integer()) });
const UnitView = Type.Object({ id: Type.Integer(), agency_id: Type.Integer(), parent_id: Nullable(Type.Integer()), code: Type.String(), name: Type.String() });
const PositionView = Type.Object({ id: Type.Integer(), agency_id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), tier: Type.String() });
const PersonRecord = Type.Object({
  id: Type.Integer(),
  agency_id: Type.Integer(),
  nip: Type.String(),
  name: Type.String(),
  gender: Type.Integer(),
  birth_date: Type.String(),
  tmt_cpns: Type.String(),
  rank: Type.String(),
  unit_id: Nullable(Type.Integer()),
  position_id: Nullable(Type.Integer()),
  supervisor_id: Nullable(Type.Integer()),
  status: Type.String(),
});

const Date_ = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const PersonFields = {
  nip: Type.String({ pattern: '^\\d{18}$', description: '18 digits: birth date, TMT CPNS month, gender digit, sequence' }),
  name: Name,
  gender: Type.Union([Type.Literal(1), Type.Literal(2)], { description: '1 male, 2 female' }),
  birthDate: Date_,
  tmtCpns: Date_,
  rank: lit(RANKS),
  agencyId: Type.Integer({ minimum: 1 }),
  unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  positionId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  supervisorId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  status: Type.Optional(lit(STATUSES)),
};

export function registryRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    const tags = ['registry'];
    const id = (request: { params: unknown }) => (request.params as { id: number }).id;

    app.post('/api/agencies', {
      config: { access: NATIONAL },
      schema: {
        tags,
        summary: 'Create an agency; provinces, regencies and cities take their official code and name from idn-area-data (give regionCode)',
        body: Type.Object(
          { kind: lit(['ministry', 'national_agency', 'province', 'regency', 'city']), regionCode: Type.Optional(Type.String({ maxLength: 10 })), code: Type.Optional(Code), name: Type.Optional(Name), provinceCode: Type.Optional(Type.String({ pattern: '^\\d{2}$' })) },
          { additionalProperties: false },
        ),
        response: responses({ 201: AgencyView }),
      },
      handler: async (request, reply) => reply.status(201).send(await registry.createAgency(deps, callerOf(request), request.body as registry.AgencyInput)),
    });

    app.patch('/api/agencies/:id', {
      config: { access: NATIONAL },
      schema: { tags, summary: 'Rename a central agency or set its province', params: IdParam, body: Type.Object({ name: Type.Optional(Name), provinceCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{2}$' }))) }, { additionalProperties: false }), response: responses({ 200: AgencyView }) },
      handler: async (request) => registry.updateAgency(deps, callerOf(request), id(request), request.body as { name?: string }),
    });

    app.get('/api/agencies/:id/units', {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Units of an agency (a tree by parent_id)', params: IdParam, response: responses({ 200: Type.Object({ items: Type.Array(UnitView) }) }) },
      handler: async (request) => ({ items: await registry.listUnits(deps, id(request)) }),
    });

    app.post('/api/agencies/:id/units', {
      config: { access: WRITERS },
      schema: { tags, summary: 'Add a unit to an agency', params: IdParam, body: Type.Object({ code: Code, name: Name, parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))) }, { additionalProperties: false }), response: responses({ 201: UnitView }) },
      handler: async (request, reply) => reply.status(201).send(await registry.createUnit(deps, callerOf(request), id(request), request.body as { code: string; name: string })),
    });

    app.patch('/api/units/:id', {
      config: { access: WRITERS },
      schema: { tags, summary: 'Rename a unit or move it in the tree (no cycles)', params: IdParam, body: Type.Object({ name: Type.Optional(Name), parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))) }, { additionalProperties: false }), response: responses({ 200: UnitView }) },
      handler: async (request) => registry.updateUnit(deps, callerOf(request), id(request), request.body as { name?: string }),
    });

    app.get('/api/agencies/:id/positions', {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Positions of an agency', params: IdParam, response: responses({ 200: Type.Object({ items: Type.Array(PositionView) }) }) },
      handler: async (request) => ({ items: await registry.listPositions(deps, id(request)) }),
    });

    app.post('/api/agencies/:id/positions', {
      config: { access: WRITERS },
      schema: { tags, summary: 'Add a position (kind and tier must agree)', params: IdParam, body: Type.Object({ code: Code, name: Name, kind: lit(POSITION_KINDS), tier: lit(TIERS) }, { additionalProperties: false }), response: responses({ 201: PositionView }) },
      handler: async (request, reply) => reply.status(201).send(await registry.createPosition(deps, callerOf(request), id(request), request.body as { code: string; name: string; kind: string; tier: string })),
    });

    app.patch('/api/positions/:id', {
      config: { access: WRITERS },
      schema: { tags, summary: 'Change a position', params: IdParam, body: Type.Object({ name: Type.Optional(Name), kind: Type.Optional(lit(POSITION_KINDS)), tier: Type.Optional(lit(TIERS)) }, { additionalProperties: false }), response: responses({ 200: PositionView }) },
      handler: async (request) => registry.updatePosition(deps, callerOf(request), id(request), request.body as { name?: string }),
    });

    app.post('/api/civil-servants', {
      config: { access: WRITERS },
      schema: { tags, summary: 'Add a civil servant; the NIP must be valid and agree with birth date, TMT CPNS and gender', body: Type.Object(PersonFields, { additionalProperties: false }), response: responses({ 201: PersonRecord }) },
      handler: async (request, reply) => reply.status(201).send(await people.createPerson(deps, callerOf(request), request.body as people.PersonInput)),
    });

    app.patch('/api/civil-servants/:id', {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: 'Change a civil servant (any subset of fields; the result is checked as a whole)',
        params: IdParam,
        body: Type.Partial(Type.Object(PersonFields), { additionalProperties: false }),
        response: responses({ 200: PersonRecord }),
      },
      handler: async (request) => people.updatePerson(deps, callerOf(request), id(request), request.body as Partial<people.PersonInput>),
    });
  };
}
