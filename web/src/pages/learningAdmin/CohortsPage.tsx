// The cohorts a provider admin works on (/penyelenggara/angkatan): offerings of the programmes
// their provider leads or partners in, with participants, people waiting and those finished.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { OFFERING_STATUSES, useLocalised } from '../../catalog.ts';
import { useApi, useDocumentTitle } from '../../hooks.ts';
import type { CohortListItem } from '../../learningAdmin.ts';
import { Link } from '../../router.tsx';
import { DateRange } from './parts.tsx';
import '../../styles/learning-admin.css';

export function CohortTable({ items, caption }: { items: CohortListItem[]; caption: string }) {
  const { t } = useTranslation();
  const loc = useLocalised();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="cohort-list">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('learningAdmin.cohorts.cohort')}</th>
            <th scope="col">{t('learningAdmin.programme')}</th>
            <th scope="col">{t('programme.dates')}</th>
            <th scope="col">{t('offering.status')}</th>
            <th scope="col" className="num">
              {t('learningAdmin.cohorts.enrolled')}
            </th>
            <th scope="col" className="num">
              {t('learningAdmin.cohorts.waiting')}
            </th>
            <th scope="col" className="num">
              {t('learningAdmin.cohorts.finished')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id} data-testid="cohort-item" data-offering={o.id}>
              <th scope="row">
                <Link to={`/penyelenggara/angkatan/${o.id}`}>{o.code}</Link>
                {o.myPart === 'partner' && <span className="block small muted">{t('learningAdmin.cohorts.partnerOf', { lead: o.leadProviderCode })}</span>}
              </th>
              <td>
                <span className="mono small">{o.programme.code}</span>
                <span className="block">{loc(o.programme.titleId, o.programme.titleEn)}</span>
              </td>
              <td>
                <DateRange from={o.startDate} to={o.endDate} />
              </td>
              <td>
                <span className="tag">{t(`offeringStatus.${o.status}` as 'offeringStatus.open')}</span>
              </td>
              <td className="num">
                {o.enrolled} / {o.capacity}
              </td>
              <td className="num">{o.waiting}</td>
              <td className="num">{o.finished}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function CohortsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('learningAdmin.cohorts.title'));
  const [status, setStatus] = useState('');
  const statusId = useId();
  const list = useApi<{ items: CohortListItem[] }>(`/api/learning/cohorts${status ? `?status=${status}` : ''}`);
  return (
    <>
      <div className="page-head">
        <h1>{t('learningAdmin.cohorts.title')}</h1>
        <p className="muted">{t('learningAdmin.cohorts.intro')}</p>
      </div>
      <div className="card">
        <div className="la-filters">
          <div className="field">
            <label htmlFor={statusId}>{t('offering.status')}</label>
            <select id={statusId} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('learningAdmin.cohorts.allStatuses')}</option>
              {OFFERING_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`offeringStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {list.loading && <Loading />}
        <LoadError error={list.error} onRetry={list.reload} />
        {list.data && (list.data.items.length ? <CohortTable items={list.data.items} caption={t('learningAdmin.cohorts.title')} /> : <p className="empty">{t('learningAdmin.cohorts.none')}</p>)}
      </div>
    </>
  );
}
