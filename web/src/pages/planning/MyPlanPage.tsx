// Learner: my development plan of a year — start it (from the recommendations or empty), edit its
// items and planned JP, add recommendations, submit it to my supervisor, follow its items once
// approved. /rencana/:id shows one plan (mine to edit; others read it).
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth.tsx';
import { api } from '../../api.ts';
import { Alert, Loading, LoadError } from '../../components/Feedback.tsx';
import { JpMeter, PlanItems, PlanStatus } from '../../components/planning/PlanView.tsx';
import { RecommendationList } from '../../components/planning/RecommendationList.tsx';
import { usePlanActions } from '../../components/planning/usePlanActions.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { navigate, useLocation } from '../../router.tsx';
import { idParam, type PageProps } from '../../routes.tsx';
import { thisYear, type Plan, type PlanItem, type Recommendation } from '../../planning.ts';
import { NotFoundPage } from '../StatusPages.tsx';

export default function MyPlanPage({ params }: PageProps) {
  if (params.id !== undefined) {
    const id = idParam(params.id);
    return id === null ? <NotFoundPage /> : <PlanById id={id} />;
  }
  return <MyPlanOfYear />;
}

function YearSwitch({ year }: { year: number }) {
  const { t } = useTranslation();
  const now = thisYear();
  return (
    <div className="segmented" role="group" aria-label={t('planning.plan.yearLabel')}>
      {[now, now + 1].map((y) => (
        <button key={y} type="button" aria-pressed={year === y} onClick={() => navigate(`/rencana?tahun=${y}`)}>
          {y}
        </button>
      ))}
    </div>
  );
}

function MyPlanOfYear() {
  const { t } = useTranslation();
  const me = useMe();
  const { query } = useLocation();
  const asked = Number(query.get('tahun'));
  const year = asked === thisYear() || asked === thisYear() + 1 ? asked : thisYear();
  useDocumentTitle(t('planning.plan.title'));
  const mine = useApi<{ year: number; plan: Plan | null }>(me.civilServantId ? `/api/planning/plans/mine?year=${year}` : null);
  const actions = usePlanActions();
  const start = async (fromRecommendations: boolean) => {
    if (await actions.run(() => api<Plan>('/api/planning/plans', { method: 'POST', body: { year, fromRecommendations } }))) mine.reload();
  };
  return (
    <>
      <div className="page-head">
        <h1>{t('planning.plan.title')}</h1>
        <p className="muted">{t('planning.plan.intro')}</p>
        <YearSwitch year={year} />
      </div>
      {!me.civilServantId && <p className="card empty">{t('home.learner.notLinked')}</p>}
      {mine.loading && !mine.data && <Loading />}
      <LoadError error={mine.error} onRetry={mine.reload} />
      {actions.error && <Alert>{actions.error.detail ?? actions.error.title}</Alert>}
      {mine.data && mine.data.year === year && !mine.data.plan && (
        <section className="card section" aria-labelledby="plan-start">
          <h2 id="plan-start">{t('planning.plan.startTitle', { year })}</h2>
          <p>{t('planning.plan.startText')}</p>
          <div className="plan-actions">
            <button type="button" className="btn btn-primary" onClick={() => start(true)} disabled={actions.busy}>
              {t('planning.plan.startFromRecommendations')}
            </button>
            <button type="button" className="btn btn-outline" onClick={() => start(false)} disabled={actions.busy}>
              {t('planning.plan.startEmpty')}
            </button>
          </div>
        </section>
      )}
      {mine.data?.plan && <PlanEditor plan={mine.data.plan} onChanged={mine.reload} />}
    </>
  );
}

function PlanById({ id }: { id: number }) {
  const { t } = useTranslation();
  const plan = useApi<Plan>(`/api/planning/plans/${id}`);
  useDocumentTitle(plan.data ? t('planning.plan.titleOf', { name: plan.data.person.name, year: plan.data.year }) : t('planning.plan.title'));
  if (plan.error?.status === 404) return <NotFoundPage />;
  return (
    <>
      <div className="page-head">
        <h1>{plan.data ? t('planning.plan.titleOf', { name: plan.data.person.name, year: plan.data.year }) : t('planning.plan.title')}</h1>
      </div>
      {plan.loading && !plan.data && <Loading />}
      <LoadError error={plan.error} onRetry={plan.reload} />
      {plan.data && <PlanEditor plan={plan.data} onChanged={plan.reload} />}
    </>
  );
}

/** The plan with what its viewer may do: edit and submit (the learner), read (others). */
export function PlanEditor({ plan, onChanged }: { plan: Plan; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const actions = usePlanActions();
  const step = async (path: 'submit' | 'withdraw') => {
    if (await actions.run(() => api<Plan>(`/api/planning/plans/${plan.id}/${path}`, { method: 'POST' }))) onChanged();
  };
  const changeJp = async (item: PlanItem, jp: number) => {
    if (await actions.run(() => api(`/api/planning/plans/${plan.id}/items/${item.id}`, { method: 'PATCH', body: { plannedJp: jp } }))) onChanged();
  };
  const remove = async (item: PlanItem) => {
    if (await actions.run(() => api(`/api/planning/plans/${plan.id}/items/${item.id}`, { method: 'DELETE' }))) onChanged();
  };
  const add = async (r: Recommendation) => {
    if (await actions.add(r, plan.year)) onChanged();
  };
  return (
    <>
      <section className="card section" aria-labelledby="plan-summary" data-testid="plan">
        <div className="section-head">
          <h2 id="plan-summary">{t('planning.plan.summaryTitle', { year: plan.year })}</h2>
          <PlanStatus plan={plan} />
        </div>
        {plan.status === 'returned' && plan.decision_comment && (
          <Alert kind="info">{t('planning.plan.returnedBecause', { by: plan.decided_by ?? '', comment: plan.decision_comment })}</Alert>
        )}
        {plan.status === 'approved' && <Alert kind="success">{t('planning.plan.approvedBy', { by: plan.decided_by ?? '', date: plan.decided_at ? format.date(plan.decided_at) : '' })}{plan.decision_comment ? ` — ${plan.decision_comment}` : ''}</Alert>}
        {plan.status === 'submitted' && <p className="muted">{t('planning.plan.submittedOn', { date: plan.submitted_at ? format.date(plan.submitted_at) : '' })}</p>}
        <JpMeter plan={plan} />
        {actions.error && <Alert>{actions.error.detail ?? actions.error.title}</Alert>}
        <PlanItems plan={plan} onChangeJp={changeJp} onRemove={remove} busy={actions.busy} />
        <div className="plan-actions">
          {plan.may.submit && (
            <button type="button" className="btn btn-primary" onClick={() => step('submit')} disabled={actions.busy}>
              {t('planning.plan.submit')}
            </button>
          )}
          {plan.may.withdraw && (
            <button type="button" className="btn btn-outline" onClick={() => step('withdraw')} disabled={actions.busy}>
              {t('planning.plan.withdraw')}
            </button>
          )}
        </div>
      </section>
      {plan.may.edit && (
        <section className="card section" aria-labelledby="plan-add">
          <h2 id="plan-add">{t('planning.plan.addTitle')}</h2>
          <p className="muted small">{t('planning.plan.addIntro', { year: plan.year })}</p>
          <RecommendationList personId={plan.person.id} year={plan.year} onAdd={add} planned={new Set(plan.items.map((i) => i.programme.id))} busy={actions.busy} />
        </section>
      )}
    </>
  );
}
