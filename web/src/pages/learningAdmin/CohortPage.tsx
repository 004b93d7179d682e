// The provider admin's cohort page (/penyelenggara/angkatan/:id): participants with their status,
// the attendance grid, final and level-2 scores, no-shows, bulk completion by the programme's
// rules (each person completed, or not with the rule's reasons, certificates issued) with links
// to the certificates' PDFs, and the waitlist in order with why. A partner of a joint programme
// sees the cohort and records attendance of its own sessions; the lead's tools are not shown.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { useLocalised, type AdminProgramme } from '../../catalog.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { attendancePct, type CertificateItem, type Cohort, type CompletionResult } from '../../learningAdmin.ts';
import { Link } from '../../router.tsx';
import { idParam, type PageProps } from '../../routes.tsx';
import { NotFoundPage } from '../StatusPages.tsx';
import { AttendanceGrid } from './AttendanceGrid.tsx';
import { CohortScores } from './CohortScores.tsx';
import { DateRange, Done, ProblemAlert, StatusTag, useRun } from './parts.tsx';
import '../../styles/learning-admin.css';

export default function CohortPage({ params }: PageProps) {
  const { t } = useTranslation();
  const id = idParam(params.id);
  const cohort = useApi<Cohort>(id ? `/api/learning/offerings/${id}/cohort` : null);
  const c = cohort.data;
  const programme = useApi<AdminProgramme>(c ? `/api/catalog/manage/programmes/${c.offering.programmeId}` : null);
  useDocumentTitle(c ? t('learningAdmin.cohort.docTitle', { code: c.offering.code }) : t('learningAdmin.cohort.title'));
  if (!id || cohort.error?.status === 404) return <NotFoundPage />;
  if (cohort.error && !c) return <LoadError error={cohort.error} onRetry={cohort.reload} />;
  if (!c) return <Loading />;
  return <CohortView cohort={c} programme={programme.data} reload={cohort.reload} />;
}

function CohortView({ cohort: c, programme: p, reload }: { cohort: Cohort; programme: AdminProgramme | undefined; reload(): void }) {
  const { t } = useTranslation();
  const loc = useLocalised();
  const lead = p?.my_part === 'manager';
  const certs = useApi<{ items: CertificateItem[] }>(`/api/certificates?offeringId=${c.offering.id}&limit=200`);
  const [results, setResults] = useState<CompletionResult[] | null>(null);
  const certOf = new Map((certs.data?.items ?? []).filter((x) => x.status !== 'revoked').map((x) => [x.civil_servant_id, x]));
  const refresh = () => {
    reload();
    certs.reload();
  };
  return (
    <>
      <nav className="breadcrumb" aria-label={t('personPage.breadcrumb')}>
        <Link to="/penyelenggara/angkatan">{t('learningAdmin.cohorts.title')}</Link> / <Link to={`/penyelenggara/program/${c.offering.programmeId}`}>{c.offering.programmeCode}</Link> / <span className="mono">{c.offering.code}</span>
      </nav>
      <div className="page-head">
        <h1>
          {p ? loc(p.title_id, p.title_en) : c.offering.programmeCode} — <span className="mono">{c.offering.code}</span>
        </h1>
        <p className="result-tags">
          <span className="tag">{t(`offeringStatus.${c.offering.status}` as 'offeringStatus.open')}</span>
          <DateRange from={c.offering.startDate} to={c.offering.endDate} /> · {t('learningAdmin.cohort.seats', { taken: c.offering.seatsTaken, capacity: c.offering.capacity })}
          {p && <span className="tag tag-muted">{t(`editor.part.${p.my_part}` as 'editor.part.manager')}</span>}
        </p>
        <p className="muted small" data-testid="rule">
          {t('learningAdmin.cohort.rule', { pct: c.rule.minAttendancePct })}
          {c.rule.passScore !== null && ` · ${t('learningAdmin.cohort.passScore', { score: c.rule.passScore })}`}
          {c.rule.requiredModules.length > 0 && ` · ${t('learningAdmin.cohort.requiredModules', { list: c.rule.requiredModules.join(', ') })}`}
          {c.rule.isDefault && ` (${t('learningAdmin.cohort.defaultRule')})`}
        </p>
        {p && !lead && <p className="alert alert-info">{t('learningAdmin.cohort.partnerNote')}</p>}
      </div>

      <Participants cohort={c} lead={lead} certOf={certOf} onDone={(r) => (setResults(r), refresh())} onChange={refresh} />
      {results && <CompletionResults cohort={c} results={results} onClose={() => setResults(null)} />}

      <section className="card section" aria-labelledby="attendance-title">
        <h2 id="attendance-title">{t('learningAdmin.attendance.title')}</h2>
        <AttendanceGrid cohort={c} onSaved={refresh} />
      </section>

      <section className="card section" aria-labelledby="scores-title">
        <h2 id="scores-title">{t('learningAdmin.scores.title')}</h2>
        <CohortScores cohort={c} lead={lead} onSaved={refresh} />
      </section>

      <Waitlist cohort={c} />
    </>
  );
}

