// The agency's enrolments (/instansi/pendaftaran): every request, nomination and placement of the
// agency's people, newest first, filtered by status (server) and by a name, programme or cohort
// code (in the page), with the approval steps and the seat or waitlist place of each.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { ENROLMENT_STATUSES, useAgencyChoice, useLearningLabels, type Enrolment } from '../../learningAdmin.ts';
import { Link } from '../../router.tsx';
import { AgencyPicker, DateRange, StatusTag } from './parts.tsx';
import '../../styles/learning-admin.css';

export default function AgencyEnrolmentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('learningAdmin.enrolments.title'));
  const choice = useAgencyChoice();
  const [status, setStatus] = useState('');
  const [text, setText] = useState('');
  const ids = { status: useId(), text: useId() };
  const params = new URLSearchParams({ limit: '500' });
  if (status) params.set('status', status);
  const list = useApi<{ items: Enrolment[] }>(choice.agencyId ? `/api/learning/agencies/${choice.agencyId}/enrolments?${params}` : null);
  const labels = useLearningLabels();
  const f = useFormatters();
  const needle = text.trim().toLowerCase();
  const items = useMemo(
    () => (list.data?.items ?? []).filter((e) => !needle || [e.person.name, e.programme.code, e.programme.title, e.offering.code].some((v) => v.toLowerCase().includes(needle))),
    [list.data, needle],
  );
  const approval = (a: string) => t(`learningAdmin.approvalState.${a}` as 'learningAdmin.approvalState.pending');
  return (
    <>
      <div className="page-head">
        <h1>{t('learningAdmin.enrolments.title')}</h1>
        <p className="muted">{t('learningAdmin.enrolments.intro')}</p>
        <p className="card-links">
          <Link to="/instansi/nominasi">{t('learningAdmin.enrolments.nominate')}</Link>
          <Link to="/persetujuan">{t('learningAdmin.enrolments.approvals')}</Link>
        </p>
      </div>
      <div className="card">
        <div className="la-filters">
          <AgencyPicker choice={choice} />
          <div className="field">
            <label htmlFor={ids.status}>{t('learningAdmin.enrolments.status')}</label>
            <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('learningAdmin.enrolments.allStatuses')}</option>
              {ENROLMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {labels.status(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.text}>{t('learningAdmin.enrolments.filter')}</label>
            <input id={ids.text} type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={100} />
          </div>
        </div>
        {list.loading && <Loading />}
        <LoadError error={list.error} onRetry={list.reload} />
        {list.data && (
          <p className="muted small" aria-live="polite" data-testid="enrolment-count">
            {t('learningAdmin.enrolments.shown', { count: items.length })}
          </p>
        )}
        {list.data && items.length === 0 && <p className="empty">{t('learningAdmin.enrolments.none')}</p>}
        {items.length > 0 && (
          <div className="table-wrap">
            <table className="table" data-testid="agency-enrolments">
              <caption className="sr-only">{t('learningAdmin.enrolments.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('person.name')}</th>
                  <th scope="col">{t('learningAdmin.programme')}</th>
                  <th scope="col">{t('learningAdmin.cohortAndDates')}</th>
                  <th scope="col">{t('learningAdmin.enrolments.status')}</th>
                  <th scope="col">{t('learningAdmin.enrolments.approvalSteps')}</th>
                  <th scope="col">{t('learningAdmin.approvals.requestedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} data-testid="agency-enrolment" data-status={e.status} data-person={e.person.id}>
                    <th scope="row">
                      <Link to={`/pegawai/${e.person.id}`}>{e.person.name}</Link>
                      {e.origin === 'nomination' && <span className="block small muted">{t('learningAdmin.nominatedBy', { by: e.nominatedBy ?? '' })}</span>}
                    </th>
                    <td>
                      <span className="mono small">{e.programme.code}</span>
                      <span className="block">{e.programme.title}</span>
                    </td>
                    <td>
                      <span className="mono small">{e.offering.code}</span>
                      <span className="block">
                        <DateRange from={e.offering.startDate} to={e.offering.endDate} />
                      </span>
                    </td>
                    <td>
                      <StatusTag status={e.status} />
                      {e.seat === 'queued' && <span className="block small muted">{t('learningAdmin.seatQueued', { position: e.queuePosition ?? '?' })}</span>}
                      {e.reason && <span className="block small muted">{e.reason}</span>}
                    </td>
                    <td className="small">
                      {t('learningAdmin.enrolments.supervisorStep', { state: approval(e.approvals.supervisor) })}
                      <span className="block">{t('learningAdmin.enrolments.agencyStep', { state: approval(e.approvals.agency) })}</span>
                    </td>
                    <td className="small">{f.dateTime(e.requestedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
