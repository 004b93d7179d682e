import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import { ComingSoonCard, Loading, LoadError } from '../../components/Feedback.tsx';
import { useApi } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import type { Grant, Me } from '../../roles.ts';
import { ProviderCohortsCard } from '../learningAdmin/HomeCards.tsx';

interface Provider {
  id: number;
  code: string;
  name: string;
  kind: string;
}

const kindLabel = (kind: string) => (i18n.exists(`providerKinds.${kind}`) ? i18n.t(`providerKinds.${kind}` as 'providerKinds.university') : kind);

export function ProviderAdminHome({ grants }: { me: Me; grants: Grant[] }) {
  const { t } = useTranslation();
  const providers = useApi<{ items: Provider[] }>('/api/providers?limit=200');
  const mine = (providers.data?.items ?? []).filter((p) => grants.some((g) => g.scopeType === 'provider' && g.scopeId === p.id));
  return (
    <div className="grid">
      <article className="card card-wide" data-testid="provider-institution">
        <h3 className="card-title">{t('home.providerAdmin.institution')}</h3>
        {providers.loading && <Loading />}
        <LoadError error={providers.error} onRetry={providers.reload} />
        {mine.map((p) => (
          <dl className="facts" key={p.id}>
            <div>
              <dt>{t('person.name')}</dt>
              <dd>{p.name}</dd>
            </div>
            <div>
              <dt>{t('home.providerAdmin.code')}</dt>
              <dd className="mono">{p.code}</dd>
            </div>
            <div>
              <dt>{t('home.providerAdmin.kind')}</dt>
              <dd>{kindLabel(p.kind)}</dd>
            </div>
          </dl>
        ))}
        <p className="card-links">
          <Link to="/admin/pengguna">{t('home.manageUsers')}</Link>
        </p>
      </article>
      <ComingSoonCard title={t('home.providerAdmin.programmesTitle')} text={t('home.providerAdmin.programmesText')} />
      <ProviderCohortsCard />
      <ComingSoonCard title={t('home.providerAdmin.certificatesTitle')} text={t('home.providerAdmin.certificatesText')} />
    </div>
  );
}
