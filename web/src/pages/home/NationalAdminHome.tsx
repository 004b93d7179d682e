import { useTranslation } from 'react-i18next';
import { ComingSoonCard, LinkCard } from '../../components/Feedback.tsx';
import { Link } from '../../router.tsx';
import type { Grant, Me } from '../../roles.ts';
import { NationalLearningCard } from '../learningAdmin/HomeCards.tsx';
import { RecentAudit } from './RecentAudit.tsx';

export function NationalAdminHome({ me }: { me: Me; grants: Grant[] }) {
  const { t } = useTranslation();
  // A national admin who is also an auditor sees the recent entries once, in the auditor section.
  const showAudit = !me.grants.some((g) => g.role === 'auditor');
  return (
    <div className="grid">
      {showAudit && <RecentAudit />}
      <div className="card quick-links">
        <Link to="/admin/pengguna" className="btn btn-outline">
          {t('home.manageUsers')}
        </Link>
        <Link to="/pegawai" className="btn btn-outline">
          {t('home.seeAllStaff')}
        </Link>
      </div>
      <LinkCard
        title={t('home.nationalAdmin.dictionaryTitle')}
        text={t('home.nationalAdmin.dictionaryText')}
        links={[
          { to: '/admin/kamus', label: t('home.nationalAdmin.dictionaryLink') },
          { to: '/admin/standar', label: t('home.nationalAdmin.standardsLink') },
        ]}
        testId="national-dictionary"
      />
      <ComingSoonCard title={t('home.nationalAdmin.accreditationTitle')} text={t('home.nationalAdmin.accreditationText')} />
      <NationalLearningCard />
      <LinkCard title={t('home.nationalAdmin.analyticsTitle')} text={t('home.nationalAdmin.analyticsText')} links={[{ to: '/analitik/nasional', label: t('home.nationalAdmin.analyticsLink') }]} testId="national-analytics" />
    </div>
  );
}
