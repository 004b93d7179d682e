// Agency and national admins: import staff, positions or units from CSV/XLSX. A dry run
// checks the whole file first (nothing written) and shows every problem by row and column;
// a clean dry run unlocks applying the same file (all or nothing). Progress shows the upload
// and the rows read; the full error report downloads as CSV. Recent runs are listed below.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort, toApiError, upload, type ApiError } from '../api.ts';
import { useMe } from '../auth.tsx';
import { Alert, Loading, LoadError } from '../components/Feedback.tsx';
import { codeLabel } from '../competency.ts';
import { useApi, useDocumentTitle, useFormatters } from '../hooks.ts';
import { grantsFor } from '../roles.ts';
import { api } from '../api.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KINDS = ['staff', 'positions', 'units'] as const;
type Kind = (typeof KINDS)[number];

/** Columns per kind (docs: server's import kinds; required ones first). */
const COLUMNS: Record<Kind, { required: string[]; optional: string[] }> = {
  staff: { required: ['NIP', 'NAMA', 'JENIS_KELAMIN', 'TANGGAL_LAHIR', 'TMT_CPNS', 'GOLONGAN'], optional: ['KODE_INSTANSI', 'KODE_UNIT', 'KODE_JABATAN', 'NIP_ATASAN', 'STATUS'] },
  positions: { required: ['KODE_JABATAN', 'NAMA_JABATAN', 'JENIS_JABATAN', 'JENJANG'], optional: ['KODE_INSTANSI'] },
  units: { required: ['KODE_UNIT', 'NAMA_UNIT'], optional: ['KODE_UNIT_INDUK', 'KODE_INSTANSI'] },
};

interface RowError {
  row: number | null;
  column: string | null;
  message: string;
}

interface Report {
  id: string;
  kind: string;
  format: string;
  dryRun: boolean;
  status: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: RowError[];
  errorsTruncated: boolean;
  tooLarge: boolean;
  errorsUrl: string;
}

interface Run {
  id: string;
  kind: string;
  format: string;
  file_name: string | null;
  dry_run: boolean;
  agency_id: number | null;
  status: string;
  processed: number;
  bytes_read: number;
  created: number;
  updated: number;
  unchanged: number;
  error_count: number;
  message: string | null;
  actor_label: string;
  started_at: string;
  finished_at: string | null;
}

interface Agency {
  id: number;
  code: string;
  name: string;
}

type Phase = { step: 'idle' } | { step: 'uploading'; sent: number; total: number; dryRun: boolean } | { step: 'processing'; rows: number | null; dryRun: boolean };

const RUNNING = new Set(['running', 'validating', 'applying']);
const fileKey = (f: File) => `${f.name}|${f.size}|${f.lastModified}`;

