import { useTranslation } from 'react-i18next';
import { StaffSearch } from '../components/People.tsx';
import { useDocumentTitle } from '../hooks.ts';

export function StaffPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('staff.title'));
  return (
    <>
      <div className="page-head">
        <h1>{t('staff.title')}</h1>
        <p className="muted">{t('staff.intro')}</p>
      </div>
      <div className="card">
        <StaffSearch pageSize={25} />
      </div>
    </>
  );
}
