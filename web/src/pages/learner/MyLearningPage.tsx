// "Pembelajaran saya" (my learning): the year's JP toward the 20-JP entitlement with the status
// the server computes, the learning records behind it, my enrolments (withdraw while the rules
// allow it), my certificates (PDF, share link to the public verification page) and what is left
// to evaluate. ?pendaftaran=<id> and ?sertifikat=<id> (from notifications) mark one row.
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { Alert, LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { useLocalised } from '../../catalog.ts';
import { learnerMayWithdraw, LIVE_STATUSES, todayJakarta, type Activity, type Certificate, type Enrolment, type Ledger, type MyEvaluation } from '../../learning.ts';
import { Link, useLocation } from '../../router.tsx';
import { CopyField, enrolmentDetail, JP_STATUS_TAG, JpBar, useTx } from './bits.tsx';

export default function MyLearningPage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('learner.myLearning.title'));
  return (
    <>
      <div className="page-head">
        <h1>{t('learner.myLearning.title')}</h1>
        <p className="muted measure">{t('learner.myLearning.intro')}</p>
        <p className="button-row">
          <Link to="/pembelajaran/kegiatan" className="btn btn-primary">
            {t('learner.myLearning.reportActivity')}
          </Link>
          <Link to="/katalog" className="btn btn-light">
            {t('learner.myLearning.findTraining')}
          </Link>
        </p>
      </div>
      {me.civilServantId ? (
        <>
          <JpSection />
          <EnrolmentsSection />
          <CertificatesSection />
        </>
      ) : (
        <p className="card empty">{t('home.learner.notLinked')}</p>
      )}
    </>
  );
}

// ---------- JP ledger ----------

