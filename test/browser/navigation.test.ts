// Every page in the navigation belongs to exactly one navigation group (web/src/routes.tsx), so
// no link silently drops out of the menu when a page is added. Read from the source: the route
// table is TSX, which the test runner does not load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const source = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'web', 'src', 'routes.tsx'), 'utf8');

test('every navigation entry but the home page is in exactly one navigation group', () => {
  const navKeys = [...source.matchAll(/\bnav: '([\w.]+)'/g)].map((m) => m[1]).filter((k) => k !== 'nav.home');
  const groups = source.slice(source.indexOf('export const NAV_GROUPS'));
  const grouped = [...groups.slice(0, groups.indexOf('];')).matchAll(/'([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)].map((m) => m[1]);
  assert.ok(navKeys.length > 20, `${navKeys.length} navigation entries found`);
  assert.deepEqual([...new Set(navKeys)].sort(), [...grouped].sort());
  assert.equal(new Set(grouped).size, grouped.length, 'no key in two groups');
});
