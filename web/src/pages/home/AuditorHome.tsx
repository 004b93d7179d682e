import { useTranslation } from 'react-i18next';
import type { Grant, Me } from '../../roles.ts';
import { RecentAudit } from './RecentAudit.tsx';

export function AuditorHome(_props: { me: Me; grants: Grant[] }) {
  const { t } = useTranslation();
  return (
    <div className="grid">
      <p className="muted grid-note">{t('home.auditor.scopeText')}</p>
      <RecentAudit />
    </div>
  );
}
