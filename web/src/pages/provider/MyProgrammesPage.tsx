// Programmes I manage or partner in (national admins: all), with their status and review state.
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { AccreditationBadge, ProgrammeStatusTag, ReviewStatusTag } from '../../components/CatalogBits.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { PROGRAMME_STATUSES, toQuery, useLocalised, type ProgrammeListItem } from '../../catalog.ts';
import { useMe } from '../../auth.tsx';
import { grantsFor, hasAnyRole } from '../../roles.ts';

export default function MyProgrammesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programmes.title'));
  const me = useMe();
  const f = useFormatters();
  const loc = useLocalised();
  const { query } = useLocation();
  const status = (PROGRAMME_STATUSES as readonly string[]).includes(query.get('status') ?? '') ? query.get('status')! : '';
  const list = useApi<{ items: ProgrammeListItem[] }>(`/api/catalog/manage/programmes${toQuery({ status, limit: 200 })}`);
  const canCreate = hasAnyRole(me, ['provider_admin', 'national_admin']);

  return (
    <>
      <div className="page-head section-head">
        <div>
          <h1>{t('programmes.title')}</h1>
          <p className="muted">{t('programmes.intro')}</p>
        </div>
        <div className="button-row">
          {grantsFor(me, 'provider_admin')
            .filter((g) => g.scopeId !== null)
            .map((g) => (
              <Link key={g.scopeId} to={`/admin/penyelenggara/${g.scopeId}`} className="btn btn-outline">
                {t('programmes.providerProfile', { name: g.scopeName ?? g.scope })}
              </Link>
            ))}
          {canCreate && (
            <Link to="/penyelenggara/program/baru" className="btn btn-primary">
              {t('programmes.create')}
            </Link>
          )}
        </div>
      </div>
      <div className="filters-row">
        <div className="field">
          <label htmlFor="programme-status">{t('programmes.statusFilter')}</label>
          <select id="programme-status" value={status} onChange={(e) => navigate(`/penyelenggara/program${toQuery({ status: e.target.value })}`)}>
            <option value="">{t('programmes.allStatuses')}</option>
            {PROGRAMME_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`programmeStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LoadError error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('programmes.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="programme-list">
              <caption className="sr-only">{t('programmes.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programmes.programme')}</th>
                  <th scope="col">{t('programmes.provider')}</th>
                  <th scope="col" className="num">
                    JP
                  </th>
                  <th scope="col">{t('programmes.status')}</th>
                  <th scope="col">{t('programme.accreditation')}</th>
                  <th scope="col">{t('programmes.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((p) => (
                  <tr key={p.id} data-code={p.code}>
                    <th scope="row">
                      <Link to={`/penyelenggara/program/${p.id}`}>{loc(p.title_id, p.title_en)}</Link>
                      <span className="block small muted mono">{p.code}</span>
                    </th>
                    <td>
                      {p.provider.name}
                      {p.my_part === 'partner' && <span className="block small muted">{t('programmes.asPartner')}</span>}
                    </td>
                    <td className="num">{p.jp}</td>
                    <td>
                      <ProgrammeStatusTag status={p.status} /> <ReviewStatusTag status={p.review_status} />
                    </td>
                    <td>
                      <AccreditationBadge accreditation={p.accreditation} />
                    </td>
                    <td className="nowrap">{f.date(p.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
