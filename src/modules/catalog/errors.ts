// Database constraint violations as problem+json: the constraints are the backstop of the
// service's own checks (and of races between two writers), never a 500.
import { Problem, problems } from '../../http/problem.ts';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

/** Maps known constraint names to the request field they concern. */
const FIELDS: Record<string, string> = {
  programme_code_key: 'body.code',
  programme_activity_iri_key: 'body.activityIri',
  offering_programme_id_code_key: 'body.code',
  programme_partner_one_lead: 'body.partners',
  programme_partner_pkey: 'body.partners',
  provider_code_key: 'body.code',
};

export function translateDbError(error: unknown): unknown {
  if (error instanceof Problem) return error;
  const e = error as PgError;
  if (!e || typeof e.code !== 'string') return error;
  const field = (e.constraint && FIELDS[e.constraint]) || 'body';
  switch (e.code) {
    case '23505':
      return new Problem(409, 'conflict', 'Conflict', `${field}: this value is already taken`, { errors: [{ field, message: 'is already taken' }] });
    case '23503':
      return problems.validation([{ field, message: 'refers to a record that does not exist' }]);
    case '23514':
    case '22007':
    case '22008':
    case '22P02':
    case '22003':
      return problems.validation([{ field, message: `is not acceptable (${e.constraint ?? e.message ?? e.code})` }]);
    default:
      return error;
  }
}

/** Runs a write and turns constraint violations into problems. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDbError(error);
  }
}
