// The enrol flow on a programme's page: a civil servant requests a seat in a cohort whose
// registration is open. Refusals say why in the learner's words (not eligible, registration not
// open, already enrolled, the agency's quota taken) with the server's detail; a request that goes
// through says what happens next — who approves, whether a seat is held or the waitlist waits —
// and leads to My learning. Someone who already has an enrolment in the programme sees it instead.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Alert } from '../../components/Feedback.tsx';
import { useApi, useFormatters } from '../../hooks.ts';
import { LIVE_STATUSES, problemKind, type Enrolment } from '../../learning.ts';
import { Link } from '../../router.tsx';
import { useTx } from './bits.tsx';

const KNOWN_REFUSALS = ['not-eligible', 'registration-closed', 'already-enrolled', 'quota-exceeded'];

/** My enrolments (civil servants only; null path for others). */
export function useMyEnrolments(enabled: boolean) {
  return useApi<{ items: Enrolment[] }>(enabled ? '/api/learning/enrolments/mine' : null);
}

/** The enrolment that blocks a new request in this programme: a live one, or a completion. */
export function blockingEnrolment(items: Enrolment[] | undefined, programmeId: number): Enrolment | undefined {
  return items?.find((e) => e.programme.id === programmeId && (LIVE_STATUSES.includes(e.status) || e.status === 'completed'));
}

export function RequestSeat({ offering, existing, open, onRequested }: { offering: { id: number; code: string; seats_left: number }; existing: Enrolment | undefined; open: boolean; onRequested(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Enrolment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const request = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await api<Enrolment>('/api/learning/enrolments', { method: 'POST', body: { offeringId: offering.id }, quiet: true }));
      onRequested();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  if (done) return <Requested e={done} />;
  if (existing) return <AlreadyThere e={existing} offeringId={offering.id} />;
  if (!open) return null;
  return (
    <div className="request-seat">
      {error && <Refusal error={error} />}
      <p className="small muted">{offering.seats_left > 0 ? t('learner.enrol.beforeSeat') : t('learner.enrol.beforeFull')}</p>
      <button type="button" className="btn btn-primary" onClick={request} disabled={busy}>
        {busy ? t('programme.requesting') : t('programme.requestSeat')}
      </button>
    </div>
  );
}

function Refusal({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const tx = useTx();
  const kind = problemKind(error);
  const known = kind !== undefined && KNOWN_REFUSALS.includes(kind);
  return (
    <div className="alert alert-error" role="alert" data-testid="enrol-refused" data-kind={kind ?? ''}>
      <p>
        <strong>{known ? tx(`learner.enrol.refused.${kind}`, error.title) : t('learner.enrol.refusedOther')}</strong>
      </p>
      {known && <p className="small">{tx(`learner.enrol.refusedHelp.${kind}`, '')}</p>}
      <p className="small" data-testid="enrol-refused-detail">
        {t('learner.enrol.serverSays', { detail: error.detail ?? error.title })}
      </p>
      {kind === 'already-enrolled' && (
        <p className="small">
          <Link to="/pembelajaran">{t('learner.enrol.toMyLearning')}</Link>
        </p>
      )}
    </div>
  );
}

/** What happens next after a request. */
function Requested({ e }: { e: Enrolment }) {
  const { t } = useTranslation();
  const steps: string[] = [];
  if (e.status === 'enrolled') steps.push(t('learner.enrol.next.enrolled'));
  else if (e.status === 'waitlisted') steps.push(t('learner.enrol.next.waitlisted', { position: e.queuePosition ?? '?' }));
  else {
    if (e.approvals.supervisor === 'pending') steps.push(t('learner.enrol.next.supervisor'));
    if (e.approvals.agency === 'pending') steps.push(e.approvals.supervisor === 'pending' ? t('learner.enrol.next.agencyAfter') : t('learner.enrol.next.agency'));
    steps.push(e.seat === 'held' ? t('learner.enrol.next.seatHeld') : t('learner.enrol.next.queued', { position: e.queuePosition ?? '?' }));
    steps.push(t('learner.enrol.next.notified'));
  }
  return (
    <div className="alert alert-success enrol-done" role="status" data-testid="enrol-confirmation" data-status={e.status}>
      <p>
        <strong>{e.status === 'enrolled' ? t('learner.enrol.doneEnrolled') : e.status === 'waitlisted' ? t('learner.enrol.doneWaitlisted') : t('learner.enrol.doneRequested')}</strong>
      </p>
      <ol className="small">
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p>
        <Link to={`/pembelajaran?pendaftaran=${e.id}`}>{t('learner.enrol.toMyLearning')}</Link>
      </p>
    </div>
  );
}

function AlreadyThere({ e, offeringId }: { e: Enrolment; offeringId: number }) {
  const { t } = useTranslation();
  const tx = useTx();
  const f = useFormatters();
  const status = tx(`learner.enrolment.status.${e.status}`, e.status);
  const text =
    e.status === 'completed'
      ? t('learner.enrol.alreadyCompleted', { date: e.finishedAt ? f.date(e.finishedAt) : e.offering.code })
      : e.offering.id === offeringId
        ? t('learner.enrol.alreadyHere', { status })
        : t('learner.enrol.alreadyOther', { code: e.offering.code, status });
  return (
    <p className="alert alert-info small" data-testid="enrol-existing" data-status={e.status}>
      {text} <Link to={`/pembelajaran?pendaftaran=${e.id}`}>{t('learner.enrol.toMyLearning')}</Link>
    </p>
  );
}
