import { useTranslation } from 'react-i18next';
import { LinkCard, Loading, LoadError } from '../../components/Feedback.tsx';
import { SupervisorInboxCard } from '../learningAdmin/HomeCards.tsx';
import { PeopleTable, type PersonPage } from '../../components/People.tsx';
import { useApi } from '../../hooks.ts';
import type { Grant, Me } from '../../roles.ts';

/** Direct reports: the server shows a supervisor their reports (and themselves). */
export function SupervisorHome({ me }: { me: Me; grants: Grant[] }) {
  const { t } = useTranslation();
  const people = useApi<PersonPage>(me.civilServantId ? '/api/civil-servants?limit=200' : null);
  const reports = (people.data?.items ?? []).filter((p) => p.supervisor_id !== null && p.supervisor_id === me.civilServantId);
  return (
    <div className="grid">
      <article className="card card-wide" data-testid="direct-reports">
        <h3 className="card-title">
          {t('home.supervisor.reports')}
          {people.data && <span className="card-count">{t('home.supervisor.reportsCount', { count: reports.length })}</span>}
        </h3>
        {people.loading && <Loading />}
        <LoadError error={people.error} onRetry={people.reload} />
        {(!me.civilServantId || (people.data && reports.length === 0)) && <p className="empty">{t('home.supervisor.noReports')}</p>}
        {reports.length > 0 && <PeopleTable people={reports} caption={t('home.supervisor.reports')} showAgency={false} linked />}
      </article>
      <LinkCard title={t('home.supervisor.teamTitle')} text={t('home.supervisor.teamText')} links={[{ to: '/tim', label: t('home.supervisor.teamLink') }]} testId="supervisor-team" />
      <SupervisorInboxCard />
    </div>
  );
}
