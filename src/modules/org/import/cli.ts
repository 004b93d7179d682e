// The `kembang import` and `kembang export` commands.
import fs from 'node:fs';
import { once } from 'node:events';
import { systemCaller, type Deps } from '../../../context.ts';
import { exportStaffCsv } from './export.ts';
import { IMPORT_KINDS } from './kinds/index.ts';
import { startImport } from './service.ts';

export async function importFile(deps: Deps, kind: string, file: string, options: { dryRun?: boolean; agency?: string }): Promise<number> {
  if (!IMPORT_KINDS[kind]) {
    console.error(`kembang: no import kind "${kind}"; use one of ${Object.keys(IMPORT_KINDS).join(', ')}`);
    return 2;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`kembang: no such file ${file}`);
    return 2;
  }
  let last = 0;
  const report = await startImport(deps, systemCaller('cli'), {
    kind,
    format: /\.xlsx$/i.test(file) ? 'xlsx' : 'csv',
    input: fs.createReadStream(file),
    dryRun: Boolean(options.dryRun),
    agencyCode: options.agency,
    fileName: file.split(/[\\/]/).pop(),
    onProgress: (phase, done) => {
      if (Date.now() - last < 500) return;
      last = Date.now();
      process.stderr.write(`${phase} ${IMPORT_KINDS[kind].label}: ${done} rows\n`);
    },
  });
  process.stderr.write(`${report.status}: ${report.rows} rows, ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.errorCount} errors\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.status === 'validated' || report.status === 'applied' ? 0 : 1;
}

export async function exportFile(deps: Deps, what: string, options: { agency?: string }): Promise<number> {
  if (what !== 'staff') {
    console.error('kembang: only "staff" can be exported');
    return 2;
  }
  let agencyId: number | undefined;
  if (options.agency) {
    const agency = await deps.db.selectFrom('agency').select('id').where('code', '=', options.agency).executeTakeFirst();
    if (!agency) {
      console.error(`kembang: no agency with code ${options.agency}`);
      return 2;
    }
    agencyId = agency.id;
  }
  for await (const chunk of exportStaffCsv(deps, null, agencyId)) {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
  return 0;
}
