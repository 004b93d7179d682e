import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.ts';
import { problems } from '../../http/problem.ts';
import { responses } from '../../http/schemas.ts';

export function systemRoutes(database: Database) {
  return async function (app: FastifyInstance) {
    app.get('/health', {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'The process is up', response: responses({ 200: Type.Object({ status: Type.Literal('ok') }) }) },
      handler: async () => ({ status: 'ok' as const }),
    });

    app.get('/ready', {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'The database answers', response: responses({ 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }) }) },
      handler: async () => {
        try {
          await database.ping();
        } catch {
          throw problems.unavailable('The database does not answer.');
        }
        return { status: 'ready' as const, database: database.kind };
      },
    });
  };
}