function JpSection() {
  const { t } = useTranslation();
  const tx = useTx();
  const f = useFormatters();
  const thisYear = Number(todayJakarta().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const ledger = useApi<Ledger>(`/api/learning/jp/mine?year=${year}`);
  const activities = useApi<{ items: Activity[] }>('/api/learning/activities/mine');
  const l = ledger.data?.year === year ? ledger.data : undefined;
  const pending = activities.data?.items.filter((a) => a.status === 'submitted') ?? [];
  return (
    <section className="card section" aria-labelledby="jp-title" data-testid="jp-section">
      <div className="section-head">
        <h2 id="jp-title">{t('learner.jp.title', { year })}</h2>
        <div className="field field-inline">
          <label htmlFor="jp-year">{t('learner.jp.year')}</label>
          <select id="jp-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LoadError error={ledger.error} onRetry={ledger.reload} />
      {!l && !ledger.error && <Loading />}
      {l && (
        <>
          <div className="stats">
            <div className="stat">
              <div className="stat-value" data-testid="jp-earned">
                {f.number(l.jp)}
              </div>
              <div className="stat-label">{t('learner.jp.earned', { entitlement: f.number(l.entitlement) })}</div>
            </div>
            <div className="stat">
              <div className="stat-value" data-testid="jp-expected">
                {f.number(l.expectedByNow)}
              </div>
              <div className="stat-label">{t('learner.jp.expectedLabel')}</div>
            </div>
            <div className="stat">
              <div className="stat-value" data-testid="jp-remaining">
                {f.number(Math.max(0, Math.round((l.entitlement - l.jp) * 100) / 100))}
              </div>
              <div className="stat-label">{t('learner.jp.remaining')}</div>
            </div>
            {l.heldJp > 0 && (
              <div className="stat">
                <div className="stat-value">{f.number(l.heldJp)}</div>
                <div className="stat-label">{t('learner.jp.held')}</div>
              </div>
            )}
          </div>
          <JpBar ledger={l} />
          <p className="jp-status">
            <span className={`tag ${JP_STATUS_TAG[l.status]}`} data-testid="jp-status" data-status={l.status}>
              {tx(`learner.jp.status.${l.status}`, l.status)}
            </span>{' '}
            <span data-testid="jp-status-explained">{tx(`learner.jp.explain.${l.status}`, '', { jp: f.number(l.jp), expected: f.number(l.expectedByNow), entitlement: f.number(l.entitlement), year: l.year })}</span>
          </p>
          <details className="jp-legend">
            <summary>{t('learner.jp.legendTitle')}</summary>
            <dl className="kv">
              {(['met', 'on_track', 'at_risk'] as const).map((s) => (
                <Fragment key={s}>
                  <dt>{tx(`learner.jp.status.${s}`, s)}</dt>
                  <dd>{tx(`learner.jp.legend.${s}`, s, { entitlement: f.number(l.entitlement) })}</dd>
                </Fragment>
              ))}
            </dl>
          </details>
          {pending.length > 0 && year === thisYear && (
            <p className="small">
              {t('learner.jp.pendingActivities', { count: pending.length, jp: f.number(pending.reduce((n, a) => n + a.jp, 0)) })} <Link to="/pembelajaran/kegiatan">{t('learner.jp.seeActivities')}</Link>
            </p>
          )}
          <Records ledger={l} />
        </>
      )}
    </section>
  );
}

function Records({ ledger }: { ledger: Ledger }) {
  const { t } = useTranslation();
  const tx = useTx();
  const f = useFormatters();
  if (ledger.records.length === 0) return <p className="empty">{t('learner.records.none', { year: ledger.year })}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="records">
        <caption>{t('learner.records.caption', { year: ledger.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('learner.records.date')}</th>
            <th scope="col">{t('learner.records.activity')}</th>
            <th scope="col">{t('learner.records.source')}</th>
            <th scope="col">{t('learner.records.form')}</th>
            <th scope="col" className="num">
              {t('learner.records.jp')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ledger.records.map((r) => (
            <tr key={r.id} data-testid="record" data-source={r.source} className={r.status === 'reversed' ? 'row-voided' : undefined}>
              <td className="nowrap">{f.date(r.completedOn)}</td>
              <th scope="row">
                {r.programmeId ? <Link to={`/katalog/${r.programmeId}`}>{r.title}</Link> : r.title}
                {r.status !== 'credited' && <span className="tag tag-muted">{tx(`learner.records.status.${r.status}`, r.status)}</span>}
                {r.evidenceUrl && (
                  <a className="block small" href={r.evidenceUrl} target="_blank" rel="noopener noreferrer">
                    {t('learner.records.evidence')}
                  </a>
                )}
              </th>
              <td>{tx(`learner.records.sources.${r.source}`, r.source)}</td>
              <td>{tx(`learningForm.${r.learningForm}`, r.learningForm)}</td>
              <td className="num" data-testid="record-jp">
                {f.number(r.jp)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---------- enrolments ----------

function EnrolmentsSection() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const list = useApi<{ items: Enrolment[] }>('/api/learning/enrolments/mine');
  const marked = Number(query.get('pendaftaran')) || null;
  useScrollTo(marked && list.data ? `enrolment-${marked}` : null);
  const items = list.data?.items ?? [];
  const live = items.filter((e) => LIVE_STATUSES.includes(e.status));
  const past = items.filter((e) => !LIVE_STATUSES.includes(e.status));
  return (
    <section className="card section" aria-labelledby="enrolments-title" data-testid="enrolments">
      <h2 id="enrolments-title">{t('learner.enrolments.title')}</h2>
      <LoadError error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && (
        <p className="empty">
          {t('learner.enrolments.none')} <Link to="/katalog">{t('learner.myLearning.findTraining')}</Link>
        </p>
      )}
      {live.length > 0 && (
        <>
          <h3 className="subhead">{t('learner.enrolments.current')}</h3>
          <ul className="enrolment-list">
            {live.map((e) => (
              <EnrolmentItem key={e.id} e={e} marked={e.id === marked} onChanged={list.reload} />
            ))}
          </ul>
        </>
      )}
      {past.length > 0 && (
        <>
          <h3 className="subhead">{t('learner.enrolments.past')}</h3>
          <ul className="enrolment-list">
            {past.map((e) => (
              <EnrolmentItem key={e.id} e={e} marked={e.id === marked} onChanged={list.reload} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function EnrolmentItem({ e, marked, onChanged }: { e: Enrolment; marked: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  const tx = useTx();
  const f = useFormatters();
  const loc = useLocalised();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const live = LIVE_STATUSES.includes(e.status);
  const mayWithdraw = learnerMayWithdraw(e);
  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/learning/enrolments/${e.id}/withdraw`, { method: 'POST', body: reason.trim() ? { reason: reason.trim() } : {}, quiet: true });
      setConfirming(false);
      onChanged();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const statusClass = e.status === 'completed' || e.status === 'enrolled' ? 'tag-ok' : ['not_completed', 'rejected', 'no_show'].includes(e.status) ? 'tag-danger' : e.status === 'withdrawn' ? 'tag-muted' : 'tag-draft';
  return (
    <li id={`enrolment-${e.id}`} className={`enrolment-item${marked ? ' row-selected' : ''}`} data-testid="enrolment" data-id={e.id} data-status={e.status}>
      <div className="enrolment-main">
        <h4 className="enrolment-title">
          <Link to={`/katalog/${e.programme.id}`}>{loc(e.programme.title, e.programme.titleEn)}</Link>
        </h4>
        <p className="small muted">
          {e.offering.code} · {f.date(e.offering.startDate)} – {f.date(e.offering.endDate)} · {t('learner.jp.jpValue', { jp: e.programme.jp })}
        </p>
        <p>
          <span className={`tag ${statusClass}`} data-testid="enrolment-status">
            {tx(`learner.enrolment.status.${e.status}`, e.status)}
          </span>
        </p>
        <ul className="enrolment-detail small" data-testid="enrolment-detail">
          {enrolmentDetail(e, tx).map((line) => (
            <li key={line}>{line}</li>
          ))}
          {live && mayWithdraw && <li>{t('learner.enrolment.withdrawUntil', { date: f.date(e.offering.registrationCloses) })}</li>}
          {live && !mayWithdraw && <li>{t('learner.enrolment.withdrawClosed', { date: f.date(e.offering.registrationCloses) })}</li>}
        </ul>
      </div>
      {live && mayWithdraw && (
        <div className="enrolment-actions">
          {!confirming ? (
            <button type="button" className="btn btn-outline btn-small" onClick={() => setConfirming(true)}>
              {t('learner.enrolment.withdraw')}
            </button>
          ) : (
            <div className="withdraw-confirm" role="group" aria-label={t('learner.enrolment.withdrawConfirmLabel', { code: e.offering.code })}>
              <p className="small">{t('learner.enrolment.withdrawConfirm')}</p>
              <label htmlFor={`withdraw-reason-${e.id}`} className="small">
                {t('learner.enrolment.withdrawReason')}
              </label>
              <textarea id={`withdraw-reason-${e.id}`} rows={2} maxLength={1000} value={reason} onChange={(ev) => setReason(ev.target.value)} />
              <div className="button-row">
                <button type="button" className="btn btn-primary btn-small" onClick={withdraw} disabled={busy}>
                  {busy ? t('learner.enrolment.withdrawing') : t('learner.enrolment.withdrawYes')}
                </button>
                <button type="button" className="btn btn-light btn-small" onClick={() => setConfirming(false)} disabled={busy}>
                  {t('learner.common.cancel')}
                </button>
              </div>
            </div>
          )}
          {error && (
            <Alert>
              {t('learner.enrolment.withdrawRefused')} {error.detail ?? error.title}
            </Alert>
          )}
        </div>
      )}
    </li>
  );
}

// ---------- certificates ----------

function CertificatesSection() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const list = useApi<{ items: Certificate[] }>('/api/certificates?limit=100');
  const evaluations = useApi<{ items: MyEvaluation[] }>('/api/evaluation/mine');
  const marked = query.get('sertifikat');
  useScrollTo(marked && list.data ? `certificate-${marked}` : null);
  const byCertificate = new Map((evaluations.data?.items ?? []).map((e) => [e.certificate_id, e]));
  const items = list.data?.items ?? [];
  return (
    <section className="card section" aria-labelledby="certificates-title" data-testid="certificates">
      <h2 id="certificates-title">{t('learner.certificates.title')}</h2>
      <p className="muted small measure">{t('learner.certificates.intro')}</p>
      <LoadError error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && <p className="empty">{t('learner.certificates.none')}</p>}
      <div className="certificate-grid">
        {items.map((c) => (
          <CertificateCard key={c.id} c={c} evaluation={byCertificate.get(c.id)} marked={c.id === marked} />
        ))}
      </div>
    </section>
  );
}

function CertificateCard({ c, evaluation, marked }: { c: Certificate; evaluation: MyEvaluation | undefined; marked: boolean }) {
  const { t } = useTranslation();
  const tx = useTx();
  const f = useFormatters();
  const loc = useLocalised();
  const title = loc(c.title_id, c.title_en);
  return (
    <article id={`certificate-${c.id}`} className={`card certificate-card${marked ? ' row-selected' : ''}`} data-testid="certificate" data-id={c.id} aria-labelledby={`cert-title-${c.id}`}>
      <h3 id={`cert-title-${c.id}`} className="card-title">
        {title}
      </h3>
      <p>
        <span className={`tag ${c.status === 'valid' ? 'tag-ok' : 'tag-danger'}`} data-testid="certificate-status">
          {tx(`learner.certificates.status.${c.status}`, c.status)}
        </span>
      </p>
      <dl className="kv small">
        <dt>{t('learner.certificates.number')}</dt>
        <dd className="mono">{c.number}</dd>
        <dt>{t('learner.certificates.provider')}</dt>
        <dd>{c.provider_name}</dd>
        <dt>{t('learner.certificates.completed')}</dt>
        <dd>{f.date(c.completed_on)}</dd>
        <dt>{t('learner.certificates.jp')}</dt>
        <dd>{f.number(c.jp)}</dd>
        {c.revocation_reason && (
          <>
            <dt>{t('learner.certificates.revokedReason')}</dt>
            <dd>{c.revocation_reason}</dd>
          </>
        )}
      </dl>
      <p className="button-row">
        <a className="btn btn-primary btn-small" href={c.pdf_url} download={`sertifikat-${c.number}.pdf`} data-testid="certificate-pdf">
          {t('learner.certificates.pdf')}
        </a>
        <Link className="btn btn-light btn-small" to={`/verifikasi/${c.id}`}>
          {t('learner.certificates.openVerification')}
        </Link>
      </p>
      <CopyField id={`share-${c.id}`} label={t('learner.share.label')} value={c.verify_url} />
      {evaluation && !evaluation.revoked && (
        <ul className="evaluation-todo small" data-testid="evaluation-todo">
          <li>
            {evaluation.reaction_submitted ? (
              <span data-testid="reaction-done">{t('learner.evaluation.reactionDone')}</span>
            ) : (
              <Link to={`/pembelajaran/sertifikat/${c.id}/evaluasi`} data-testid="reaction-link">
                {t('learner.evaluation.reactionTodo')}
              </Link>
            )}
          </li>
          {evaluation.change_project_expected && (
            <li>
              <Link to={`/pembelajaran/sertifikat/${c.id}/aksi-perubahan`} data-testid="change-project-link">
                {evaluation.change_project_id ? t('learner.changeProject.edit') : t('learner.changeProject.todo')}
              </Link>
            </li>
          )}
        </ul>
      )}
    </article>
  );
}

/** Scrolls the element with this id into view once it exists (a row a notification points to). */
function useScrollTo(id: string | null) {
  useEffect(() => {
    if (!id) return;
    document.getElementById(id)?.scrollIntoView({ block: 'center' });
  }, [id]);
}
