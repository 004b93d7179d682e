import { useTranslation } from 'react-i18next';
import { ComingSoonCard, LinkCard } from '../../components/Feedback.tsx';
import { StaffSearch } from '../../components/People.tsx';
import { Link } from '../../router.tsx';
import type { Grant, Me } from '../../roles.ts';
import { AgencyLearningCards } from '../learningAdmin/HomeCards.tsx';

export function AgencyAdminHome({ grants }: { me: Me; grants: Grant[] }) {
  const { t } = useTranslation();
  return (
    <div className="grid">
      <article className="card card-wide" data-testid="agency-staff">
        <h3 className="card-title">{t('home.agencyAdmin.staff')}</h3>
        <StaffSearch pageSize={10} heading={t('staff.search')} linked />
        <p className="card-links">
          <Link to="/pegawai">{t('home.seeAllStaff')}</Link>
          <Link to="/admin/pengguna">{t('home.manageUsers')}</Link>
        </p>
      </article>
      <LinkCard title={t('home.agencyAdmin.importTitle')} text={t('home.agencyAdmin.importText')} links={[{ to: '/impor', label: t('home.agencyAdmin.importLink') }]} testId="agency-import" />
      <AgencyLearningCards grants={grants} />
      <LinkCard title={t('home.agencyAdmin.gapsTitle')} text={t('home.agencyAdmin.gapsText')} links={[{ to: '/analitik/instansi', label: t('home.agencyAdmin.gapsLink') }]} testId="agency-gaps" />
      <ComingSoonCard title={t('home.agencyAdmin.standardsTitle')} text={t('home.agencyAdmin.standardsText')} />
      <ComingSoonCard title={t('home.agencyAdmin.planTitle')} text={t('home.agencyAdmin.planText')} />
    </div>
  );
}
