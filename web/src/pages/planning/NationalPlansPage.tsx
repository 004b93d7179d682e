// National admins and auditors: the agency plans submitted to the national institute (and those
// returned to their agency), by year, each opening to its detail and exports.
import { useTranslation } from 'react-i18next';
import { Loading, LoadError } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { thisYear, useRupiah, type AgencyPlanSummary } from '../../planning.ts';
import '../../styles/planning.css';

export default function NationalPlansPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const rupiah = useRupiah();
  useDocumentTitle(t('planning.national.title'));
  const { query } = useLocation();
  const asked = Number(query.get('tahun'));
  const year = asked >= 2000 && asked <= 2100 ? asked : thisYear();
  const plans = useApi<{ items: AgencyPlanSummary[] }>(`/api/planning/agency-plans?year=${year}`);
  const items = plans.data?.items.filter((p) => p.status !== 'draft') ?? [];
  const totals = items.reduce((a, p) => ({ budget: a.budget + p.budget, cost: a.cost + p.cost, seats: a.seats + p.seats }), { budget: 0, cost: 0, seats: 0 });
  return (
    <>
      <div className="page-head">
        <h1>{t('planning.national.title')}</h1>
        <p className="muted">{t('planning.national.intro')}</p>
        <div className="segmented" role="group" aria-label={t('planning.plan.yearLabel')}>
          {[thisYear() - 1, thisYear(), thisYear() + 1].map((y) => (
            <button key={y} type="button" aria-pressed={year === y} onClick={() => navigate(`/rencana/nasional?tahun=${y}`)}>
              {y}
            </button>
          ))}
        </div>
      </div>
      {plans.loading && !plans.data && <Loading />}
      <LoadError error={plans.error} onRetry={plans.reload} />
      {plans.data && items.length === 0 && <p className="card empty">{t('planning.national.empty', { year })}</p>}
      {items.length > 0 && (
        <section className="card section" aria-labelledby="national-plans">
          <h2 id="national-plans">{t(items.length === 1 ? 'planning.national.listTitleOne' : 'planning.national.listTitle', { year, n: items.length })}</h2>
          <p className="muted small">{t('planning.national.totals', { budget: rupiah(totals.budget), cost: rupiah(totals.cost), seats: format.number(totals.seats) })}</p>
          <div className="table-wrap">
            <table className="table" data-testid="national-plans">
              <thead>
                <tr>
                  <th scope="col">{t('planning.national.agency')}</th>
                  <th scope="col">{t('planning.national.status')}</th>
                  <th scope="col" className="num">{t('planning.agency.budget')}</th>
                  <th scope="col" className="num">{t('planning.agency.cost')}</th>
                  <th scope="col" className="num">{t('planning.agency.seats')}</th>
                  <th scope="col">{t('planning.national.submitted')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/rencana/instansi/${p.id}`}>{p.agency.name}</Link>
                    </th>
                    <td>{t(`planning.agency.status.${p.status}`)}</td>
                    <td className="num">{rupiah(p.budget)}</td>
                    <td className="num">{rupiah(p.cost)}</td>
                    <td className="num">{format.number(p.seats)}</td>
                    <td>{p.submitted_at ? format.date(p.submitted_at) : t('common.empty')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
