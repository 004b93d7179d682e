// Runs the whole suite with Node's test runner. In CI nothing may be skipped silently:
// PostgreSQL (TEST_DATABASE_URL) and Chromium must be there, or the run fails up front.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (process.env.CI) {
  const missing: string[] = [];
  if (!process.env.TEST_DATABASE_URL) missing.push('TEST_DATABASE_URL (PostgreSQL for the database tests)');
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) missing.push('Chromium at /usr/bin/chromium (browser tests)');
  if (missing.length) {
    console.error(`CI run refused: missing ${missing.join(' and ')}`);
    process.exit(1);
  }
}

const patterns = process.argv.slice(2);
const args = ['--test', '--test-concurrency=2', '--test-timeout=300000', ...(patterns.length ? patterns : ['src/**/*.test.ts', 'test/**/*.test.ts'])];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
