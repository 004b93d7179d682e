// The person page's planning section, for supervisors and admins who may see the person: their
// recommendations with reasons (in the third person), and their development plan of the year.
import { useTranslation } from 'react-i18next';
import { useApi } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import { thisYear, type Plan } from '../../planning.ts';
import { RecommendationList } from './RecommendationList.tsx';
import { PlanStatus } from './PlanView.tsx';

export default function PersonRecommendations({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const plan = useApi<{ year: number; plan: Plan | null }>(`/api/planning/people/${personId}/plan?year=${thisYear()}`);
  return (
    <section className="card section" aria-labelledby="person-recommendations" data-testid="person-recommendations">
      <div className="section-head">
        <h2 id="person-recommendations">{t('planning.person.title')}</h2>
        {plan.data?.plan && (
          <span className="small">
            <Link to={`/rencana/${plan.data.plan.id}`}>{t('planning.person.plan', { year: plan.data.plan.year })}</Link> <PlanStatus plan={plan.data.plan} />
          </span>
        )}
      </div>
      <RecommendationList personId={personId} limit={5} />
    </section>
  );
}
