// The approval inbox (/persetujuan). Supervisors: enrolment requests of their direct reports
// (who, which offering, dates, JP, the gap the programme addresses), self-reported activities,
// level-3 follow-ups that are due, and change-project outcomes to record. Agency admins: the
// agency's approval queue and the setting that puts it in the path, and activities of people
// without a supervisor. Every decision is the server's to allow; the page shows what it answers.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { useAgencyChoice, useLearningLabels, type Activity, type ApprovalInbox, type ChangeProjectItem, type Enrolment, type FollowUp } from '../../learningAdmin.ts';
import { Link } from '../../router.tsx';
import { hasAnyRole } from '../../roles.ts';
import { AgencyPicker, DateRange, Done, ProblemAlert, StatusTag, useRun } from './parts.tsx';
import { GapCell } from './GapCell.tsx';
import { FollowUpForm, OutcomeForm } from './EvaluationForms.tsx';
import '../../styles/learning-admin.css';

export default function ApprovalsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('learningAdmin.approvals.title'));
  const me = useMe();
  const inbox = useApi<ApprovalInbox>('/api/learning/approvals');
  const supervisor = hasAnyRole(me, ['supervisor']);
  const agencyAdmin = hasAnyRole(me, ['agency_admin', 'national_admin']);
  return (
    <>
      <div className="page-head">
        <h1>{t('learningAdmin.approvals.title')}</h1>
        <p className="muted">{t(supervisor ? 'learningAdmin.approvals.introSupervisor' : 'learningAdmin.approvals.introAgency')}</p>
      </div>
      {inbox.loading && !inbox.data && <Loading />}
      <LoadError error={inbox.error} onRetry={inbox.reload} />
      {inbox.data && (
        <>
          {supervisor && <Requests title={t('learningAdmin.approvals.requests')} items={inbox.data.asSupervisor} testId="supervisor-requests" onChange={inbox.reload} />}
          {agencyAdmin && <AgencyQueue items={inbox.data.asAgency} onChange={inbox.reload} />}
          {(supervisor || inbox.data.activities.length > 0) && <Activities items={inbox.data.activities} onChange={inbox.reload} />}
        </>
      )}
      {supervisor && <FollowUps />}
      {supervisor && <Outcomes />}
    </>
  );
}

// ---------- enrolment requests ----------

