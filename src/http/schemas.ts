// Schema helpers shared by every module's routes.
import { Type, type TSchema } from 'typebox';

export const ProblemRef = Type.Ref('Problem');

/** Adds the problem+json answers every route can give to a route's success responses. */
export function responses<T extends Record<number, TSchema>>(ok: T) {
  return { ...ok, '4xx': ProblemRef, '5xx': ProblemRef };
}

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });
/** For bigint ids (e.g. civil servants): bounded so JS numbers stay exact. */
export const BigIdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
export const UuidParam = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export const DateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
