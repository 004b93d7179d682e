#!/usr/bin/env node
// Entry for `npx kembang`: npm puts node_modules/.bin first on PATH, so this runs on the
// pinned Node 24, which loads our TypeScript sources directly (type stripping).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`kembang needs Node.js 24 or newer (this is ${process.versions.node}). Run it through npm/npx so the pinned Node is used.`);
  process.exit(1);
}
await import('../src/main.ts');
