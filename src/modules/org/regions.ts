// Official province and regency/city codes and names, from the idn-area-data package.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface Region {
  code: string;
  provinceCode: string;
  name: string;
  kind: 'province' | 'regency' | 'city';
}

const dataDir = path.join(path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');

function readCsv(file: string): string[][] {
  const lines = fs.readFileSync(path.join(dataDir, file), 'utf8').trim().split(/\r?\n/).slice(1);
  // The files are simple: no quoted commas in these two.
  return lines.map((line) => line.split(','));
}

let cache: { provinces: Region[]; regencies: Region[] } | undefined;

export function regions() {
  cache ??= {
    provinces: readCsv('provinces.csv').map(([code, name]) => ({ code, provinceCode: code, name, kind: 'province' as const })),
    regencies: readCsv('regencies.csv').map(([code, provinceCode, name]) => ({ code, provinceCode, name, kind: name.startsWith('Kota') ? ('city' as const) : ('regency' as const) })),
  };
  return cache;
}

export function regionByCode(code: string): Region | undefined {
  const { provinces, regencies } = regions();
  return provinces.find((p) => p.code === code) ?? regencies.find((r) => r.code === code);
}
