// One civil servant: registry facts, then their competency profile and assessment history.
import { useTranslation } from 'react-i18next';
import { CompetencyProfile } from '../components/CompetencyProfile.tsx';
import PersonRecommendations from '../components/planning/PersonRecommendations.tsx';
import { Loading, LoadError } from '../components/Feedback.tsx';
import type { Person } from '../components/People.tsx';
import { codeLabel } from '../competency.ts';
import { useApi, useDocumentTitle, useFormatters } from '../hooks.ts';
import { Link } from '../router.tsx';
import { idParam, type PageProps } from '../routes.tsx';
import { NotFoundPage } from './StatusPages.tsx';

interface PersonDetail extends Person {
  gender: number;
  birth_date: string | null;
  position_tier: string | null;
}

export default function PersonPage({ params }: PageProps) {
  const id = idParam(params.id);
  return id === null ? <NotFoundPage /> : <PersonView id={id} />;
}

function PersonView({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const person = useApi<PersonDetail>(`/api/civil-servants/${id}`);
  const p = person.data;
  useDocumentTitle(p?.name ?? t('personPage.title'));
  if (person.error?.status === 404) return <NotFoundPage />;
  const empty = t('common.empty');
  return (
    <>
      <nav className="breadcrumb" aria-label={t('personPage.breadcrumb')}>
        <Link to="/pegawai">{t('staff.title')}</Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{p?.name ?? t('personPage.title')}</span>
      </nav>
      <div className="page-head">
        <h1>{p?.name ?? t('personPage.title')}</h1>
        {p && (
          <p className="muted">
            {[p.position_name, p.unit_name, p.agency_name].filter(Boolean).join(' · ')}
          </p>
        )}
      </div>
      {person.loading && !p && <Loading />}
      <LoadError error={person.error} onRetry={person.reload} />
      {p && (
        <section className="card section" aria-labelledby="person-facts" data-testid="person-facts">
          <h2 id="person-facts">{t('personPage.facts')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('person.nip')}</dt>
              <dd className="mono">{p.nip ?? empty}</dd>
            </div>
            <div>
              <dt>{t('person.rank')}</dt>
              <dd>{p.rank}</dd>
            </div>
            <div>
              <dt>{t('person.position')}</dt>
              <dd>
                {p.position_name ?? empty}
                {p.position_tier && <span className="block small muted">{codeLabel('tiers', p.position_tier)}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('person.unit')}</dt>
              <dd>{p.unit_name ?? empty}</dd>
            </div>
            <div>
              <dt>{t('person.agency')}</dt>
              <dd>{p.agency_name}</dd>
            </div>
            <div>
              <dt>{t('person.status')}</dt>
              <dd>{codeLabel('person.statuses', p.status)}</dd>
            </div>
            <div>
              <dt>{t('person.gender')}</dt>
              <dd>{p.gender === 1 ? t('person.male') : p.gender === 2 ? t('person.female') : empty}</dd>
            </div>
            {p.birth_date && (
              <div>
                <dt>{t('person.birthDate')}</dt>
                <dd>{format.date(p.birth_date)}</dd>
              </div>
            )}
            <div>
              <dt>{t('person.supervisor')}</dt>
              <dd>{p.supervisor_id ? <Link to={`/pegawai/${p.supervisor_id}`}>{t('personPage.openSupervisor')}</Link> : empty}</dd>
            </div>
          </dl>
        </section>
      )}
      {p && <CompetencyProfile personId={id} />}
      {p && <PersonRecommendations personId={id} />}
    </>
  );
}
