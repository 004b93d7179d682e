// One provider for national admins (and its own admins, read-only here): profile, provinces
// served, the institution accreditation history, and the form to record a new decision.
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth.tsx';
import { AccreditationBadge } from '../../components/CatalogBits.tsx';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import { hasAnyRole } from '../../roles.ts';
import { idParam, type PageProps } from '../../routes.tsx';
import { NotFoundPage } from '../StatusPages.tsx';
import { provinceName, useLocalised, type AccreditationRecord, type PublicProvider } from '../../catalog.ts';
import { AccreditationForm, AccreditationHistory } from './AccreditationParts.tsx';

export default function ProviderAdminPage({ params }: PageProps) {
  const { t } = useTranslation();
  const id = idParam(params.id);
  const me = useMe();
  const loc = useLocalised();
  const provider = useApi<PublicProvider & { contacts: { name: string; title?: string; email?: string; phone?: string }[] }>(id ? `/api/catalog/manage/providers/${id}` : null);
  const history = useApi<{ items: AccreditationRecord[] }>(id ? `/api/catalog/providers/${id}/accreditations` : null);
  const p = provider.data;
  useDocumentTitle(p?.name ?? t('providers.title'));
  if (!id || provider.error?.status === 404) return <NotFoundPage />;
  if (provider.error) return <LoadError error={provider.error} onRetry={provider.reload} />;
  if (!p) return <Loading />;
  const reload = () => {
    provider.reload();
    history.reload();
  };
  return (
    <>
      {hasAnyRole(me, ['national_admin']) && (
        <nav className="breadcrumb" aria-label={t('personPage.breadcrumb')}>
          <Link to="/admin/penyelenggara">{t('providers.title')}</Link> / <span className="mono">{p.code}</span>
        </nav>
      )}
      <div className="page-head">
        <h1>{p.name}</h1>
        <p className="result-tags">
          <span className="tag">{t(`providerKinds.${p.kind}`)}</span> <AccreditationBadge accreditation={p.accreditation} />
        </p>
      </div>
      <section className="card section" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('providers.profile')}</h2>
        {loc(p.description_id, p.description_en) && <p>{loc(p.description_id, p.description_en)}</p>}
        <dl className="kv">
          <dt>{t('providers.website')}</dt>
          <dd>{p.website ?? t('common.empty')}</dd>
          <dt>{t('providers.contact')}</dt>
          <dd>{[p.email, p.phone].filter(Boolean).join(' · ') || t('common.empty')}</dd>
          <dt>{t('providers.address')}</dt>
          <dd>{p.address ?? t('common.empty')}</dd>
          <dt>{t('providers.provinces')}</dt>
          <dd>{p.provinces_served.length ? p.provinces_served.map(provinceName).join(', ') : t('common.empty')}</dd>
          <dt>{t('providers.contacts')}</dt>
          <dd>{p.contacts?.length ? p.contacts.map((c) => [c.name, c.title, c.email].filter(Boolean).join(', ')).join('; ') : t('common.empty')}</dd>
        </dl>
      </section>
      <section className="card section" aria-labelledby="history-title">
        <h2 id="history-title">{t('providers.accreditation')}</h2>
        <LoadError error={history.error} onRetry={history.reload} />
        {history.data ? <AccreditationHistory items={history.data.items} caption={t('providers.historyCaption', { name: p.name })} /> : <Loading />}
        {hasAnyRole(me, ['national_admin']) && <AccreditationForm path={`/api/catalog/providers/${p.id}/accreditations`} kind="provider" onSaved={reload} />}
      </section>
    </>
  );
}
