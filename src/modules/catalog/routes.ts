// The catalogue's routes, one plugin per resource.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { offeringRoutes } from './offering-routes.ts';
import { programmeRoutes } from './programme-routes.ts';
import { providerRoutes } from './provider-routes.ts';
import { searchRoutes } from './search-routes.ts';
import { createSearchCache } from './search-cache.ts';
import { startCatalogWorker } from './worker.ts';

export function catalogRoutes(deps: Deps) {
  // Search answers are cached briefly per instance; any successful catalogue write here clears them.
  const cache = createSearchCache();
  return async function (app: FastifyInstance) {
    let stopWorker: (() => Promise<void>) | undefined;
    app.addHook('onReady', async () => {
      stopWorker = startCatalogWorker(deps, app.log);
    });
    app.addHook('onClose', async () => {
      await stopWorker?.();
    });
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) cache.clear();
      return payload;
    });
    await app.register(searchRoutes(deps, cache));
    await app.register(providerRoutes(deps));
    await app.register(programmeRoutes(deps));
    await app.register(offeringRoutes(deps));
  };
}
