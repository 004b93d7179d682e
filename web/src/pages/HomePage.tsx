// The home page: a greeting, then one section per role the user holds (a supervisor who is
// also a learner sees both). Each section shows what the API already has, and cards for
// what later work adds.
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth.tsx';
import { useDocumentTitle } from '../hooks.ts';
import { grantsFor, rolesOf, type Grant, type Me, type Role } from '../roles.ts';
import { LearnerHome } from './home/LearnerHome.tsx';
import { SupervisorHome } from './home/SupervisorHome.tsx';
import { AgencyAdminHome } from './home/AgencyAdminHome.tsx';
import { ProviderAdminHome } from './home/ProviderAdminHome.tsx';
import { NationalAdminHome } from './home/NationalAdminHome.tsx';
import { AuditorHome } from './home/AuditorHome.tsx';

const SECTIONS: Record<Role, (props: { me: Me; grants: Grant[] }) => React.ReactNode> = {
  learner: LearnerHome,
  supervisor: SupervisorHome,
  agency_admin: AgencyAdminHome,
  provider_admin: ProviderAdminHome,
  national_admin: NationalAdminHome,
  auditor: AuditorHome,
};

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('home.title'));
  const roles = rolesOf(me);

  return (
    <>
      <div className="page-head">
        <h1>{t('home.welcome', { name: me.displayName })}</h1>
        <p className="muted">{roles.length ? t('home.intro') : t('home.noRoles')}</p>
      </div>
      {roles.map((role) => {
        const grants = grantsFor(me, role);
        const Section = SECTIONS[role];
        const scopes = grants.map((g) => (g.scopeType === 'national' ? t('scope.national') : (g.scopeName ?? g.scope))).join(', ');
        return (
          <section key={role} className="role-section" aria-labelledby={`role-${role}`} data-role={role}>
            <h2 id={`role-${role}`} className="role-heading">
              <span>{t(`roles.${role}`)}</span>
              <span className="role-scope">{t('home.inScope', { scope: scopes })}</span>
            </h2>
            <Section me={me} grants={grants} />
          </section>
        );
      })}
    </>
  );
}
