// National admin, auditor: the national gap summary per competency and per agency.
import { useTranslation } from 'react-i18next';
import { Loading, LoadError } from '../../components/Feedback.tsx';
import { GapMatrix } from '../../components/GapMatrix.tsx';
import { GapStatsChart } from '../../components/GapStats.tsx';
import type { GapStat } from '../../competency.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link } from '../../router.tsx';

interface NationalGaps {
  asOf: string;
  validityMonths: number;
  people: number;
  competencies: GapStat[];
  agencies: { agencyId: number; agencyCode: string; agencyName: string; people: number; competencies: GapStat[] }[];
}

export default function NationalGapsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  useDocumentTitle(t('gaps.nationalTitle'));
  const gaps = useApi<NationalGaps>('/api/competency/gaps/national');
  const d = gaps.data;
  return (
    <>
      <div className="page-head">
        <h1>{t('gaps.nationalTitle')}</h1>
        <p className="muted">{t('gaps.nationalIntro')}</p>
      </div>
      {gaps.loading && !d && <Loading />}
      <LoadError error={gaps.error} onRetry={gaps.reload} />
      {d && (
        <>
          <p className="muted small" data-testid="national-people">
            {t('gaps.peopleAsOf', { people: format.number(d.people), agencies: format.number(d.agencies.length), date: format.date(d.asOf), months: d.validityMonths })}
          </p>
          <section className="card section" aria-labelledby="national-competencies">
            <h2 id="national-competencies">{t('gaps.byCompetency')}</h2>
            <GapStatsChart stats={d.competencies} caption={t('gaps.byCompetencyCaption')} testId="national-chart" />
          </section>
          <section className="card section" aria-labelledby="national-agencies">
            <h2 id="national-agencies">{t('gaps.byAgency')}</h2>
            <p className="muted small">{t('gaps.matrixIntro')}</p>
            <GapMatrix
              testId="national-agencies"
              caption={t('gaps.byAgencyCaption')}
              groupHeader={t('person.agency')}
              competencies={d.competencies}
              groups={d.agencies.map((a) => ({
                key: String(a.agencyId),
                label: <Link to={`/analitik/instansi/${a.agencyId}`}>{a.agencyName}</Link>,
                people: a.people,
                competencies: a.competencies,
              }))}
            />
          </section>
        </>
      )}
    </>
  );
}
