// Learner: "my competency profile" — required vs current levels, gaps, talent box, history.
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth.tsx';
import { CompetencyProfile } from '../../components/CompetencyProfile.tsx';
import { useDocumentTitle } from '../../hooks.ts';

export default function MyCompetencyPage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('competency.myTitle'));
  return (
    <>
      <div className="page-head">
        <h1>{t('competency.myTitle')}</h1>
        <p className="muted">{t('competency.myIntro')}</p>
      </div>
      {me.civilServantId ? <CompetencyProfile personId={me.civilServantId} own /> : <p className="card empty">{t('home.learner.notLinked')}</p>}
    </>
  );
}
