// National admins: every provider with its kind and institution accreditation; each opens the
// provider's page with the accreditation history and the form to record a decision.
import { useTranslation } from 'react-i18next';
import { AccreditationBadge } from '../../components/CatalogBits.tsx';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { PROVIDER_KINDS, toQuery, type PublicProvider } from '../../catalog.ts';

export default function ProvidersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('providers.title'));
  const f = useFormatters();
  const { query } = useLocation();
  const kind = (PROVIDER_KINDS as readonly string[]).includes(query.get('kind') ?? '') ? query.get('kind')! : '';
  const list = useApi<{ items: PublicProvider[] }>(`/api/catalog/providers${toQuery({ kind, limit: 200 })}`);
  return (
    <>
      <div className="page-head">
        <h1>{t('providers.title')}</h1>
        <p className="muted measure">{t('providers.intro')}</p>
      </div>
      <div className="filters-row">
        <div className="field">
          <label htmlFor="provider-kind">{t('providers.kind')}</label>
          <select id="provider-kind" value={kind} onChange={(e) => navigate(`/admin/penyelenggara${toQuery({ kind: e.target.value })}`)}>
            <option value="">{t('providers.allKinds')}</option>
            {PROVIDER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`providerKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LoadError error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <div className="table-wrap">
          <table className="table" data-testid="provider-list">
            <caption className="sr-only">{t('providers.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('providers.name')}</th>
                <th scope="col">{t('providers.kind')}</th>
                <th scope="col">{t('programme.accreditation')}</th>
                <th scope="col">{t('accreditation.validTo')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id} data-code={p.code}>
                  <th scope="row">
                    <Link to={`/admin/penyelenggara/${p.id}`}>{p.name}</Link>
                    <span className="block small muted mono">{p.code}</span>
                  </th>
                  <td>{t(`providerKinds.${p.kind}`)}</td>
                  <td>
                    <AccreditationBadge accreditation={p.accreditation} />
                  </td>
                  <td className="nowrap">{p.accreditation.valid_to ? f.date(p.accreditation.valid_to) : t('common.empty')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
