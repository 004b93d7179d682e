// Learner: "Rekomendasi" — what to learn next, ranked by the gaps it closes, each with its
// reason; any of them goes into the development plan of the year it starts in.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth.tsx';
import { Alert } from '../../components/Feedback.tsx';
import { RecommendationList } from '../../components/planning/RecommendationList.tsx';
import { usePlanActions } from '../../components/planning/usePlanActions.ts';
import { useDocumentTitle } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import { thisYear, useTitle, type Recommendation } from '../../planning.ts';

export default function RecommendationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const title = useTitle();
  useDocumentTitle(t('planning.rec.title'));
  const actions = usePlanActions();
  const [added, setAdded] = useState<{ title: string; year: number } | null>(null);
  const [planned, setPlanned] = useState<Set<number>>(new Set());
  const add = async (r: Recommendation) => {
    const year = r.offering ? Number(r.offering.start_date.slice(0, 4)) : thisYear();
    const plan = await actions.add(r, year);
    if (plan) {
      setAdded({ title: title(r.programme), year });
      setPlanned(new Set([...planned, r.programme.id]));
    }
  };
  return (
    <>
      <div className="page-head">
        <h1>{t('planning.rec.title')}</h1>
        <p className="muted">{t('planning.rec.intro')}</p>
      </div>
      {added && (
        <Alert kind="success">
          {t('planning.rec.added', { title: added.title, year: added.year })} <Link to={`/rencana?tahun=${added.year}`}>{t('planning.rec.openPlan')}</Link>
        </Alert>
      )}
      {actions.error && <Alert>{actions.error.detail ?? actions.error.title}</Alert>}
      <section className="card section" aria-labelledby="rec-title">
        <h2 id="rec-title">{t('planning.rec.listTitle')}</h2>
        {me.civilServantId ? <RecommendationList personId={me.civilServantId} onAdd={add} planned={planned} busy={actions.busy} /> : <p className="empty">{t('home.learner.notLinked')}</p>}
      </section>
    </>
  );
}
