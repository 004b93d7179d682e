// Supervisor (and the agency admin for people without a supervisor): development plans waiting
// for a decision — read each, approve it or return it with a comment.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Alert, Loading, LoadError } from '../../components/Feedback.tsx';
import { JpMeter, PlanItems } from '../../components/planning/PlanView.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import type { Plan } from '../../planning.ts';

export default function PlanApprovalsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('planning.approvals.title'));
  const inbox = useApi<{ items: Plan[] }>('/api/planning/plans/approvals');
  const [done, setDone] = useState<{ name: string; decision: 'approve' | 'return' } | null>(null);
  return (
    <>
      <div className="page-head">
        <h1>{t('planning.approvals.title')}</h1>
        <p className="muted">{t('planning.approvals.intro')}</p>
      </div>
      {done && <Alert kind="success">{t(done.decision === 'approve' ? 'planning.approvals.approved' : 'planning.approvals.returned', { name: done.name })}</Alert>}
      {inbox.loading && !inbox.data && <Loading />}
      <LoadError error={inbox.error} onRetry={inbox.reload} />
      {inbox.data && inbox.data.items.length === 0 && <p className="card empty">{t('planning.approvals.empty')}</p>}
      {inbox.data?.items.map((plan) => (
        <Decision
          key={plan.id}
          plan={plan}
          onDone={(decision) => {
            setDone({ name: plan.person.name, decision });
            inbox.reload();
          }}
        />
      ))}
    </>
  );
}

function Decision({ plan, onDone }: { plan: Plan; onDone: (d: 'approve' | 'return') => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'return', event?: FormEvent) => {
    event?.preventDefault();
    if (decision === 'return' && !comment.trim()) return setMissing(true);
    setBusy(true);
    setError(null);
    try {
      await api(`/api/planning/plans/${plan.id}/${decision}`, { method: 'POST', body: comment.trim() ? { comment: comment.trim() } : {} });
      onDone(decision);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const id = `comment-${plan.id}`;
  return (
    <section className="card section" aria-labelledby={`plan-${plan.id}`} data-testid="plan-to-decide">
      <div className="section-head">
        <h2 id={`plan-${plan.id}`}>
          <Link to={`/pegawai/${plan.person.id}`}>{plan.person.name}</Link> · {plan.year}
        </h2>
        <span className="muted small">{t(plan.submissions <= 1 ? 'planning.approvals.submittedOnFirst' : 'planning.approvals.submittedOn', { date: plan.submitted_at ? format.date(plan.submitted_at) : '', n: plan.submissions })}</span>
      </div>
      <JpMeter plan={plan} />
      <PlanItems plan={plan} />
      {error && <Alert>{error.detail ?? error.title}</Alert>}
      <form className="decision-form" onSubmit={(e) => decide('approve', e)}>
        <div className="field">
          <label htmlFor={id}>{t('planning.approvals.comment')}</label>
          <textarea id={id} value={comment} onChange={(e) => (setComment(e.target.value), setMissing(false))} aria-invalid={missing || undefined} aria-describedby={missing ? `${id}-error` : `${id}-hint`} maxLength={2000} />
          {missing ? (
            <p className="field-error" id={`${id}-error`}>
              {t('planning.approvals.commentRequired')}
            </p>
          ) : (
            <p className="hint" id={`${id}-hint`}>
              {t('planning.approvals.commentHint')}
            </p>
          )}
        </div>
        <div className="plan-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('planning.approvals.approve')}
          </button>
          <button type="button" className="btn btn-outline" onClick={() => decide('return')} disabled={busy}>
            {t('planning.approvals.return')}
          </button>
        </div>
      </form>
    </section>
  );
}
