// The allocation routes of the route × role matrix (spread into test/access-matrix.ts). Runs are
// read by id; a run that does not exist answers 404 to the roles let through (403 to the others),
// and a run is started with an out-of-range parameter (400), so nothing is queued.
import type { RouteCase } from './access-matrix.ts';

const NONE = 2_147_483_000;
const READERS = ['national_admin' as const, 'agency_admin' as const];

export const allocationMatrix: RouteCase[] = [
  { method: 'POST', route: '/api/allocation/runs', url: () => '/api/allocation/runs', body: () => ({ budgetMultiplier: 99 }), allow: ['national_admin'] },
  { method: 'GET', route: '/api/allocation/runs', url: () => '/api/allocation/runs', allow: READERS },
  { method: 'GET', route: '/api/allocation/runs/{id}', url: () => `/api/allocation/runs/${NONE}`, allow: READERS },
  { method: 'GET', route: '/api/allocation/runs/{id}/groups', url: () => `/api/allocation/runs/${NONE}/groups`, allow: READERS },
  { method: 'GET', route: '/api/allocation/runs/{id}/compare/{otherId}', url: () => `/api/allocation/runs/${NONE}/compare/${NONE}`, allow: ['national_admin'] },
  { method: 'GET', route: '/api/allocation/runs/{id}/export.csv', url: () => `/api/allocation/runs/${NONE}/export.csv`, allow: READERS },
  { method: 'GET', route: '/api/allocation/runs/{id}/export.xlsx', url: () => `/api/allocation/runs/${NONE}/export.xlsx`, allow: READERS },
];
