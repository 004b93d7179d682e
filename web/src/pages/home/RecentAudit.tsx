import { useTranslation } from 'react-i18next';
import { AuditTable, type AuditEntry } from '../../components/Audit.tsx';
import { Loading, LoadError } from '../../components/Feedback.tsx';
import { useApi } from '../../hooks.ts';
import { Link } from '../../router.tsx';

export function RecentAudit() {
  const { t } = useTranslation();
  const audit = useApi<{ items: AuditEntry[] }>('/api/audit?limit=10');
  return (
    <article className="card card-wide" data-testid="recent-audit">
      <h3 className="card-title">{t('home.recentAudit')}</h3>
      {audit.loading && <Loading />}
      <LoadError error={audit.error} onRetry={audit.reload} />
      {audit.data && (audit.data.items.length ? <AuditTable entries={audit.data.items} caption={t('home.recentAudit')} /> : <p className="empty">{t('audit.empty')}</p>)}
      <p className="card-links">
        <Link to="/audit">{t('home.seeAllAudit')}</Link>
      </p>
    </article>
  );
}
