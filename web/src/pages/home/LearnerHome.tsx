import { useTranslation } from 'react-i18next';
import { ComingSoonCard, LinkCard, Loading, LoadError } from '../../components/Feedback.tsx';
import type { Profile } from '../../competency.ts';
import type { Person } from '../../components/People.tsx';
import { useApi, useFormatters } from '../../hooks.ts';
import type { Certificate, Ledger } from '../../learning.ts';
import type { Grant, Me } from '../../roles.ts';
import { JpBar } from '../learner/bits.tsx';

export function LearnerHome({ me }: { me: Me; grants: Grant[] }) {
  const { t } = useTranslation();
  const person = useApi<Person>(me.civilServantId ? `/api/civil-servants/${me.civilServantId}` : null);
  const profile = useApi<Profile>(me.civilServantId ? `/api/civil-servants/${me.civilServantId}/profile` : null);
  const ledger = useApi<Ledger>(me.civilServantId ? '/api/learning/jp/mine' : null);
  const certificates = useApi<{ items: Certificate[] }>(me.civilServantId ? '/api/certificates?limit=100' : null);
  const f = useFormatters();
  const empty = t('common.empty');
  const p = person.data;
  return (
    <div className="grid">
      <article className="card card-wide" data-testid="learner-profile">
        <h3 className="card-title">{t('home.learner.profile')}</h3>
        {!me.civilServantId && <p className="muted">{t('home.learner.notLinked')}</p>}
        {person.loading && <Loading />}
        <LoadError error={person.error} onRetry={person.reload} />
        {p && (
          <dl className="facts">
            <div>
              <dt>{t('person.name')}</dt>
              <dd>{p.name}</dd>
            </div>
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
              <dd>{p.position_name ?? empty}</dd>
            </div>
            <div>
              <dt>{t('person.unit')}</dt>
              <dd>{p.unit_name ?? empty}</dd>
            </div>
            <div>
              <dt>{t('person.agency')}</dt>
              <dd>{p.agency_name}</dd>
            </div>
          </dl>
        )}
      </article>
      {me.civilServantId && (
        <LinkCard
          testId="learner-competency"
          title={t('home.learner.competencyTitle')}
          text={
            profile.data
              ? t('home.learner.competencyText', { withGap: profile.data.totals.withGap, required: profile.data.totals.required })
              : t('home.learner.competencyIntro')
          }
          links={[{ to: '/kompetensi', label: t('home.learner.competencyLink') }]}
        />
      )}
      {me.civilServantId && (
        <LinkCard
          testId="learner-jp"
          title={t('home.learner.jpTitle')}
          text={ledger.data ? t('learner.home.jpText', { jp: f.number(ledger.data.jp), entitlement: f.number(ledger.data.entitlement), year: ledger.data.year }) : t('home.learner.jpText')}
          links={[
            { to: '/pembelajaran', label: t('learner.home.myLearningLink') },
            { to: '/pembelajaran/kegiatan', label: t('learner.home.reportLink') },
          ]}
        >
          {ledger.data && <JpBar ledger={ledger.data} />}
        </LinkCard>
      )}
      <ComingSoonCard title={t('home.learner.planTitle')} text={t('home.learner.planText')} />
      <LinkCard testId="learner-catalogue" title={t('home.learner.catalogueTitle')} text={t('learner.home.catalogueText')} links={[{ to: '/katalog', label: t('learner.home.catalogueLink') }]} />
      {me.civilServantId && (
        <LinkCard
          testId="learner-certificates"
          title={t('home.learner.certificatesTitle')}
          text={certificates.data ? t('learner.home.certificatesText', { count: certificates.data.items.length }) : t('home.learner.certificatesText')}
          links={[
            { to: '/pembelajaran', label: t('learner.home.certificatesLink') },
            { to: '/verifikasi', label: t('learner.home.verifyLink') },
          ]}
        />
      )}
      <LinkCard testId="learner-change-projects" title={t('learner.home.repositoryTitle')} text={t('learner.home.repositoryText')} links={[{ to: '/aksi-perubahan', label: t('learner.home.repositoryLink') }]} />
    </div>
  );
}
