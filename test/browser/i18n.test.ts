// The two UI catalogues must match: same keys, no empty texts, same {{placeholders}}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(import.meta.dirname, '..', '..', 'web', 'src', 'i18n');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
/** Feature catalogues: web/src/i18n/<lng>/<feature>.json, merged under the key <feature>. */
const featureFiles = (lng: string) => fs.readdirSync(path.join(dir, lng)).filter((f) => f.endsWith('.json')).sort();
/** The catalogue of a language as the app builds it (web/src/i18n/index.ts): core texts plus one subtree per feature file. */
function load(lng: string): Record<string, unknown> {
  const catalogue = readJson(path.join(dir, `${lng}.json`));
  for (const file of featureFiles(lng)) {
    const feature = file.slice(0, -'.json'.length);
    assert.ok(!(feature in catalogue), `${lng}/${file} would replace the core key ${feature}`);
    catalogue[feature] = readJson(path.join(dir, lng, file));
  }
  return catalogue;
}

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

test('both languages have the same feature files, and the app loads every one of them', () => {
  assert.deepEqual(featureFiles('en'), featureFiles('id'));
  const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
  for (const lng of ['id', 'en']) {
    for (const file of featureFiles(lng)) {
      const feature = file.slice(0, -'.json'.length);
      assert.ok(index.includes(`from './${lng}/${file}'`), `index.ts imports ${lng}/${file}`);
      assert.match(index, new RegExp(`\\b${feature}: ${lng}[A-Z]\\w*\\b`), `index.ts merges ${lng}/${file} under ${feature}`);
    }
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

/** Every `.ts` file under src, recursively. */
function sourceFiles(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

test('every audit action and object type the server writes has a label in both languages', () => {
  const actions = new Set<string>();
  const entities = new Set<string>();
  for (const file of sourceFiles(path.join(import.meta.dirname, '..', '..', 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('recordAudit(')) continue;
    // Literal codes only; codes built from a template are listed in the catalogue by hand.
    for (const call of text.split('recordAudit(').slice(1)) {
      const head = call.slice(0, 600);
      for (const m of head.matchAll(/action: '([a-z0-9_.]+)'/g)) actions.add(m[1]);
      for (const m of head.matchAll(/action: [^,'`]*(?:'[a-z]+'[^,'`]*)?\? '([a-z0-9_.]+)' : '([a-z0-9_.]+)'/g)) [m[1], m[2]].forEach((a) => actions.add(a));
      for (const m of head.matchAll(/entityType: '([a-z0-9_]+)'/g)) entities.add(m[1]);
    }
    for (const m of text.matchAll(/entityType: '([a-z0-9_]+)', entityId/g)) entities.add(m[1]);
  }
  assert.ok(actions.size > 50, `${actions.size} audit actions found`);
  for (const lng of ['id', 'en']) {
    const audit = load(lng).audit as { actions: Record<string, string>; entities: Record<string, string> };
    const missing = [...[...actions].map((a) => a.replace(/\./g, '_')).filter((a) => !audit.actions[a]).map((a) => `audit.actions.${a}`),
      ...[...entities].filter((e) => !audit.entities[e]).map((e) => `audit.entities.${e}`)];
    assert.deepEqual(missing.sort(), [], `${lng}: labels missing`);
  }
});
