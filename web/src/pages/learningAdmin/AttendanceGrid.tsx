// The attendance grid of a cohort: sessions × participants. A cell is a button that cycles
// present → late → absent → excused; a session's column or a person's row can be marked present
// at once. Changes stay in the page (highlighted) until saved in one request, which the server
// applies fully or not at all. Cells the user may not record — sessions another partner
// delivers, sessions not started yet, people no longer enrolled — are shown, not editable.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useFormatters } from '../../hooks.ts';
import { ATTENDANCE, attendancePct, useLearningLabels, type AttendanceStatus, type Cohort } from '../../learningAdmin.ts';
import { Done, ProblemAlert, useRun } from './parts.tsx';

const cellKey = (enrolmentId: number, sessionId: number) => `${enrolmentId}:${sessionId}`;
const nextStatus = (s: AttendanceStatus | null): AttendanceStatus => (s === null ? 'present' : ATTENDANCE[(ATTENDANCE.indexOf(s) + 1) % ATTENDANCE.length]);

export function AttendanceGrid({ cohort, onSaved }: { cohort: Cohort; onSaved(): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const labels = useLearningLabels();
  const [pending, setPending] = useState<Map<string, AttendanceStatus>>(new Map());
  const save = useRun();
  const now = Date.now();
  const sessions = cohort.sessions;
  const recordable = sessions.map((s) => s.mayRecord && Date.parse(s.startsAt) <= now);
  const rows = cohort.participants;
  const editableRow = (status: string) => status === 'enrolled';

  const valueOf = (enrolmentId: number, i: number): AttendanceStatus | null => pending.get(cellKey(enrolmentId, sessions[i].id)) ?? rows.find((r) => r.id === enrolmentId)!.attendance[i];
  const set = (changes: [number, number, AttendanceStatus][]) =>
    setPending((p) => {
      const next = new Map(p);
      for (const [enrolmentId, i, status] of changes) {
        const saved = rows.find((r) => r.id === enrolmentId)!.attendance[i];
        if (saved === status) next.delete(cellKey(enrolmentId, sessions[i].id));
        else next.set(cellKey(enrolmentId, sessions[i].id), status);
      }
      return next;
    });
  const markSession = (i: number) => set(rows.filter((r) => editableRow(r.status)).map((r) => [r.id, i, 'present']));
  const markPerson = (enrolmentId: number) => set(sessions.flatMap((_, i) => (recordable[i] ? [[enrolmentId, i, 'present'] as [number, number, AttendanceStatus]] : [])));

  const submit = async () => {
    const records = [...pending.entries()].map(([k, status]) => {
      const [enrolmentId, sessionId] = k.split(':').map(Number);
      return { enrolmentId, sessionId, status };
    });
    const r = await save.run(
      () => api<{ recorded: number }>(`/api/learning/offerings/${cohort.offering.id}/attendance`, { method: 'PUT', body: { records }, quiet: true }),
      (res) => t('learningAdmin.attendance.saved', { count: res.recorded }),
    );
    if (r) {
      setPending(new Map());
      onSaved();
    }
  };
  // A refused save names cells as body.records.N; say which person and session each is.
  const records = [...pending.keys()];
  const fieldLabel = (field: string) => {
    const m = /^body\.records\.(\d+)/.exec(field);
    if (!m || !records[Number(m[1])]) return undefined;
    const [e, s] = records[Number(m[1])].split(':').map(Number);
    return `${rows.find((r) => r.id === e)?.person.name ?? e} — ${sessions.find((x) => x.id === s)?.title ?? s}`;
  };

  if (sessions.length === 0) return <p className="empty">{t('learningAdmin.attendance.noSessions')}</p>;
  if (rows.length === 0) return <p className="empty">{t('learningAdmin.cohort.noParticipants')}</p>;
  const anyRecordable = recordable.some(Boolean);
  return (
    <div className="attendance">
      <p className="muted small">{anyRecordable ? t('learningAdmin.attendance.help') : t('learningAdmin.attendance.readOnly')}</p>
      <ul className="attendance-legend" aria-label={t('learningAdmin.attendance.legend')}>
        {ATTENDANCE.map((s) => (
          <li key={s}>
            <span className={`att att-${s}`} aria-hidden="true">
              {t(`learningAdmin.attendanceShort.${s}`)}
            </span>{' '}
            {labels.attendance(s)}
          </li>
        ))}
      </ul>
      <div className="table-wrap">
        <table className="table table-matrix attendance-grid" data-testid="attendance-grid">
          <caption className="sr-only">{t('learningAdmin.attendance.caption', { code: cohort.offering.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              {sessions.map((s, i) => (
                <th key={s.id} scope="col" data-testid="session-head" data-session={s.id}>
                  <span className="block">{s.title}</span>
                  <span className="block small muted">
                    {f.dateTime(s.startsAt)}
                    {s.module ? ` · ${s.module}` : ''}
                    {!s.mayRecord ? ` · ${s.providerCode}` : ''}
                  </span>
                  {recordable[i] ? (
                    <button type="button" className="btn btn-light btn-small" onClick={() => markSession(i)}>
                      {t('learningAdmin.attendance.allPresent')}
                      <span className="sr-only"> {s.title}</span>
                    </button>
                  ) : (
                    <span className="block small muted">{s.mayRecord ? t('learningAdmin.attendance.notStarted') : t('learningAdmin.attendance.otherPartner')}</span>
                  )}
                </th>
              ))}
              <th scope="col" className="num">
                {t('learningAdmin.attendance.pct')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const editable = editableRow(r.status);
              const marks = sessions.map((_, i) => valueOf(r.id, i));
              const pct = attendancePct(marks);
              return (
                <tr key={r.id} data-testid="attendance-row" data-enrolment={r.id}>
                  <th scope="row">
                    {r.person.name}
                    {!editable && <span className="block small muted">{labels.status(r.status)}</span>}
                    {editable && anyRecordable && (
                      <button type="button" className="btn btn-link btn-small block" onClick={() => markPerson(r.id)}>
                        {t('learningAdmin.attendance.personPresent')}
                        <span className="sr-only"> {r.person.name}</span>
                      </button>
                    )}
                  </th>
                  {sessions.map((s, i) => {
                    const value = marks[i];
                    const changed = pending.has(cellKey(r.id, s.id));
                    const can = editable && recordable[i];
                    const text = value ? labels.attendance(value) : t('learningAdmin.attendance.none');
                    return (
                      <td key={s.id} className={changed ? 'cell-changed' : undefined}>
                        <button
                          type="button"
                          className={`att att-${value ?? 'none'}`}
                          disabled={!can}
                          data-testid="attendance-cell"
                          data-session={s.id}
                          data-value={value ?? ''}
                          aria-label={t('learningAdmin.attendance.cellLabel', { name: r.person.name, session: s.title, status: text })}
                          onClick={() => set([[r.id, i, nextStatus(value)]])}
                        >
                          {value ? t(`learningAdmin.attendanceShort.${value}`) : '·'}
                        </button>
                      </td>
                    );
                  })}
                  <td className="num" data-testid="attendance-pct">
                    {pct === null ? t('common.empty') : `${f.number(pct)} %`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Done text={save.done} />
      <ProblemAlert error={save.error} fieldLabel={fieldLabel} />
      {anyRecordable && (
        <div className="button-row">
          <button type="button" className="btn btn-primary" disabled={save.busy || pending.size === 0} onClick={() => void submit()}>
            {t('learningAdmin.attendance.save', { count: pending.size })}
          </button>
          <button type="button" className="btn btn-light" disabled={save.busy || pending.size === 0} onClick={() => setPending(new Map())}>
            {t('learningAdmin.attendance.discard')}
          </button>
        </div>
      )}
    </div>
  );
}
