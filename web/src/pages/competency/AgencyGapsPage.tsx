// An agency's gap summary per competency and per unit, optionally for one unit. Agency admins
// open their own agency at /analitik/instansi; national roles open any at /analitik/instansi/{id}.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth.tsx';
import { Loading, LoadError } from '../../components/Feedback.tsx';
import { GapMatrix } from '../../components/GapMatrix.tsx';
import { GapStatsChart } from '../../components/GapStats.tsx';
import type { GapStat } from '../../competency.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { navigate, useLocation } from '../../router.tsx';
import { grantsFor } from '../../roles.ts';
import { idParam, type PageProps } from '../../routes.tsx';
import { NotFoundPage } from '../StatusPages.tsx';

interface AgencyGaps {
  agency: { id: number; code: string; name: string };
  unitId: number | null;
  asOf: string;
  validityMonths: number;
  people: number;
  competencies: GapStat[];
  units: { unitId: number | null; unitCode: string | null; unitName: string | null; people: number; competencies: GapStat[] }[];
}

interface Unit {
  id: number;
  code: string;
  name: string;
}

export default function AgencyGapsPage({ params }: PageProps) {
  const me = useMe();
  const own = grantsFor(me, 'agency_admin').find((g) => g.scopeType === 'agency')?.scopeId ?? null;
  const id = params.id === undefined ? own : idParam(params.id);
  return id === null ? <NotFoundPage /> : <AgencyGaps id={id} />;
}

function AgencyGaps({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const location = useLocation();
  const unitId = idParam(location.query.get('unit') ?? undefined);
  const gaps = useApi<AgencyGaps>(`/api/agencies/${id}/competency-gaps${unitId ? `?unitId=${unitId}` : ''}`);
  const units = useApi<{ items: Unit[] }>(`/api/agencies/${id}/units`);
  const selectId = useId();
  const d = gaps.data;
  useDocumentTitle(d ? t('gaps.agencyTitle', { agency: d.agency.name }) : t('nav.agencyGaps'));
  if (gaps.error?.status === 404) return <NotFoundPage />;
  const chooseUnit = (value: string) => navigate(`${location.path}${value ? `?unit=${value}` : ''}`, { replace: true });
  return (
    <>
      <div className="page-head">
        <h1>{d ? t('gaps.agencyTitle', { agency: d.agency.name }) : t('nav.agencyGaps')}</h1>
        <p className="muted">{t('gaps.agencyIntro')}</p>
      </div>
      <div className="card filters">
        <div className="field">
          <label htmlFor={selectId}>{t('gaps.unitFilter')}</label>
          <select id={selectId} value={unitId ?? ''} onChange={(e) => chooseUnit(e.target.value)}>
            <option value="">{t('gaps.allUnits')}</option>
            {(units.data?.items ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {gaps.loading && <Loading />}
      <LoadError error={gaps.error} onRetry={gaps.reload} />
      {d && (
        <>
          <p className="muted small">{t('gaps.agencyPeople', { people: format.number(d.people), date: format.date(d.asOf), months: d.validityMonths })}</p>
          <section className="card section" aria-labelledby="agency-competencies">
            <h2 id="agency-competencies">{t('gaps.byCompetency')}</h2>
            <GapStatsChart stats={d.competencies} caption={t('gaps.byCompetencyCaption')} testId="agency-chart" />
          </section>
          {d.units.length > 0 && (
            <section className="card section" aria-labelledby="agency-units">
              <h2 id="agency-units">{t('gaps.byUnit')}</h2>
              <p className="muted small">{t('gaps.matrixIntro')}</p>
              <GapMatrix
                testId="agency-units"
                caption={t('gaps.byUnitCaption')}
                groupHeader={t('person.unit')}
                competencies={d.competencies}
                groups={d.units.map((u) => ({ key: String(u.unitId ?? 'none'), label: u.unitName ?? t('gaps.noUnit'), people: u.people, competencies: u.competencies }))}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}
