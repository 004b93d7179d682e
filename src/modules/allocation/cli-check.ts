// `kembang plan allocate --what-if`: the same schema check as the API's body (ranges, fields).
import { validatorCompiler } from '../../http/validation.ts';
import { RunParamsBody } from './schemas.ts';

export function compileBody(body: unknown): string[] {
  const validate = validatorCompiler({ schema: RunParamsBody, httpPart: 'body', method: 'POST', url: '/api/allocation/runs' }) as unknown as ((x: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: { additionalProperty?: string } }[] };
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}