function Requests({ title, items, testId, onChange, empty }: { title: string; items: Enrolment[]; testId: string; onChange(): void; empty?: string }) {
  const { t } = useTranslation();
  const action = useRun();
  const headingId = useId();
  return (
    <section className="card section" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>
        {title} <span className="card-count">{t('learningAdmin.approvals.waiting', { count: items.length })}</span>
      </h2>
      <Done text={action.done} />
      <ProblemAlert error={action.error} />
      {items.length === 0 ? (
        <p className="empty">{empty ?? t('learningAdmin.approvals.noRequests')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('learningAdmin.programme')}</th>
                <th scope="col">{t('learningAdmin.cohortAndDates')}</th>
                <th scope="col" className="num">
                  JP
                </th>
                <th scope="col">{t('learningAdmin.approvals.gap')}</th>
                <th scope="col">{t('learningAdmin.approvals.requestedAt')}</th>
                <th scope="col">{t('learningAdmin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <RequestRow key={e.id} e={e} action={action} onChange={onChange} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RequestRow({ e, action, onChange }: { e: Enrolment; action: ReturnType<typeof useRun>; onChange(): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const labels = useLearningLabels();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const decide = async (decision: 'approve' | 'reject') => {
    const body = decision === 'approve' ? {} : { reason: reason.trim() };
    const r = await action.run(
      () => api<{ id: number; status: string }>(`/api/learning/enrolments/${e.id}/${decision}`, { method: 'POST', body, quiet: true }),
      (res) => t(decision === 'approve' ? 'learningAdmin.approvals.approved' : 'learningAdmin.approvals.rejected', { name: e.person.name, code: e.offering.code, status: labels.status(res.status) }),
    );
    if (r) onChange();
  };
  const submitReject = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) void decide('reject');
  };
  return (
    <>
      <tr data-testid="request" data-enrolment={e.id}>
        <th scope="row">
          <Link to={`/pegawai/${e.person.id}`}>{e.person.name}</Link>
          {e.origin === 'nomination' && <span className="block small muted">{t('learningAdmin.nominatedBy', { by: e.nominatedBy ?? '' })}</span>}
        </th>
        <td>
          <span className="mono small">{e.programme.code}</span>
          <span className="block">{e.programme.title}</span>
          {(e.requiredByPosition || e.mandatory) && <span className="tag tag-draft">{t(e.mandatory ? 'learningAdmin.mandatory' : 'learningAdmin.requiredByPosition')}</span>}
        </td>
        <td>
          <span className="mono small">{e.offering.code}</span>
          <span className="block" data-testid="dates">
            <DateRange from={e.offering.startDate} to={e.offering.endDate} />
          </span>
          <span className="block small muted">{e.seat === 'held' ? t('learningAdmin.seatHeld') : t('learningAdmin.seatQueued', { position: e.queuePosition ?? '?' })}</span>
        </td>
        <td className="num" data-testid="jp">
          {e.programme.jp}
        </td>
        <td>
          <GapCell personId={e.person.id} programmeId={e.programme.id} fallback={e.priorityGap} />
        </td>
        <td className="small">{f.dateTime(e.requestedAt)}</td>
        <td>
          <div className="button-row">
            <button type="button" className="btn btn-primary btn-small" disabled={action.busy} onClick={() => void decide('approve')}>
              {t('learningAdmin.approve')}
              <span className="sr-only"> {e.person.name}</span>
            </button>
            <button type="button" className="btn btn-outline btn-small" disabled={action.busy} aria-expanded={rejecting} onClick={() => setRejecting((v) => !v)}>
              {t('learningAdmin.reject')}
              <span className="sr-only"> {e.person.name}</span>
            </button>
          </div>
        </td>
      </tr>
      {rejecting && (
        <tr className="row-form">
          <td colSpan={7}>
            <form className="inline-form" onSubmit={submitReject}>
              <label htmlFor={reasonId}>{t('learningAdmin.rejectReason', { name: e.person.name })}</label>
              <textarea id={reasonId} value={reason} maxLength={1000} rows={2} required onChange={(ev) => setReason(ev.target.value)} />
              <div className="button-row">
                <button type="submit" className="btn btn-primary btn-small" disabled={action.busy || !reason.trim()}>
                  {t('learningAdmin.sendRejection')}
                </button>
                <button type="button" className="btn btn-light btn-small" onClick={() => setRejecting(false)}>
                  {t('learningAdmin.cancel')}
                </button>
              </div>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}

// ---------- the agency's approvals and its setting ----------

function AgencyQueue({ items, onChange }: { items: Enrolment[]; onChange(): void }) {
  const { t } = useTranslation();
  const choice = useAgencyChoice(['agency_admin']);
  return (
    <>
      <section className="card section" aria-labelledby="agency-setting-title" data-testid="agency-setting">
        <h2 id="agency-setting-title">{t('learningAdmin.setting.title')}</h2>
        <AgencyPicker choice={choice} />
        {choice.agencyId !== null && <AgencySetting key={choice.agencyId} agencyId={choice.agencyId} />}
      </section>
      <Requests title={t('learningAdmin.approvals.agencyQueue')} items={items.filter((e) => choice.agencyId === null || e.person.agencyId === choice.agencyId)} testId="agency-requests" onChange={onChange} empty={t('learningAdmin.approvals.noAgencyRequests')} />
    </>
  );
}

function AgencySetting({ agencyId }: { agencyId: number }) {
  const { t } = useTranslation();
  const setting = useApi<{ agencyId: number; agencyApprovalRequired: boolean }>(`/api/learning/agencies/${agencyId}/settings`);
  const save = useRun();
  const id = useId();
  if (!setting.data) return <>{setting.loading ? <Loading /> : <LoadError error={setting.error} onRetry={setting.reload} />}</>;
  const toggle = async (value: boolean) => {
    const r = await save.run(
      () => api(`/api/learning/agencies/${agencyId}/settings`, { method: 'PUT', body: { agencyApprovalRequired: value }, quiet: true }),
      () => t(value ? 'learningAdmin.setting.savedOn' : 'learningAdmin.setting.savedOff'),
    );
    if (r) setting.reload();
  };
  return (
    <>
      <p className="check la-check">
        <input id={id} type="checkbox" checked={setting.data.agencyApprovalRequired} disabled={save.busy} onChange={(e) => void toggle(e.target.checked)} />
        <label htmlFor={id}>{t('learningAdmin.setting.label')}</label>
      </p>
      <p className="hint">{t('learningAdmin.setting.hint')}</p>
      <Done text={save.done} />
      <ProblemAlert error={save.error} />
    </>
  );
}

// ---------- self-reported activities ----------

function Activities({ items, onChange }: { items: Activity[]; onChange(): void }) {
  const { t } = useTranslation();
  const action = useRun();
  return (
    <section className="card section" aria-labelledby="activities-title" data-testid="activities">
      <h2 id="activities-title">
        {t('learningAdmin.activities.title')} <span className="card-count">{t('learningAdmin.approvals.waiting', { count: items.length })}</span>
      </h2>
      <p className="muted small">{t('learningAdmin.activities.intro')}</p>
      <Done text={action.done} />
      <ProblemAlert error={action.error} />
      {items.length === 0 ? (
        <p className="empty">{t('learningAdmin.activities.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('learningAdmin.activities.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('learningAdmin.activities.activity')}</th>
                <th scope="col">{t('learningAdmin.activities.when')}</th>
                <th scope="col" className="num">
                  {t('learningAdmin.activities.minutes')}
                </th>
                <th scope="col" className="num">
                  JP
                </th>
                <th scope="col">{t('learningAdmin.activities.evidence')}</th>
                <th scope="col">{t('learningAdmin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <ActivityRow key={a.id} a={a} action={action} onChange={onChange} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ActivityRow({ a, action, onChange }: { a: Activity; action: ReturnType<typeof useRun>; onChange(): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const labels = useLearningLabels();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const decide = async (decision: 'approve' | 'reject') => {
    const r = await action.run(
      () => api(`/api/learning/activities/${a.id}/${decision}`, { method: 'POST', body: decision === 'approve' ? {} : { reason: reason.trim() }, quiet: true }),
      () => t(decision === 'approve' ? 'learningAdmin.activities.approved' : 'learningAdmin.activities.rejected', { name: a.personName ?? '', title: a.title, jp: f.number(a.jp) }),
    );
    if (r) onChange();
  };
  return (
    <>
      <tr data-testid="activity" data-activity={a.id}>
        <th scope="row">{a.personName ? <Link to={`/pegawai/${a.civilServantId}`}>{a.personName}</Link> : t('common.empty')}</th>
        <td>
          {a.title}
          <span className="block small muted">
            {labels.form(a.learningForm)}
            {a.organiser ? ` · ${a.organiser}` : ''}
          </span>
        </td>
        <td>
          <DateRange from={a.startedOn} to={a.endedOn} />
        </td>
        <td className="num">{f.number(a.minutes)}</td>
        <td className="num">{f.number(a.jp)}</td>
        <td className="small break">
          {a.evidenceUrl && (
            <a href={a.evidenceUrl} target="_blank" rel="noopener noreferrer">
              {t('learningAdmin.activities.openEvidence')}
            </a>
          )}
          {a.evidenceNote && <span className="block">{a.evidenceNote}</span>}
        </td>
        <td>
          <div className="button-row">
            <button type="button" className="btn btn-primary btn-small" disabled={action.busy} onClick={() => void decide('approve')}>
              {t('learningAdmin.approve')}
              <span className="sr-only"> {a.title}</span>
            </button>
            <button type="button" className="btn btn-outline btn-small" disabled={action.busy} aria-expanded={rejecting} onClick={() => setRejecting((v) => !v)}>
              {t('learningAdmin.reject')}
              <span className="sr-only"> {a.title}</span>
            </button>
          </div>
        </td>
      </tr>
      {rejecting && (
        <tr className="row-form">
          <td colSpan={7}>
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (reason.trim()) void decide('reject');
              }}
            >
              <label htmlFor={reasonId}>{t('learningAdmin.activities.rejectReason', { title: a.title })}</label>
              <textarea id={reasonId} value={reason} maxLength={1000} rows={2} required onChange={(ev) => setReason(ev.target.value)} />
              <div className="button-row">
                <button type="submit" className="btn btn-primary btn-small" disabled={action.busy || !reason.trim()}>
                  {t('learningAdmin.sendRejection')}
                </button>
                <button type="button" className="btn btn-light btn-small" onClick={() => setRejecting(false)}>
                  {t('learningAdmin.cancel')}
                </button>
              </div>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}

// ---------- level 3 and level 4 ----------

function FollowUps() {
  const { t } = useTranslation();
  const f = useFormatters();
  const list = useApi<{ items: FollowUp[] }>('/api/evaluation/follow-ups');
  const [open, setOpen] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const items = list.data?.items ?? [];
  const due = items.filter((x) => x.due_on <= today);
  return (
    <section className="card section" aria-labelledby="followups-title" data-testid="follow-ups">
      <h2 id="followups-title">
        {t('learningAdmin.followUps.title')} <span className="card-count">{t('learningAdmin.followUps.dueCount', { count: due.length })}</span>
      </h2>
      <p className="muted small">{t('learningAdmin.followUps.intro')}</p>
      {list.loading && !list.data && <Loading />}
      <LoadError error={list.error} onRetry={list.reload} />
      <Done text={done} />
      {list.data && items.length === 0 && <p className="empty">{t('learningAdmin.followUps.none')}</p>}
      {items.length > 0 && (
        <ul className="task-list">
          {items.map((x) => {
            const isDue = x.due_on <= today;
            return (
              <li key={x.id} className="task" data-testid="follow-up" data-due={isDue}>
                <div className="task-head">
                  <div>
                    <strong>{x.name}</strong> · <span className="mono small">{x.programme_code}</span> {x.title_id}
                    <span className="block small muted">
                      {t('learningAdmin.followUps.completedOn', { date: f.date(x.completed_on) })} · {t(isDue ? 'learningAdmin.followUps.dueSince' : 'learningAdmin.followUps.dueOn', { date: f.date(x.due_on) })}
                    </span>
                  </div>
                  {isDue ? (
                    <button type="button" className="btn btn-outline btn-small" aria-expanded={open === x.id} onClick={() => setOpen(open === x.id ? null : x.id)}>
                      {t('learningAdmin.followUps.fill')}
                      <span className="sr-only"> {x.name}</span>
                    </button>
                  ) : (
                    <span className="tag tag-muted">{t('learningAdmin.followUps.notYet')}</span>
                  )}
                </div>
                {open === x.id && (
                  <FollowUpForm
                    followUp={x}
                    onDone={(score) => {
                      setOpen(null);
                      setDone(t('learningAdmin.followUps.sent', { name: x.name, score: f.number(score) }));
                      list.reload();
                    }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Outcomes() {
  const { t } = useTranslation();
  const labels = useLearningLabels();
  const list = useApi<{ items: ChangeProjectItem[] }>('/api/evaluation/change-projects?limit=100');
  const [open, setOpen] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = (list.data?.items ?? []).filter((p) => p.my_rights.supervisor && p.my_rights.outcome);
  return (
    <section className="card section" aria-labelledby="outcomes-title" data-testid="outcomes">
      <h2 id="outcomes-title">
        {t('learningAdmin.outcomes.title')} <span className="card-count">{t('learningAdmin.outcomes.toRecord', { count: items.filter((p) => !p.outcome_status).length })}</span>
      </h2>
      <p className="muted small">{t('learningAdmin.outcomes.intro')}</p>
      {list.loading && !list.data && <Loading />}
      <LoadError error={list.error} onRetry={list.reload} />
      <Done text={done} />
      {list.data && items.length === 0 && <p className="empty">{t('learningAdmin.outcomes.none')}</p>}
      {items.length > 0 && (
        <ul className="task-list">
          {items.map((p) => (
            <li key={p.id} className="task" data-testid="change-project">
              <div className="task-head">
                <div>
                  <strong>{p.title}</strong>
                  <span className="block small muted">
                    {p.holder_name} · <span className="mono">{p.programme.code}</span> · {p.year}
                  </span>
                  <span className="block small">{p.outcome_status ? t('learningAdmin.outcomes.recorded', { status: labels.outcome(p.outcome_status), score: p.outcome_score ?? '' }) : t('learningAdmin.outcomes.notRecorded')}</span>
                </div>
                <button type="button" className="btn btn-outline btn-small" aria-expanded={open === p.id} onClick={() => setOpen(open === p.id ? null : p.id)}>
                  {t(p.outcome_status ? 'learningAdmin.outcomes.update' : 'learningAdmin.outcomes.record')}
                  <span className="sr-only"> {p.title}</span>
                </button>
              </div>
              {open === p.id && (
                <>
                  <dl className="kv small">
                    <dt>{t('learningAdmin.outcomes.problem')}</dt>
                    <dd className="prewrap">{p.problem}</dd>
                    <dt>{t('learningAdmin.outcomes.change')}</dt>
                    <dd className="prewrap">{p.change}</dd>
                    <dt>{t('learningAdmin.outcomes.results')}</dt>
                    <dd className="prewrap">{p.results}</dd>
                  </dl>
                  <OutcomeForm
                    project={p}
                    onDone={(status) => {
                      setOpen(null);
                      setDone(t('learningAdmin.outcomes.saved', { title: p.title, status: labels.outcome(status) }));
                      list.reload();
                    }}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
