// The `kembang` command line, run as a real process on a throw-away embedded database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import { sha256 } from '../src/modules/identity/tokens.ts';

const root = path.join(import.meta.dirname, '..');

function kembang(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'kembang.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('--help describes every command', () => {
  const top = kembang(['--help']);
  assert.equal(top.code, 0);
  for (const command of ['serve', 'migrate', 'seed', 'user', 'token']) assert.match(top.stdout, new RegExp(`\\b${command}\\b`));
  for (const [args, expect] of [
    [['serve', '--help'], /--port/],
    [['seed', '--help'], /--demo/],
    [['user', 'create', '--help'], /--role <role>/],
    [['token', 'create', '--help'], /--scope <scope>/],
    [['migrate', '--help'], /--database-url/],
  ] as const) {
    const res = kembang([...args]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, expect);
  }
});

test('a bad configuration value stops start-up with a message naming it', () => {
  const res = kembang(['serve'], { PORT: 'abc' });
  assert.equal(res.code, 1);
  assert.match(res.stderr, /'PORT' is invalid\. must be a port number/);
  const url = kembang(['migrate'], { DATABASE_URL: 'mysql://x' });
  assert.equal(url.code, 1);
  assert.match(url.stderr, /DATABASE_URL must use postgres/);
});

test('migrate, user create and token create on the embedded database', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kembang-cli-'));
  try {
    const env = { KEMBANG_DATA_DIR: dataDir };
    const migrate = kembang(['migrate'], env);
    assert.equal(migrate.code, 0, migrate.stderr);
    assert.deepEqual(JSON.parse(migrate.stdout).applied.slice(0, 1), ['0001_foundation']);
    assert.deepEqual(JSON.parse(kembang(['migrate'], env).stdout).applied, [], 'a second migrate applies nothing');

    const user = kembang(['user', 'create', '--email', 'lan.admin@kembang.test', '--password', 'Kenanga-Wangi-99', '--role', 'national_admin'], env);
    assert.equal(user.code, 0, user.stderr);
    assert.equal(JSON.parse(user.stdout).grants[0].role, 'national_admin');

    const weak = kembang(['user', 'create', '--email', 'x@kembang.test', '--password', 'short', '--role', 'auditor'], env);
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /--password must be at least 10 characters/);
    const badRole = kembang(['user', 'create', '--email', 'y@kembang.test', '--password', 'Kenanga-Wangi-99', '--role', 'king'], env);
    assert.notEqual(badRole.code, 0);
    assert.match(badRole.stderr, /must be one of/);
    const badScope = kembang(['token', 'create', '--scope', 'agency:NOPE', '--name', 'lms'], env);
    assert.equal(badScope.code, 1);
    assert.match(badScope.stderr, /no agency with code "NOPE"/);

    const token = kembang(['token', 'create', '--scope', 'national', '--name', 'analytics'], env);
    assert.equal(token.code, 0, token.stderr);
    const printed = JSON.parse(token.stdout);
    assert.match(printed.token, /^kmb_/);
    assert.equal(printed.role, 'auditor');

    const database = await openDatabase({ dataDir });
    try {
      const row = await database.db.selectFrom('api_token').select(['token_hash', 'name']).where('id', '=', printed.id).executeTakeFirstOrThrow();
      assert.equal(row.token_hash, sha256(printed.token), 'only the hash is stored');
      const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_label']).where('entity_id', '=', printed.id).executeTakeFirstOrThrow();
      assert.deepEqual(audit, { action: 'token.created', actor_label: 'cli' });
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('seed --catalogue loads the national catalogue next to the registry (the default of --scale national)', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kembang-cli-'));
  try {
    const env = { KEMBANG_DATA_DIR: dataDir };
    const seed = kembang(['seed', '--scale', 'agency', '--people', '300', '--catalogue', '--programmes', '30', '--offerings', '90'], env);
    assert.equal(seed.code, 0, seed.stderr);
    const printed = JSON.parse(seed.stdout);
    assert.deepEqual(printed.catalogue, { providers: 160, programmes: 30, offerings: 90 });
    const database = await openDatabase({ dataDir });
    try {
      const count = async (table: 'civil_servant' | 'programme' | 'offering') =>
        Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(await count('civil_servant'), 300);
      assert.equal(await count('programme'), 30);
      assert.equal(await count('offering'), 90);
      const searchable = await database.db.selectFrom('programme').select('id').where('status', '=', 'published').execute();
      assert.ok(searchable.length > 0, 'published programmes to search');
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
