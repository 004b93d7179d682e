// The two UI catalogues must match: same keys, no empty texts, same {{placeholders}}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(import.meta.dirname, '..', '..', 'web', 'src', 'i18n');
const load = (lng: string) => JSON.parse(fs.readFileSync(path.join(dir, `${lng}.json`), 'utf8')) as Record<string, unknown>;

function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of flatten(value as Record<string, unknown>, name)) out.set(k, v);
    else {
      assert.equal(typeof value, 'string', `${name} is text`);
      out.set(name, value as string);
    }
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

test('the Indonesian and English catalogues have the same keys, texts and placeholders', () => {
  const id = flatten(load('id'));
  const en = flatten(load('en'));
  assert.ok(id.size > 100, `${id.size} texts`);
  assert.deepEqual([...en.keys()].sort(), [...id.keys()].sort());
  for (const [key, text] of id) {
    assert.ok(text.trim(), `id ${key} is empty`);
    assert.ok(en.get(key)!.trim(), `en ${key} is empty`);
    assert.deepEqual(placeholders(en.get(key)!), placeholders(text), `placeholders of ${key}`);
  }
});

test('every key the app uses exists in the catalogue', () => {
  const id = flatten(load('id'));
  const src = path.join(dir, '..');
  const files = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
  const used = new Set<string>();
  for (const file of files) {
    const code = fs.readFileSync(path.join(src, file), 'utf8');
    // Literal keys: t('a.b'), nav: 'a.b', errors: 'login.errors.x'.
    for (const m of code.matchAll(/(?:\bt\(|nav: |errors\.\w+ = )'([a-z][A-Za-z]*(?:\.[A-Za-z0-9_]+)+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 50, `${used.size} keys found in the code`);
  const missing = [...used].filter((key) => !id.has(key));
  assert.deepEqual(missing, []);
});