export default function ImportPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  useDocumentTitle(t('imports.title'));
  const me = useMe();
  const agencyGrant = grantsFor(me, 'agency_admin').find((g) => g.scopeType === 'agency');
  const national = me.grants.some((g) => g.role === 'national_admin');
  const agencies = useApi<{ items: Agency[] }>(national ? '/api/agencies?limit=200' : null);
  const ids = { kind: useId(), agency: useId(), file: useId(), fileHint: useId() };

  const [kind, setKind] = useState<Kind>('staff');
  const [agencyCode, setAgencyCode] = useState<string>(agencyGrant && !national ? agencyGrant.scope.replace(/^agency:/, '') : '');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [report, setReport] = useState<Report | null>(null);
  /** The file, kind and agency of the last clean dry run: applying needs one. */
  const [checked, setChecked] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const runs = useApi<{ items: Run[] }>('/api/imports?limit=20');
  const reportRef = useRef<HTMLDivElement>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const signature = file ? `${fileKey(file)}|${kind}|${agencyCode}` : null;
  const canApply = signature !== null && checked === signature;
  const busy = phase.step !== 'idle';

  async function run(dryRun: boolean) {
    if (!file) {
      setFileError(true);
      document.getElementById(ids.file)?.focus();
      return;
    }
    setFileError(false);
    setError(null);
    setReport(null);
    const abort = new AbortController();
    controller.current = abort;
    const query = new URLSearchParams({ dryRun: String(dryRun), fileName: file.name.slice(0, 300) });
    if (agencyCode) query.set('agency', agencyCode);
    const type = /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv';
    setPhase({ step: 'uploading', sent: 0, total: file.size, dryRun });
    // While the server works, follow the run's row count.
    let polling: number | undefined;
    const poll = () => {
      polling = window.setTimeout(async () => {
        try {
          const list = await api<{ items: Run[] }>('/api/imports?limit=5', { signal: abort.signal, quiet: true });
          const mine = list.items.find((r) => RUNNING.has(r.status) && r.file_name === file.name && r.dry_run === dryRun);
          if (mine) setPhase((p) => (p.step === 'idle' ? p : { step: 'processing', rows: mine.processed, dryRun }));
        } catch {
          // Progress is a courtesy; the answer of the upload is what counts.
        }
        if (!abort.signal.aborted) poll();
      }, 700);
    };
    poll();
    try {
      const answer = await upload<Report>(`/api/imports/${kind}?${query}`, file, type, {
        signal: abort.signal,
        acceptStatuses: [413, 422],
        onProgress: (sent, total) => setPhase((p) => (sent >= total ? (p.step === 'processing' ? p : { step: 'processing', rows: null, dryRun }) : { step: 'uploading', sent, total, dryRun })),
      });
      setReport(answer.data);
      setChecked(dryRun && answer.data.status === 'validated' && answer.data.errorCount === 0 ? signature : null);
      runs.reload();
      window.setTimeout(() => reportRef.current?.focus(), 0);
    } catch (e) {
      if (!isAbort(e)) setError(toApiError(e));
    } finally {
      window.clearTimeout(polling);
      abort.abort();
      setPhase({ step: 'idle' });
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };

  const errorText = (e: ApiError) =>
    e.status === 0 ? t('common.networkError') : e.status === 403 ? t('imports.forbidden') : e.status === 415 ? t('imports.encoding') : [e.detail ?? e.title, ...e.errors.map((f) => `${f.field}: ${f.message}`)].join(' ');

  return (
    <>
      <div className="page-head">
        <h1>{t('imports.title')}</h1>
        <p className="muted measure">{t('imports.intro')}</p>
      </div>
      <form className="card form import-form" onSubmit={onSubmit} noValidate aria-describedby={ids.fileHint}>
        <div className="form-row">
          <div className="field">
            <label htmlFor={ids.kind}>{t('imports.kind')}</label>
            <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as Kind)} disabled={busy}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {codeLabel('imports.kinds', k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.agency}>{t('person.agency')}</label>
            {national ? (
              <select id={ids.agency} value={agencyCode} onChange={(e) => setAgencyCode(e.target.value)} disabled={busy}>
                <option value="">{t('imports.agencyFromFile')}</option>
                {(agencies.data?.items ?? []).map((a) => (
                  <option key={a.id} value={a.code}>
                    {a.name} ({a.code})
                  </option>
                ))}
              </select>
            ) : (
              <input id={ids.agency} type="text" readOnly value={agencyGrant ? `${agencyGrant.scopeName ?? ''} (${agencyCode})` : ''} />
            )}
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.file}>{t('imports.file')}</label>
          <input
            id={ids.file}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileError || undefined}
            aria-describedby={`${ids.fileHint}${fileError ? ` ${ids.file}-error` : ''}`}
            disabled={busy}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(false);
              setReport(null);
            }}
          />
          {fileError && (
            <p className="field-error" id={`${ids.file}-error`}>
              {t('imports.fileRequired')}
            </p>
          )}
          <p className="hint" id={ids.fileHint}>
            {t('imports.fileHint')}
          </p>
        </div>
        <details className="columns-help">
          <summary>{t('imports.columnsTitle', { kind: codeLabel('imports.kinds', kind) })}</summary>
          <p className="small">
            <strong>{t('imports.requiredColumns')}</strong> <span className="mono">{COLUMNS[kind].required.join(', ')}</span>
          </p>
          <p className="small">
            <strong>{t('imports.optionalColumns')}</strong> <span className="mono">{COLUMNS[kind].optional.join(', ')}</span>
          </p>
          <p className="small muted">{t('imports.columnsNote')}</p>
        </details>
        <div className="button-row">
          <button type="submit" className="btn btn-outline" disabled={busy}>
            {t('imports.check')}
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || !canApply} aria-describedby={canApply ? undefined : `${ids.kind}-apply-hint`} onClick={() => void run(false)}>
            {t('imports.apply')}
          </button>
          {busy && (
            <button type="button" className="btn btn-link" onClick={() => controller.current?.abort()}>
              {t('imports.cancel')}
            </button>
          )}
        </div>
        {!canApply && (
          <p className="hint" id={`${ids.kind}-apply-hint`}>
            {t('imports.applyHint')}
          </p>
        )}
        <div aria-live="polite" className="import-progress" data-testid="import-progress">
          {phase.step === 'uploading' && (
            <>
              <label className="small">
                {t('imports.uploading', { percent: Math.round((phase.sent / Math.max(1, phase.total)) * 100) })}
                <progress max={phase.total || 1} value={phase.sent} />
              </label>
            </>
          )}
          {phase.step === 'processing' && (
            <>
              <label className="small">
                {phase.rows === null ? t(phase.dryRun ? 'imports.checking' : 'imports.applying') : t('imports.rowsRead', { count: phase.rows })}
                <progress />
              </label>
            </>
          )}
        </div>
      </form>

      {error && (
        <Alert>
          {t('imports.failed')} {errorText(error)}
        </Alert>
      )}

      {report && (
        <section className="card section" aria-labelledby="import-report" data-testid="import-report" ref={reportRef} tabIndex={-1}>
          <h2 id="import-report">{t(report.dryRun ? 'imports.reportDryRun' : 'imports.reportApplied')}</h2>
          <ReportView report={report} />
        </section>
      )}

      <section className="card section" aria-labelledby="import-runs">
        <h2 id="import-runs">{t('imports.recent')}</h2>
        {runs.loading && !runs.data && <Loading />}
        <LoadError error={runs.error} onRetry={runs.reload} />
        {runs.data && runs.data.items.length === 0 && <p className="empty">{t('imports.noRuns')}</p>}
        {runs.data && runs.data.items.length > 0 && (
          <div className="table-wrap" role="region" aria-label={t('imports.recent')} tabIndex={0}>
            <table className="table" data-testid="import-runs">
              <caption className="sr-only">{t('imports.recent')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.started')}</th>
                  <th scope="col">{t('imports.kind')}</th>
                  <th scope="col">{t('imports.file')}</th>
                  <th scope="col">{t('imports.status')}</th>
                  <th scope="col" className="num">{t('imports.rows')}</th>
                  <th scope="col" className="num">{t('imports.changes')}</th>
                  <th scope="col" className="num">{t('imports.errors')}</th>
                  <th scope="col">{t('imports.actor')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.items.map((r) => (
                  <tr key={r.id}>
                    <td className="nowrap">{format.dateTime(r.started_at)}</td>
                    <td>
                      {codeLabel('imports.kinds', r.kind)}
                      {r.dry_run && <span className="block small muted">{t('imports.dryRun')}</span>}
                    </td>
                    <td className="break">{r.file_name ?? t('common.empty')}</td>
                    <td>
                      <StatusTag status={r.status} />
                    </td>
                    <td className="num">{format.number(r.processed)}</td>
                    <td className="num nowrap">{t('imports.changesShort', { created: r.created, updated: r.updated, unchanged: r.unchanged })}</td>
                    <td className="num">
                      {r.error_count > 0 ? (
                        <a href={`/api/imports/${r.id}/errors.csv`} download>
                          {t('imports.errorsLink', { count: r.error_count })}
                        </a>
                      ) : (
                        0
                      )}
                    </td>
                    <td>{r.actor_label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function StatusTag({ status }: { status: string }) {
  const tone = status === 'applied' || status === 'validated' ? 'tag-ok' : status === 'refused' || status === 'failed' ? 'tag-danger' : 'tag-muted';
  return <span className={`tag ${tone}`}>{codeLabel('imports.statuses', status)}</span>;
}

function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const ok = report.errorCount === 0 && (report.status === 'validated' || report.status === 'applied');
  return (
    <>
      <p>
        <StatusTag status={report.status} />{' '}
        {report.tooLarge
          ? t('imports.tooLarge')
          : ok
            ? t(report.dryRun ? 'imports.dryRunOk' : 'imports.appliedOk')
            : t('imports.refused', { count: report.errorCount })}
      </p>
      <div className="stats">
        <div className="stat">
          <span className="stat-value">{format.number(report.rows)}</span>
          <span className="stat-label">{t('imports.rows')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{format.number(report.created)}</span>
          <span className="stat-label">{t(report.dryRun ? 'imports.toCreate' : 'imports.created')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{format.number(report.updated)}</span>
          <span className="stat-label">{t(report.dryRun ? 'imports.toUpdate' : 'imports.updated')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{format.number(report.unchanged)}</span>
          <span className="stat-label">{t('imports.unchanged')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{format.number(report.errorCount)}</span>
          <span className="stat-label">{t('imports.errors')}</span>
        </div>
      </div>
      {report.errorCount > 0 && (
        <>
          <p>
            <a className="btn btn-outline btn-small" href={report.errorsUrl} download data-testid="errors-download">
              {t('imports.downloadErrors')}
            </a>
          </p>
          <div className="table-wrap" role="region" aria-label={t('imports.errorsCaption')} tabIndex={0}>
            <table className="table" data-testid="import-errors">
              <caption className="sr-only">{t('imports.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">{t('imports.row')}</th>
                  <th scope="col">{t('imports.column')}</th>
                  <th scope="col">{t('imports.message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.slice(0, 200).map((e, i) => (
                  <tr key={i}>
                    <td className="num">{e.row ?? t('common.empty')}</td>
                    <td className="mono">{e.column ?? t('common.empty')}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.errorCount > Math.min(200, report.errors.length) && <p className="muted small">{t('imports.moreErrors', { shown: Math.min(200, report.errors.length), count: report.errorCount })}</p>}
        </>
      )}
    </>
  );
}
