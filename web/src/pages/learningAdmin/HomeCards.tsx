// Home-page cards of the learning admin pages: what waits for the supervisor, the agency admin's
// nominations, approvals and JP compliance, the provider admin's cohorts, the national admin's
// conversion table. Loaded with the home page, so kept small.
import { useTranslation } from 'react-i18next';
import { LinkCard, Loading, LoadError } from '../../components/Feedback.tsx';
import { useApi, useFormatters } from '../../hooks.ts';
import type { ApprovalInbox, ChangeProjectItem, CohortListItem, Compliance, FollowUp } from '../../learningAdmin.ts';
import { Link } from '../../router.tsx';
import type { Grant } from '../../roles.ts';

const todayJakarta = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

export function SupervisorInboxCard() {
  const { t } = useTranslation();
  const inbox = useApi<ApprovalInbox>('/api/learning/approvals');
  const followUps = useApi<{ items: FollowUp[] }>('/api/evaluation/follow-ups?due=true');
  const projects = useApi<{ items: ChangeProjectItem[] }>('/api/evaluation/change-projects?limit=100');
  const today = todayJakarta();
  const counts = {
    requests: inbox.data?.asSupervisor.length,
    activities: inbox.data?.activities.length,
    followUps: followUps.data?.items.filter((f) => f.due_on <= today).length,
    outcomes: projects.data?.items.filter((p) => p.my_rights.supervisor && p.my_rights.outcome && !p.outcome_status).length,
  };
  const total = (counts.requests ?? 0) + (counts.activities ?? 0) + (counts.followUps ?? 0) + (counts.outcomes ?? 0);
  return (
    <LinkCard
      testId="supervisor-approvals"
      title={t('learningAdmin.home.inboxTitle')}
      text={inbox.data ? t('learningAdmin.home.inboxText', { count: total }) : t('learningAdmin.home.inboxIntro')}
      links={[{ to: '/persetujuan', label: t('learningAdmin.home.inboxLink') }]}
    >
      {inbox.loading && !inbox.data && <Loading />}
      <LoadError error={inbox.error} onRetry={inbox.reload} />
      {inbox.data && (
        <ul className="count-list">
          <li data-testid="count-requests">{t('learningAdmin.home.requests', { count: counts.requests ?? 0 })}</li>
          <li data-testid="count-activities">{t('learningAdmin.home.activities', { count: counts.activities ?? 0 })}</li>
          {counts.followUps !== undefined && <li data-testid="count-follow-ups">{t('learningAdmin.home.followUps', { count: counts.followUps })}</li>}
          {counts.outcomes !== undefined && <li data-testid="count-outcomes">{t('learningAdmin.home.outcomes', { count: counts.outcomes })}</li>}
        </ul>
      )}
    </LinkCard>
  );
}

export function AgencyLearningCards({ grants }: { grants: Grant[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const agencyId = grants.find((g) => g.scopeType === 'agency')?.scopeId ?? null;
  const inbox = useApi<ApprovalInbox>('/api/learning/approvals');
  const compliance = useApi<Compliance>(agencyId ? `/api/learning/agencies/${agencyId}/jp-compliance?limit=1` : null);
  return (
    <>
      <LinkCard
        testId="agency-nominations"
        title={t('learningAdmin.home.nominateTitle')}
        text={inbox.data ? t('learningAdmin.home.nominateText', { count: inbox.data.asAgency.length + inbox.data.activities.length }) : t('learningAdmin.home.nominateIntro')}
        links={[
          { to: '/instansi/nominasi', label: t('learningAdmin.home.nominateLink') },
          { to: '/instansi/pendaftaran', label: t('learningAdmin.home.enrolmentsLink') },
          { to: '/persetujuan', label: t('learningAdmin.home.agencyQueueLink') },
        ]}
      />
      <LinkCard
        testId="agency-compliance"
        title={t('learningAdmin.home.complianceTitle')}
        text={
          compliance.data
            ? t('learningAdmin.home.complianceText', { met: f.number(compliance.data.totals.metPct), atRisk: f.number(compliance.data.totals.at_risk), year: compliance.data.year })
            : t('learningAdmin.home.complianceIntro')
        }
        links={[{ to: '/instansi/kepatuhan-jp', label: t('learningAdmin.home.complianceLink') }]}
      />
    </>
  );
}

export function ProviderCohortsCard() {
  const { t } = useTranslation();
  const list = useApi<{ items: CohortListItem[] }>('/api/learning/cohorts?limit=200');
  const live = (list.data?.items ?? []).filter((o) => ['running', 'open', 'closed', 'planned'].includes(o.status)).sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running') || a.startDate.localeCompare(b.startDate));
  return (
    <article className="card card-link" data-testid="provider-cohorts">
      <h3 className="card-title">{t('learningAdmin.home.cohortsTitle')}</h3>
      <p>{t('learningAdmin.home.cohortsText')}</p>
      {list.loading && !list.data && <Loading />}
      <LoadError error={list.error} onRetry={list.reload} />
      {list.data && live.length === 0 && <p className="empty">{t('learningAdmin.cohorts.none')}</p>}
      {live.length > 0 && (
        <ul className="count-list">
          {live.slice(0, 5).map((o) => (
            <li key={o.id}>
              <Link to={`/penyelenggara/angkatan/${o.id}`}>
                {o.programme.code} · {o.code}
              </Link>{' '}
              <span className="small muted">
                {t(`offeringStatus.${o.status}` as 'offeringStatus.open')} · {t('learningAdmin.home.cohortCounts', { enrolled: o.enrolled, waiting: o.waiting })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="card-links">
        <Link to="/penyelenggara/angkatan">{t('learningAdmin.home.cohortsLink')}</Link>
      </p>
    </article>
  );
}

export function NationalLearningCard() {
  const { t } = useTranslation();
  return <LinkCard testId="national-jp" title={t('learningAdmin.home.conversionsTitle')} text={t('learningAdmin.home.conversionsText')} links={[{ to: '/admin/konversi-jp', label: t('learningAdmin.home.conversionsLink') }]} />;
}
