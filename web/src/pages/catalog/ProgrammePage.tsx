// A published programme for anyone: descriptions, partners and their roles, competencies
// developed (level ranges), eligibility, upcoming cohorts (dates, venue or online, seats left)
// and accreditation. Signed-in learners can request a seat in a cohort whose registration is open.
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { AccreditationBadge } from '../../components/CatalogBits.tsx';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import { hasAnyRole } from '../../roles.ts';
import { idParam, type PageProps } from '../../routes.tsx';
import { NotFoundPage } from '../StatusPages.tsx';
import { blockingEnrolment, RequestSeat, useMyEnrolments } from '../learner/RequestSeat.tsx';
import { competencyLabel, provinceName, useLocalised, type Offering, type PublicProgramme } from '../../catalog.ts';

export default function ProgrammePage({ params }: PageProps) {
  const id = idParam(params.id);
  const { t } = useTranslation();
  const loc = useLocalised();
  const f = useFormatters();
  const programme = useApi<PublicProgramme>(id ? `/api/catalog/programmes/${id}` : null);
  const p = programme.data;
  useDocumentTitle(p ? loc(p.title_id, p.title_en) : t('programme.title'));
  if (!id || programme.error?.status === 404) return <NotFoundPage />;
  if (programme.error) return <LoadError error={programme.error} onRetry={programme.reload} />;
  if (!p) return <Loading />;
  const description = loc(p.description_id, p.description_en);
  const e = p.eligibility;

  return (
    <article className="programme-page">
      <nav className="breadcrumb" aria-label={t('personPage.breadcrumb')}>
        <Link to="/katalog">{t('nav.catalog')}</Link> / <span>{p.code}</span>
      </nav>
      <header className="page-head">
        <h1>{loc(p.title_id, p.title_en)}</h1>
        <p className="result-tags">
          <span className="tag">{t('catalog.jpValue', { count: p.jp })}</span>
          <span className="tag">{t(`learningForm.${p.learning_form}`)}</span>
          <span className="tag">{t(`category.${p.category}`)}</span>
          <AccreditationBadge accreditation={p.accreditation} />
        </p>
      </header>

      <div className="two-col">
        <section className="card section" aria-labelledby="about-title">
          <h2 id="about-title">{t('programme.about')}</h2>
          {description ? <p className="prewrap">{description}</p> : <p className="empty">{t('programme.noDescription')}</p>}
          <dl className="kv">
            <dt>{t('programme.code')}</dt>
            <dd className="mono">{p.code}</dd>
            <dt>{t('programme.languages')}</dt>
            <dd>{p.languages.map((l) => t(`language.${l as 'id' | 'en'}`)).join(', ')}</dd>
            <dt>{t('programme.accreditation')}</dt>
            <dd>
              <AccreditationBadge accreditation={p.accreditation} />
              {p.accreditation.grade && p.accreditation.valid_to && <span className="block small muted">{t('programme.accreditationDetail', { grade: p.accreditation.grade, to: f.date(p.accreditation.valid_to) })}</span>}
            </dd>
            <dt>{t('programme.leadProvider')}</dt>
            <dd>
              {p.provider.name} <AccreditationBadge status={p.provider.accreditation_status} />
            </dd>
          </dl>
        </section>
        <section className="card section" aria-labelledby="eligibility-title">
          <h2 id="eligibility-title">{t('programme.eligibility')}</h2>
          <dl className="kv">
            <dt>{t('programme.positionTiers')}</dt>
            <dd>{e.position_tiers.length ? e.position_tiers.map((x) => (i18n.exists(`tiers.${x}`) ? t(`tiers.${x}` as 'tiers.pengawas') : x)).join(', ') : t('programme.anyone')}</dd>
            <dt>{t('programme.rankRange')}</dt>
            <dd>{e.rank_min || e.rank_max ? `${e.rank_min ?? '…'} – ${e.rank_max ?? '…'}` : t('programme.anyRank')}</dd>
            <dt>{t('programme.prerequisites')}</dt>
            <dd>
              {e.prerequisites.length
                ? e.prerequisites.map((x, i) => (
                    <span key={x.id}>
                      {i > 0 && ', '}
                      <Link to={`/katalog/${x.id}`}>{loc(x.title_id, x.title_en)}</Link>
                    </span>
                  ))
                : t('programme.none')}
            </dd>
          </dl>
        </section>
      </div>

      <section className="card section" aria-labelledby="partners-title" data-testid="partners">
        <h2 id="partners-title">{p.partners.length > 1 ? t('programme.partnersJoint', { count: p.partners.length }) : t('programme.partners')}</h2>
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('programme.partnersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programme.partner')}</th>
                <th scope="col">{t('programme.roles')}</th>
                <th scope="col">{t('programme.contribution')}</th>
                <th scope="col">{t('programme.accreditation')}</th>
              </tr>
            </thead>
            <tbody>
              {p.partners.map((partner) => (
                <tr key={partner.provider_id} data-testid="partner" data-code={partner.code}>
                  <th scope="row">
                    {partner.name}
                    <span className="block small muted">{t(`providerKinds.${partner.kind}`)}</span>
                  </th>
                  <td data-testid="partner-roles">{partner.roles.map((r) => t(`partnerRole.${r}`)).join(', ')}</td>
                  <td>
                    {partner.contribution}
                    {partner.modules.length > 0 && <span className="block small muted">{t('programme.modules', { list: partner.modules.join(', ') })}</span>}
                  </td>
                  <td>
                    <AccreditationBadge status={partner.accreditation_status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card section" aria-labelledby="competencies-title">
        <h2 id="competencies-title">{t('programme.competencies')}</h2>
        {p.competencies.length === 0 ? (
          <p className="empty">{t('programme.noCompetencies')}</p>
        ) : (
          <ul className="competency-ranges">
            {p.competencies.map((c) => (
              <li key={c.code}>
                <span>{competencyLabel(c.code, loc(c.name_id, c.name_en))}</span>
                <span className="level-range" aria-label={t('programme.levelRange', { from: c.level_from, to: c.level_to })}>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <span key={n} className={`step${n > c.level_from && n <= c.level_to ? ' step-gain' : n <= c.level_from ? ' step-have' : ''}`} aria-hidden="true" />
                  ))}
                  <span aria-hidden="true" className="small muted">
                    {c.level_from} → {c.level_to}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">{t('programme.cohorts')}</h2>
        {p.offerings.length === 0 ? <p className="empty">{t('programme.noCohorts')}</p> : <Cohorts programmeId={p.id} offerings={p.offerings} />}
      </section>
    </article>
  );
}

function Cohorts({ programmeId, offerings }: { programmeId: number; offerings: Offering[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { me } = useAuth();
  const canRequest = me ? hasAnyRole(me, ['learner', 'supervisor']) && me.civilServantId !== null : false;
  const mine = useMyEnrolments(canRequest);
  const existing = blockingEnrolment(mine.data?.items, programmeId);
  return (
    <div className="cohorts">
      {offerings.map((o) => (
        <article key={o.id} className="card cohort" data-testid="cohort" aria-labelledby={`cohort-${o.id}`}>
          <h3 id={`cohort-${o.id}`} className="card-title">
            {o.name ?? o.code} <span className="tag">{t(`offeringStatus.${o.status}`)}</span>
          </h3>
          <dl className="kv">
            <dt>{t('programme.dates')}</dt>
            <dd>
              {f.date(o.start_date)} – {f.date(o.end_date)}
            </dd>
            <dt>{t('programme.registration')}</dt>
            <dd>
              {f.date(o.registration_opens)} – {f.date(o.registration_closes)}
              {o.registration_open_now && <span className="tag tag-ok">{t('programme.registrationOpen')}</span>}
            </dd>
            <dt>{t('programme.where')}</dt>
            <dd>
              {t(`deliveryMode.${o.mode}`)}
              {o.venue ? ` · ${o.venue}` : ''}
              {o.regency_name || o.province_code ? <span className="block small muted">{[o.regency_name, o.province_name ?? provinceName(o.province_code)].filter(Boolean).join(', ')}</span> : null}
            </dd>
            <dt>{t('programme.seats')}</dt>
            <dd>{t('programme.seatsOf', { left: o.seats_left, capacity: o.capacity })}</dd>
            <dt>{t('programme.fee')}</dt>
            <dd>{o.fee > 0 ? f.number(o.fee) : t('programme.free')}</dd>
          </dl>
          {o.sessions.length > 0 && (
            <details className="sessions">
              <summary>{t('programme.sessions', { count: o.sessions.length })}</summary>
              <ul>
                {o.sessions.map((s) => (
                  <li key={s.id}>
                    {f.dateTime(s.starts_at)} — {s.title} <span className="muted">({s.provider_name})</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {canRequest && (mine.data || mine.error) && <RequestSeat offering={o} existing={existing} open={o.registration_open_now} onRequested={mine.reload} />}
          {!me && o.registration_open_now && <p className="small muted">{t('programme.signInToRequest')}</p>}
        </article>
      ))}
    </div>
  );
}