// ---------- participants, no-shows and completion ----------

function Participants({ cohort: c, lead, certOf, onDone, onChange }: { cohort: Cohort; lead: boolean; certOf: Map<number, CertificateItem>; onDone(r: CompletionResult[]): void; onChange(): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [confirmNoShow, setConfirmNoShow] = useState(false);
  const act = useRun();
  const enrolled = c.participants.filter((x) => x.status === 'enrolled');
  const started = c.offering.startDate <= new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const chosen = enrolled.filter((x) => picked.has(x.id));
  const toggle = (id: number, on: boolean) => setPicked((s) => {
    const next = new Set(s);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });
  const complete = async () => {
    const r = await act.run(() => api<{ items: CompletionResult[] }>(`/api/learning/offerings/${c.offering.id}/completions`, { method: 'POST', body: { items: chosen.map((x) => ({ enrolmentId: x.id })) }, quiet: true }));
    if (r) {
      setPicked(new Set());
      onDone(r.items);
    }
  };
  const noShow = async () => {
    const r = await act.run(
      () => api<{ marked: number }>(`/api/learning/offerings/${c.offering.id}/no-shows`, { method: 'POST', body: { enrolmentIds: chosen.map((x) => x.id) }, quiet: true }),
      (res) => t('learningAdmin.cohort.noShowsMarked', { count: res.marked }),
    );
    setConfirmNoShow(false);
    if (r) {
      setPicked(new Set());
      onChange();
    }
  };
  const checkAllId = useId();
  return (
    <section className="card section" aria-labelledby="participants-title" data-testid="participants">
      <div className="section-head">
        <h2 id="participants-title">
          {t('learningAdmin.cohort.participants')} <span className="card-count">{t('learningAdmin.cohort.participantCount', { count: c.participants.length, enrolled: enrolled.length })}</span>
        </h2>
      </div>
      <Done text={act.done} />
      <ProblemAlert error={act.error} />
      {c.participants.length === 0 ? (
        <p className="empty">{t('learningAdmin.cohort.noParticipants')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('learningAdmin.cohort.participants')}</caption>
            <thead>
              <tr>
                {lead && (
                  <th scope="col" className="col-check">
                    <input
                      id={checkAllId}
                      type="checkbox"
                      disabled={enrolled.length === 0}
                      checked={enrolled.length > 0 && chosen.length === enrolled.length}
                      onChange={(e) => setPicked(new Set(e.target.checked ? enrolled.map((x) => x.id) : []))}
                      aria-label={t('learningAdmin.cohort.selectAll', { count: enrolled.length })}
                    />
                  </th>
                )}
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('learningAdmin.enrolments.status')}</th>
                <th scope="col" className="num">
                  {t('learningAdmin.attendance.pct')}
                </th>
                <th scope="col" className="num">
                  {t('learningAdmin.scores.final')}
                </th>
                <th scope="col">{t('learningAdmin.cohort.certificate')}</th>
              </tr>
            </thead>
            <tbody>
              {c.participants.map((x) => {
                const pct = x.attendancePct ?? attendancePct(x.attendance);
                const cert = certOf.get(x.person.id);
                return (
                  <tr key={x.id} data-testid="participant" data-enrolment={x.id} data-status={x.status}>
                    {lead && (
                      <td className="col-check">
                        {x.status === 'enrolled' && <input id={`pp-${x.id}`} type="checkbox" checked={picked.has(x.id)} onChange={(e) => toggle(x.id, e.target.checked)} />}
                      </td>
                    )}
                    <th scope="row">{lead && x.status === 'enrolled' ? <label htmlFor={`pp-${x.id}`}>{x.person.name}</label> : x.person.name}</th>
                    <td>
                      <StatusTag status={x.status} />
                      {x.reason && x.status !== 'enrolled' && <span className="block small muted">{x.reason}</span>}
                    </td>
                    <td className="num">{pct === null ? t('common.empty') : `${f.number(pct)} %`}</td>
                    <td className="num">{x.score === null ? t('common.empty') : f.number(x.score)}</td>
                    <td>
                      {cert ? (
                        <a href={cert.pdf_url} target="_blank" rel="noopener" data-testid="certificate-link">
                          {t('learningAdmin.cohort.pdf', { number: cert.number })}
                        </a>
                      ) : (
                        t('common.empty')
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {lead && enrolled.length > 0 && (
        <div className="action-bar" aria-live="polite">
          <span className="small">{t('learningAdmin.cohort.chosen', { count: chosen.length })}</span>
          <button type="button" className="btn btn-primary" disabled={act.busy || chosen.length === 0} onClick={() => void complete()}>
            {t('learningAdmin.cohort.complete', { count: chosen.length })}
          </button>
          <button type="button" className="btn btn-outline" disabled={act.busy || chosen.length === 0 || !started} onClick={() => setConfirmNoShow(true)} title={started ? undefined : t('learningAdmin.cohort.noShowNotStarted')}>
            {t('learningAdmin.cohort.noShow', { count: chosen.length })}
          </button>
        </div>
      )}
      {lead && <p className="hint">{t('learningAdmin.cohort.completeHint')}</p>}
      {confirmNoShow && (
        <div className="confirm" role="group" aria-label={t('learningAdmin.cohort.noShowConfirmLabel')}>
          <p>{t('learningAdmin.cohort.noShowConfirm', { names: chosen.map((x) => x.person.name).join(', ') })}</p>
          <div className="button-row">
            <button type="button" className="btn btn-primary" disabled={act.busy} onClick={() => void noShow()}>
              {t('learningAdmin.cohort.noShowYes')}
            </button>
            <button type="button" className="btn btn-light" onClick={() => setConfirmNoShow(false)}>
              {t('learningAdmin.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function CompletionResults({ cohort: c, results, onClose }: { cohort: Cohort; results: CompletionResult[]; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const name = (id: number) => c.participants.find((x) => x.id === id)?.person.name ?? String(id);
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return (
    <section className="card section" aria-labelledby="completion-title" data-testid="completion-results">
      <div className="section-head">
        <h2 id="completion-title">{t('learningAdmin.completion.title')}</h2>
        <button type="button" className="btn btn-light btn-small" onClick={onClose}>
          {t('learningAdmin.completion.close')}
        </button>
      </div>
      <p role="status" data-testid="completion-summary">
        {t('learningAdmin.completion.summary', { completed: count('completed'), notCompleted: count('not_completed'), refused: count('refused') })}
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">{t('learningAdmin.completion.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('learningAdmin.completion.outcome')}</th>
              <th scope="col" className="num">
                {t('learningAdmin.attendance.pct')}
              </th>
              <th scope="col">{t('learningAdmin.completion.reasons')}</th>
              <th scope="col">{t('learningAdmin.cohort.certificate')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.enrolmentId} data-testid="completion-result" data-outcome={r.outcome} data-enrolment={r.enrolmentId}>
                <th scope="row">{name(r.enrolmentId)}</th>
                <td>
                  <span className={`tag ${r.outcome === 'completed' ? 'tag-ok' : r.outcome === 'refused' ? 'tag-draft' : 'tag-danger'}`}>{t(`learningAdmin.completion.${r.outcome}`)}</span>
                </td>
                <td className="num">{r.attendancePct === null ? t('common.empty') : `${f.number(r.attendancePct)} %`}</td>
                <td data-testid="completion-reasons">{r.reasons.length ? r.reasons.join('; ') : t('common.empty')}</td>
                <td>
                  {r.certificateId ? (
                    <a href={`/api/certificates/${r.certificateId}.pdf`} target="_blank" rel="noopener" data-testid="new-certificate-link">
                      {t('learningAdmin.completion.openPdf')}
                    </a>
                  ) : (
                    t('common.empty')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// ---------- waitlist and the others ----------

function Waitlist({ cohort: c }: { cohort: Cohort }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <section className="card section" aria-labelledby="waitlist-title" data-testid="waitlist">
      <h2 id="waitlist-title">
        {t('learningAdmin.waitlist.title')} <span className="card-count">{t('learningAdmin.waitlist.count', { count: c.waitlist.length })}</span>
      </h2>
      <p className="muted small">{t('learningAdmin.waitlist.order')}</p>
      {c.waitlist.length === 0 ? (
        <p className="empty">{t('learningAdmin.waitlist.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('learningAdmin.waitlist.title')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('learningAdmin.waitlist.position')}
                </th>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('learningAdmin.enrolments.status')}</th>
                <th scope="col">{t('learningAdmin.waitlist.why')}</th>
                <th scope="col">{t('learningAdmin.approvals.requestedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {c.waitlist.map((w) => (
                <tr key={w.id} data-testid="waiting" data-enrolment={w.id}>
                  <td className="num">{w.queuePosition}</td>
                  <th scope="row">{w.person.name}</th>
                  <td>
                    <StatusTag status={w.status} />
                  </td>
                  <td data-testid="waiting-why">
                    {[
                      w.mandatory ? t('learningAdmin.mandatory') : null,
                      w.requiredByPosition ? t('learningAdmin.requiredByPosition') : null,
                      w.priorityGap > 0 ? t('learningAdmin.gap.levels', { count: w.priorityGap }) : t('learningAdmin.gap.none'),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td className="small">{f.dateTime(w.requestedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c.others.length > 0 && (
        <details className="others">
          <summary>{t('learningAdmin.waitlist.others', { count: c.others.length })}</summary>
          <ul>
            {c.others.map((o) => (
              <li key={o.id}>
                {o.person.name} — <StatusTag status={o.status} />
                {o.reason ? ` ${o.reason}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
