// The programme editor for its lead's admins and national admins: draft fields, targeted
// competencies, eligibility, partners with roles, the submit/publish/archive steps (server
// errors shown at each field), accreditation history, and cohorts with quotas and sessions.
// A partner that is not the lead sees the programme and manages only its own sessions.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { AccreditationBadge, Field, FieldErrors, ProgrammeStatusTag, ReviewStatusTag } from '../../components/CatalogBits.tsx';
import { Alert, LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link, navigate } from '../../router.tsx';
import { grantsFor, hasAnyRole } from '../../roles.ts';
import { idParam, type PageProps } from '../../routes.tsx';
import { NotFoundPage } from '../StatusPages.tsx';
import { AccreditationHistory, AccreditationForm } from '../admin/AccreditationParts.tsx';
import { CompletionRulesSection } from '../learningAdmin/CompletionRulesSection.tsx';
import {
  CATEGORIES,
  DELIVERY_MODES,
  errorsUnder,
  fieldErrorMap,
  LANGUAGES,
  LEARNING_FORMS,
  OFFERING_STATUSES,
  PARTNER_ROLES,
  REVIEWED_CATEGORIES,
  PROVINCES,
  RANKS,
  TIERS,
  useLocalised,
  type AdminOffering,
  type AdminProgramme,
  type PartnerRole,
  type PublicProvider,
} from '../../catalog.ts';

type Errors = Record<string, string[]>;

/** Runs a change; answers the error map (empty on success) and a summary alert text. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = async <T,>(fn: () => Promise<T>, savedText?: string): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const result = await fn();
      if (savedText) setSaved(savedText);
      return result;
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, saved, run, errors: error ? fieldErrorMap(error.errors) : ({} as Errors), clear: () => setError(null) };
}

function ErrorSummary({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert>
      <strong>{error.title}</strong>
      {error.detail && error.detail !== error.title ? `: ${error.detail}` : ''}
      {error.errors.length > 0 && <span className="block">{t('editor.fixFields', { count: error.errors.length })}</span>}
    </Alert>
  );
}

export default function ProgrammeEditorPage({ params }: PageProps) {
  const { t } = useTranslation();
  const creating = params.id === undefined;
  const id = creating ? null : idParam(params.id);
  const programme = useApi<AdminProgramme>(id ? `/api/catalog/manage/programmes/${id}` : null);
  const loc = useLocalised();
  const p = programme.data;
  useDocumentTitle(creating ? t('editor.createTitle') : p ? loc(p.title_id, p.title_en) : t('editor.title'));

  if (creating) return <CreateProgramme />;
  if (!id || programme.error?.status === 404) return <NotFoundPage />;
  if (programme.error && !p) return <LoadError error={programme.error} onRetry={programme.reload} />;
  if (!p) return <Loading />;
  return <EditProgramme key={p.id} programme={p} reload={programme.reload} />;
}

function CreateProgramme() {
  const { t } = useTranslation();
  const me = useMe();
  const national = hasAnyRole(me, ['national_admin']);
  const providers = useApi<{ items: PublicProvider[] }>(national ? '/api/catalog/providers?limit=200' : null);
  const action = useAction();
  const [providerId, setProviderId] = useState('');
  const [code, setCode] = useState('');
  const [titleId, setTitleId] = useState('');
  const [category, setCategory] = useState<string>('technical');
  const [learningForm, setLearningForm] = useState<string>('course');
  const [jp, setJp] = useState('');
  const e = action.errors;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await action.run(() =>
      api<AdminProgramme>('/api/catalog/programmes', {
        method: 'POST',
        body: { ...(providerId ? { providerId: Number(providerId) } : {}), code: code.trim(), titleId: titleId.trim(), category, learningForm, jp: Number(jp) || 0 },
      }),
    );
    if (created) navigate(`/penyelenggara/program/${created.id}`);
  };

  return (
    <>
      <nav className="breadcrumb" aria-label={t('personPage.breadcrumb')}>
        <Link to="/penyelenggara/program">{t('programmes.title')}</Link>
      </nav>
      <h1>{t('editor.createTitle')}</h1>
      <p className="muted measure">{t('editor.createIntro')}</p>
      <ErrorSummary error={action.error} />
      <form className="form card card-narrow-form" onSubmit={onSubmit} noValidate>
        {national && (
          <Field id="new-provider" label={t('editor.leadProvider')} errors={e.providerId}>
            {(d, inv) => (
              <select id="new-provider" value={providerId} onChange={(ev) => setProviderId(ev.target.value)} aria-describedby={d} aria-invalid={inv}>
                <option value="">{t('editor.chooseProvider')}</option>
                {providers.data?.items.map((pr) => (
                  <option key={pr.id} value={pr.id}>
                    {pr.name} ({pr.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id="new-code" label={t('editor.code')} hint={t('editor.codeHint')} errors={e.code}>
          {(d, inv) => <input id="new-code" type="text" value={code} onChange={(ev) => setCode(ev.target.value.toUpperCase())} aria-describedby={d} aria-invalid={inv} maxLength={40} />}
        </Field>
        <Field id="new-title" label={t('editor.titleId')} errors={e.titleId}>
          {(d, inv) => <input id="new-title" type="text" value={titleId} onChange={(ev) => setTitleId(ev.target.value)} aria-describedby={d} aria-invalid={inv} maxLength={300} />}
        </Field>
        <div className="form-row">
          <Field id="new-category" label={t('editor.category')} errors={e.category}>
            {(d, inv) => (
              <select id="new-category" value={category} onChange={(ev) => setCategory(ev.target.value)} aria-describedby={d} aria-invalid={inv}>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`category.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="new-form" label={t('editor.learningForm')} errors={e.learningForm}>
            {(d, inv) => (
              <select id="new-form" value={learningForm} onChange={(ev) => setLearningForm(ev.target.value)} aria-describedby={d} aria-invalid={inv}>
                {LEARNING_FORMS.map((c) => (
                  <option key={c} value={c}>
                    {t(`learningForm.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="new-jp" label={t('editor.jp')} hint={t('editor.jpHint')} errors={e.jp}>
            {(d, inv) => <input id="new-jp" type="number" min={1} max={2000} value={jp} onChange={(ev) => setJp(ev.target.value)} aria-describedby={d} aria-invalid={inv} />}
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('editor.createDraft')}
          </button>
          <Link to="/penyelenggara/program">{t('editor.cancel')}</Link>
        </div>
      </form>
    </>
  );
}

interface CompetencyRow {
  code: string;
  levelFrom: number;
  levelTo: number;
}

function EditProgramme({ programme: p, reload }: { programme: AdminProgramme; reload(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const loc = useLocalised();
  const manager = p.my_part === 'manager' && hasAnyRole(me, ['provider_admin', 'national_admin']);
  const national = hasAnyRole(me, ['national_admin']);
  const steps = useAction();
  const [announce, setAnnounce] = useState<string | null>(null);
  // Field errors from the last save or step, shown at the fields of the details form.
  const [fieldErrors, setFieldErrors] = useState<Errors>({});

  // Programmes outside national review publish straight from a draft: submit (the completeness
  // check), then publish.
  const reviewed = REVIEWED_CATEGORIES.includes(p.category);
  const step = async (name: 'submit' | 'publish' | 'archive') => {
    setAnnounce(null);
    const post = (s: string) => api<AdminProgramme>(`/api/catalog/programmes/${p.id}/${s}`, { method: 'POST' });
    const done = await steps.run(async () => (name === 'publish' && p.status === 'draft' ? post('submit').then(() => post('publish')) : post(name)));
    if (done) {
      setFieldErrors({});
      setAnnounce(t(`editor.stepDone.${name}`));
    }
    reload();
  };
  useEffect(() => {
    if (steps.error) setFieldErrors(fieldErrorMap(steps.error.errors));
  }, [steps.error]);

  return (
    <>
      <nav className="breadcrumb" aria-label={t('personPage.breadcrumb')}>
        <Link to="/penyelenggara/program">{t('programmes.title')}</Link> / <span className="mono">{p.code}</span>
      </nav>
      <div className="page-head">
        <h1>{loc(p.title_id, p.title_en)}</h1>
        <p className="result-tags">
          <ProgrammeStatusTag status={p.status} /> <ReviewStatusTag status={p.review_status} /> <AccreditationBadge accreditation={p.accreditation} />
          <span className="tag tag-muted">{t(`editor.part.${p.my_part}`)}</span>
          {p.status === 'published' && <Link to={`/katalog/${p.id}`}>{t('editor.viewPublic')}</Link>}
        </p>
        {p.review_note && p.review_status === 'returned' && <Alert kind="info">{t('editor.returnedNote', { note: p.review_note })}</Alert>}
      </div>

      {manager && (
        <section className="card section" aria-labelledby="steps-title">
          <h2 id="steps-title">{t('editor.steps')}</h2>
          <p className="muted small">{t(`editor.stepHelp.${p.status}`)}</p>
          <ErrorSummary error={steps.error} />
          {announce && <Alert kind="success">{announce}</Alert>}
          <div className="button-row">
            {p.status === 'draft' && (
              <button type="button" className="btn btn-outline" disabled={steps.busy} onClick={() => void step('submit')}>
                {t('editor.submit')}
              </button>
            )}
            {((p.status === 'draft' && !reviewed) || (p.status === 'submitted' && (!reviewed || p.review_status === 'approved'))) && (
              <button type="button" className="btn btn-primary" disabled={steps.busy} onClick={() => void step('publish')}>
                {t('editor.publish')}
              </button>
            )}
            {p.status !== 'archived' && (
              <button type="button" className="btn btn-light" disabled={steps.busy} onClick={() => void step('archive')}>
                {t('editor.archive')}
              </button>
            )}
          </div>
        </section>
      )}

      <DetailsForm programme={p} editable={manager} outsideErrors={fieldErrors} onSaved={() => {
        setFieldErrors({});
        reload();
      }} />
      <PartnersForm programme={p} editable={manager} outsideErrors={errorsUnder(fieldErrors, 'partners')} onSaved={reload} />

      <section className="card section" aria-labelledby="accr-title">
        <h2 id="accr-title">{t('editor.accreditation')}</h2>
        <AccreditationHistory items={p.accreditations} caption={t('editor.accreditationCaption')} />
        {national && <AccreditationForm path={`/api/catalog/programmes/${p.id}/accreditations`} kind="programme" onSaved={reload} />}
      </section>

      <CompletionRulesSection programme={p} editable={manager} />

      <Offerings programme={p} manager={manager} reload={reload} />
    </>
  );
}

function DetailsForm({ programme: p, editable, outsideErrors, onSaved }: { programme: AdminProgramme; editable: boolean; outsideErrors: Errors; onSaved(): void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [titleId, setTitleId] = useState(p.title_id);
  const [titleEn, setTitleEn] = useState(p.title_en ?? '');
  const [descriptionId, setDescriptionId] = useState(p.description_id ?? '');
  const [descriptionEn, setDescriptionEn] = useState(p.description_en ?? '');
  const [category, setCategory] = useState<string>(p.category);
  const [learningForm, setLearningForm] = useState<string>(p.learning_form);
  const [jp, setJp] = useState(String(p.jp));
  const [languages, setLanguages] = useState<string[]>(p.languages);
  const [activityIri, setActivityIri] = useState(p.activity_iri ?? '');
  const [competencies, setCompetencies] = useState<CompetencyRow[]>(p.competencies.map((c) => ({ code: c.code, levelFrom: c.level_from, levelTo: c.level_to })));
  const [tiers, setTiers] = useState<string[]>(p.eligibility.position_tiers);
  const [rankMin, setRankMin] = useState(p.eligibility.rank_min ?? '');
  const [rankMax, setRankMax] = useState(p.eligibility.rank_max ?? '');
  const e: Errors = { ...outsideErrors, ...action.errors };
  const dis = !editable;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      titleId: titleId.trim(),
      titleEn: titleEn.trim() || null,
      descriptionId: descriptionId.trim() || null,
      descriptionEn: descriptionEn.trim() || null,
      category,
      learningForm,
      jp: Number(jp) || 0,
      languages,
      activityIri: activityIri.trim() || null,
      competencies: competencies.filter((c) => c.code.trim()).map((c) => ({ code: c.code.trim(), levelFrom: c.levelFrom, levelTo: c.levelTo })),
      eligibility: { positionTiers: tiers, rankMin: rankMin || null, rankMax: rankMax || null },
    };
    const done = await action.run(() => api<AdminProgramme>(`/api/catalog/programmes/${p.id}`, { method: 'PATCH', body }), t('editor.saved'));
    if (done) onSaved();
  };
  const text = (id: string, label: string, value: string, set: (v: string) => void, field: string, hint?: string, area = false) => (
    <Field id={id} label={label} hint={hint} errors={e[field]}>
      {(d, inv) =>
        area ? (
          <textarea id={id} rows={4} value={value} onChange={(ev) => set(ev.target.value)} aria-describedby={d} aria-invalid={inv} disabled={dis} />
        ) : (
          <input id={id} type="text" value={value} onChange={(ev) => set(ev.target.value)} aria-describedby={d} aria-invalid={inv} disabled={dis} />
        )
      }
    </Field>
  );
  const compErrors = errorsUnder(e, 'competencies');
  const eligErrors = errorsUnder(e, 'eligibility');

  return (
    <section className="card section" aria-labelledby="details-title">
      <h2 id="details-title">{t('editor.details')}</h2>
      <ErrorSummary error={action.error} />
      {action.saved && <Alert kind="success">{action.saved}</Alert>}
      <form className="form" onSubmit={onSubmit} noValidate data-testid="details-form">
        <div className="form-row">
          {text('f-title-id', t('editor.titleId'), titleId, setTitleId, 'titleId')}
          {text('f-title-en', t('editor.titleEn'), titleEn, setTitleEn, 'titleEn')}
        </div>
        <div className="form-row">
          {text('f-desc-id', t('editor.descriptionId'), descriptionId, setDescriptionId, 'descriptionId', undefined, true)}
          {text('f-desc-en', t('editor.descriptionEn'), descriptionEn, setDescriptionEn, 'descriptionEn', undefined, true)}
        </div>
        <div className="form-row">
          <Field id="f-category" label={t('editor.category')} errors={e.category}>
            {(d, inv) => (
              <select id="f-category" value={category} onChange={(ev) => setCategory(ev.target.value)} aria-describedby={d} aria-invalid={inv} disabled={dis}>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`category.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="f-form" label={t('editor.learningForm')} errors={e.learningForm}>
            {(d, inv) => (
              <select id="f-form" value={learningForm} onChange={(ev) => setLearningForm(ev.target.value)} aria-describedby={d} aria-invalid={inv} disabled={dis}>
                {LEARNING_FORMS.map((c) => (
                  <option key={c} value={c}>
                    {t(`learningForm.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="f-jp" label={t('editor.jp')} hint={t('editor.jpHint')} errors={e.jp}>
            {(d, inv) => <input id="f-jp" type="number" min={1} max={2000} value={jp} onChange={(ev) => setJp(ev.target.value)} aria-describedby={d} aria-invalid={inv} disabled={dis} />}
          </Field>
        </div>
        <fieldset className="level-fields" aria-describedby={e.languages ? 'f-lang-error' : undefined}>
          <legend>{t('editor.languages')}</legend>
          <div className="checks">
            {LANGUAGES.map((l) => (
              <label key={l} className="check">
                <input type="checkbox" checked={languages.includes(l)} disabled={dis} onChange={(ev) => setLanguages(ev.target.checked ? [...languages, l] : languages.filter((x) => x !== l))} />
                {t(`language.${l}`)}
              </label>
            ))}
          </div>
          <FieldErrors id="f-lang-error" messages={e.languages} />
        </fieldset>
        {text('f-iri', t('editor.activityIri'), activityIri, setActivityIri, 'activityIri', t('editor.activityIriHint'))}

        <fieldset className="level-fields" aria-describedby={compErrors.length ? 'f-comp-error' : undefined} data-testid="competencies-fieldset">
          <legend>{t('editor.competencies')}</legend>
          <p className="hint">{t('editor.competenciesHint')}</p>
          {competencies.length === 0 && <p className="empty">{t('editor.noCompetencies')}</p>}
          {competencies.map((c, i) => (
            <div key={i} className="inline-row">
              <label htmlFor={`f-comp-${i}`} className="sr-only">
                {t('editor.competencyCode', { n: i + 1 })}
              </label>
              <input id={`f-comp-${i}`} type="text" className="input-code" value={c.code} disabled={dis} placeholder="M.01" onChange={(ev) => setCompetencies(competencies.map((x, j) => (j === i ? { ...x, code: ev.target.value } : x)))} />
              <label htmlFor={`f-comp-${i}-from`}>{t('editor.levelFrom')}</label>
              <select id={`f-comp-${i}-from`} className="level-select" value={c.levelFrom} disabled={dis} onChange={(ev) => setCompetencies(competencies.map((x, j) => (j === i ? { ...x, levelFrom: Number(ev.target.value) } : x)))}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
              <label htmlFor={`f-comp-${i}-to`}>{t('editor.levelTo')}</label>
              <select id={`f-comp-${i}-to`} className="level-select" value={c.levelTo} disabled={dis} onChange={(ev) => setCompetencies(competencies.map((x, j) => (j === i ? { ...x, levelTo: Number(ev.target.value) } : x)))}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
              {editable && (
                <button type="button" className="btn btn-link" onClick={() => setCompetencies(competencies.filter((_, j) => j !== i))}>
                  {t('editor.remove')}
                  <span className="sr-only"> {c.code}</span>
                </button>
              )}
            </div>
          ))}
          {editable && (
            <button type="button" className="btn btn-outline btn-small" onClick={() => setCompetencies([...competencies, { code: '', levelFrom: 1, levelTo: 2 }])}>
              {t('editor.addCompetency')}
            </button>
          )}
          <FieldErrors id="f-comp-error" messages={compErrors} />
        </fieldset>

        <fieldset className="level-fields" aria-describedby={eligErrors.length ? 'f-elig-error' : undefined}>
          <legend>{t('programme.eligibility')}</legend>
          <p className="hint">{t('editor.tiersHint')}</p>
          <div className="checks">
            {TIERS.map((tier) => (
              <label key={tier} className="check">
                <input type="checkbox" checked={tiers.includes(tier)} disabled={dis} onChange={(ev) => setTiers(ev.target.checked ? [...tiers, tier] : tiers.filter((x) => x !== tier))} />
                {t(`tiers.${tier}`)}
              </label>
            ))}
          </div>
          <div className="form-row">
            <Field id="f-rank-min" label={t('editor.rankMin')}>
              {(d) => (
                <select id="f-rank-min" value={rankMin} onChange={(ev) => setRankMin(ev.target.value)} aria-describedby={d} disabled={dis}>
                  <option value="">{t('editor.noLimit')}</option>
                  {RANKS.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="f-rank-max" label={t('editor.rankMax')}>
              {(d) => (
                <select id="f-rank-max" value={rankMax} onChange={(ev) => setRankMax(ev.target.value)} aria-describedby={d} disabled={dis}>
                  <option value="">{t('editor.noLimit')}</option>
                  {RANKS.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {p.eligibility.prerequisites.length > 0 && <p className="small">{t('editor.prerequisites', { list: p.eligibility.prerequisites.map((x) => x.code).join(', ') })}</p>}
          <FieldErrors id="f-elig-error" messages={eligErrors} />
        </fieldset>
        {editable && (
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {action.busy ? t('editor.saving') : t('editor.save')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

interface PartnerRow {
  providerId: string;
  roles: PartnerRole[];
  contribution: string;
  modules: string;
}

function PartnersForm({ programme: p, editable, outsideErrors, onSaved }: { programme: AdminProgramme; editable: boolean; outsideErrors: string[]; onSaved(): void }) {
  const { t } = useTranslation();
  const providers = useApi<{ items: PublicProvider[] }>(editable ? '/api/catalog/providers?limit=200' : null);
  const action = useAction();
  const [rows, setRows] = useState<PartnerRow[]>(p.partners.map((x) => ({ providerId: String(x.provider_id), roles: x.roles, contribution: x.contribution ?? '', modules: x.modules.join(', ') })));
  const errors = [...outsideErrors, ...errorsUnder(action.errors, 'partners')];
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const partners = rows.map((r) => ({
      providerId: Number(r.providerId),
      roles: r.roles,
      contribution: r.contribution.trim() || null,
      modules: r.modules.split(',').map((m) => m.trim()).filter(Boolean),
    }));
    const done = await action.run(() => api(`/api/catalog/programmes/${p.id}/partners`, { method: 'PUT', body: { partners } }), t('editor.saved'));
    if (done) onSaved();
  };
  const update = (i: number, patch: Partial<PartnerRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const options = providers.data?.items ?? p.partners.map((x) => ({ id: x.provider_id, name: x.name, code: x.code }));

  return (
    <section className="card section" aria-labelledby="partners-title">
      <h2 id="partners-title">{t('programme.partners')}</h2>
      <p className="hint">{t('editor.partnersHint')}</p>
      <ErrorSummary error={action.error} />
      {action.saved && <Alert kind="success">{action.saved}</Alert>}
      <form className="form" onSubmit={onSubmit} noValidate aria-describedby={errors.length ? 'partners-error' : undefined}>
        {rows.map((r, i) => (
          <fieldset key={i} className="level-fields partner-row" data-testid="partner-row">
            <legend>{t('editor.partnerN', { n: i + 1 })}</legend>
            <div className="form-row">
              <Field id={`pt-${i}-provider`} label={t('programme.partner')} errors={action.errors[`partners.${i}.providerId`]}>
                {(d, inv) => (
                  <select id={`pt-${i}-provider`} value={r.providerId} onChange={(ev) => update(i, { providerId: ev.target.value })} aria-describedby={d} aria-invalid={inv} disabled={!editable}>
                    <option value="">{t('editor.chooseProvider')}</option>
                    {options.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name} ({o.code})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`pt-${i}-modules`} label={t('editor.modules')} hint={t('editor.modulesHint')}>
                {(d) => <input id={`pt-${i}-modules`} type="text" value={r.modules} onChange={(ev) => update(i, { modules: ev.target.value })} aria-describedby={d} disabled={!editable} />}
              </Field>
            </div>
            <fieldset className="checks-fieldset">
              <legend>{t('programme.roles')}</legend>
              <div className="checks">
                {PARTNER_ROLES.map((role) => (
                  <label key={role} className="check">
                    <input type="checkbox" checked={r.roles.includes(role)} disabled={!editable} onChange={(ev) => update(i, { roles: ev.target.checked ? [...r.roles, role] : r.roles.filter((x) => x !== role) })} />
                    {t(`partnerRole.${role}`)}
                  </label>
                ))}
              </div>
              <FieldErrors id={`pt-${i}-roles-error`} messages={action.errors[`partners.${i}.roles`]} />
            </fieldset>
            <Field id={`pt-${i}-contribution`} label={t('programme.contribution')}>
              {(d) => <input id={`pt-${i}-contribution`} type="text" value={r.contribution} onChange={(ev) => update(i, { contribution: ev.target.value })} aria-describedby={d} disabled={!editable} />}
            </Field>
            {editable && rows.length > 1 && (
              <button type="button" className="btn btn-link" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('editor.removePartner')}
              </button>
            )}
          </fieldset>
        ))}
        <FieldErrors id="partners-error" messages={errors} />
        {editable && (
          <div className="button-row">
            <button type="button" className="btn btn-outline btn-small" onClick={() => setRows([...rows, { providerId: '', roles: ['content'], contribution: '', modules: '' }])}>
              {t('editor.addPartner')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {t('editor.savePartners')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

// ---------- offerings and sessions ----------

function Offerings({ programme: p, manager, reload }: { programme: AdminProgramme; manager: boolean; reload(): void }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <section className="section" aria-labelledby="offerings-title">
      <div className="section-head">
        <h2 id="offerings-title">{t('programme.cohorts')}</h2>
        {manager && !adding && (
          <button type="button" className="btn btn-outline" onClick={() => setAdding(true)}>
            {t('offering.add')}
          </button>
        )}
      </div>
      {adding && (
        <OfferingForm
          programmeId={p.id}
          onDone={(changed) => {
            setAdding(false);
            if (changed) reload();
          }}
        />
      )}
      {p.offerings.length === 0 && !adding && <p className="empty">{t('programme.noCohorts')}</p>}
      {p.offerings.map((o) => (
        <OfferingCard key={o.id} programme={p} offering={o} manager={manager} reload={reload} />
      ))}
    </section>
  );
}

function OfferingCard({ programme: p, offering: o, manager, reload }: { programme: AdminProgramme; offering: AdminOffering; manager: boolean; reload(): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const [addingSession, setAddingSession] = useState(false);
  const action = useAction();
  const myProviders = new Set(grantsFor(me, 'provider_admin').map((g) => g.scopeId));
  const national = hasAnyRole(me, ['national_admin']);
  const mayEditSession = (providerId: number) => manager || national || myProviders.has(providerId);
  const mayAddSession = manager || p.partners.some((x) => myProviders.has(x.provider_id));

  const removeSession = async (id: number) => {
    const done = await action.run(() => api(`/api/catalog/sessions/${id}`, { method: 'DELETE' }).then(() => true));
    if (done) reload();
  };

  return (
    <article className="card section offering-card" aria-labelledby={`off-${o.id}`} data-testid="offering">
      <div className="section-head">
        <h3 id={`off-${o.id}`} className="card-title">
          {o.name ?? o.code} <span className="tag">{t(`offeringStatus.${o.status}`)}</span>
        </h3>
        <div className="button-row">
          <Link to={`/penyelenggara/angkatan/${o.id}`} className="btn btn-light btn-small" data-testid="cohort-link">
            {t('learningAdmin.cohort.open')}
            <span className="sr-only"> {o.code}</span>
          </Link>
          {manager && !editing && (
            <button type="button" className="btn btn-outline btn-small" onClick={() => setEditing(true)}>
              {t('offering.edit')}
              <span className="sr-only"> {o.code}</span>
            </button>
          )}
        </div>
      </div>
      {editing ? (
        <OfferingForm
          programmeId={p.id}
          offering={o}
          onDone={(changed) => {
            setEditing(false);
            if (changed) reload();
          }}
        />
      ) : (
        <dl className="kv">
          <dt>{t('programme.dates')}</dt>
          <dd>
            {f.date(o.start_date)} – {f.date(o.end_date)}
          </dd>
          <dt>{t('programme.registration')}</dt>
          <dd>
            {f.date(o.registration_opens)} – {f.date(o.registration_closes)}
          </dd>
          <dt>{t('programme.where')}</dt>
          <dd>
            {t(`deliveryMode.${o.mode}`)}
            {o.venue ? ` · ${o.venue}` : ''}
            {o.province_name ? ` · ${[o.regency_name, o.province_name].filter(Boolean).join(', ')}` : ''}
            {o.online_url && <span className="block small break">{o.online_url}</span>}
          </dd>
          <dt>{t('programme.seats')}</dt>
          <dd>{t('offering.seatsSummary', { capacity: o.capacity, enrolled: o.enrolled_count, left: o.seats_left })}</dd>
          <dt>{t('offering.quotas')}</dt>
          <dd>{o.quotas.length ? o.quotas.map((q) => `${q.agency_name}: ${q.seats}`).join('; ') : t('offering.noQuotas')}</dd>
        </dl>
      )}
      <h4>{t('offering.sessions')}</h4>
      <ErrorSummary error={action.error} />
      {o.sessions.length === 0 ? (
        <p className="empty">{t('offering.noSessions')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('offering.sessionsCaption', { code: o.code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('offering.session')}</th>
                <th scope="col">{t('offering.when')}</th>
                <th scope="col">{t('offering.deliveredBy')}</th>
                <th scope="col" className="num">
                  JP
                </th>
                <th scope="col">
                  <span className="sr-only">{t('offering.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {o.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.title}
                    {s.module && <span className="block small muted">{s.module}</span>}
                  </th>
                  <td className="nowrap">
                    {f.dateTime(s.starts_at)} – {f.dateTime(s.ends_at)}
                  </td>
                  <td>{s.provider_name}</td>
                  <td className="num">{s.jp ?? ''}</td>
                  <td>
                    {mayEditSession(s.provider_id) && (
                      <button type="button" className="btn btn-link" disabled={action.busy} onClick={() => void removeSession(s.id)}>
                        {t('offering.removeSession')}
                        <span className="sr-only"> {s.title}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayAddSession &&
        (addingSession ? (
          <SessionForm
            programme={p}
            offering={o}
            onDone={(changed) => {
              setAddingSession(false);
              if (changed) reload();
            }}
          />
        ) : (
          <button type="button" className="btn btn-outline btn-small" onClick={() => setAddingSession(true)}>
            {t('offering.addSession')}
          </button>
        ))}
    </article>
  );
}

interface QuotaRow {
  agencyId: string;
  seats: string;
}

function OfferingForm({ programmeId, offering: o, onDone }: { programmeId: number; offering?: AdminOffering; onDone(changed: boolean): void }) {
  const { t } = useTranslation();
  const agencies = useApi<{ items: { id: number; code: string; name: string }[] }>('/api/agencies?limit=200');
  const action = useAction();
  const [v, setV] = useState({
    code: o?.code ?? '',
    name: o?.name ?? '',
    startDate: o?.start_date ?? '',
    endDate: o?.end_date ?? '',
    registrationOpens: o?.registration_opens ?? '',
    registrationCloses: o?.registration_closes ?? '',
    capacity: o ? String(o.capacity) : '',
    mode: o?.mode ?? 'offline',
    provinceCode: o?.province_code ?? '',
    regencyCode: o?.regency_code ?? '',
    venue: o?.venue ?? '',
    onlineUrl: o?.online_url ?? '',
    fee: o ? String(o.fee) : '0',
    status: o?.status ?? 'planned',
  });
  const [quotas, setQuotas] = useState<QuotaRow[]>(o?.quotas.map((q) => ({ agencyId: String(q.agency_id), seats: String(q.seats) })) ?? []);
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const e = action.errors;
  const prefix = o ? `of-${o.id}` : 'of-new';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {
      name: v.name.trim() || null,
      startDate: v.startDate,
      endDate: v.endDate,
      registrationOpens: v.registrationOpens,
      registrationCloses: v.registrationCloses,
      capacity: Number(v.capacity),
      mode: v.mode,
      provinceCode: v.provinceCode || null,
      regencyCode: v.regencyCode.trim() || null,
      venue: v.venue.trim() || null,
      onlineUrl: v.onlineUrl.trim() || null,
      fee: Number(v.fee) || 0,
      status: v.status,
      quotas: quotas.filter((q) => q.agencyId).map((q) => ({ agencyId: Number(q.agencyId), seats: Number(q.seats) })),
    };
    const done = o
      ? await action.run(() => api(`/api/catalog/offerings/${o.id}`, { method: 'PATCH', body }).then(() => true))
      : await action.run(() => api(`/api/catalog/programmes/${programmeId}/offerings`, { method: 'POST', body: { ...body, code: v.code.trim() } }).then(() => true));
    if (done) onDone(true);
  };
  const input = (key: keyof typeof v, label: string, type = 'text', hint?: string): ReactNode => (
    <Field id={`${prefix}-${key}`} label={label} hint={hint} errors={e[key]}>
      {(d, inv) => <input id={`${prefix}-${key}`} type={type} value={v[key]} onChange={(ev) => set({ [key]: ev.target.value })} aria-describedby={d} aria-invalid={inv} />}
    </Field>
  );
  const quotaErrors = errorsUnder(e, 'quotas');

  return (
    <form className="form offering-form" onSubmit={onSubmit} noValidate aria-label={o ? t('offering.editTitle', { code: o.code }) : t('offering.addTitle')}>
      <ErrorSummary error={action.error} />
      <div className="form-row">
        {!o && input('code', t('offering.code'), 'text', t('offering.codeHint'))}
        {input('name', t('offering.name'))}
        <Field id={`${prefix}-status`} label={t('offering.status')} errors={e.status}>
          {(d) => (
            <select id={`${prefix}-status`} value={v.status} onChange={(ev) => set({ status: ev.target.value as typeof v.status })} aria-describedby={d}>
              {OFFERING_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`offeringStatus.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        {input('startDate', t('offering.startDate'), 'date')}
        {input('endDate', t('offering.endDate'), 'date')}
        {input('registrationOpens', t('offering.registrationOpens'), 'date')}
        {input('registrationCloses', t('offering.registrationCloses'), 'date')}
      </div>
      <div className="form-row">
        {input('capacity', t('offering.capacity'), 'number')}
        {input('fee', t('offering.fee'), 'number')}
        <Field id={`${prefix}-mode`} label={t('offering.mode')} errors={e.mode}>
          {(d) => (
            <select id={`${prefix}-mode`} value={v.mode} onChange={(ev) => set({ mode: ev.target.value as typeof v.mode })} aria-describedby={d}>
              {DELIVERY_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`deliveryMode.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field id={`${prefix}-provinceCode`} label={t('offering.province')} errors={e.provinceCode}>
          {(d, inv) => (
            <select id={`${prefix}-provinceCode`} value={v.provinceCode} onChange={(ev) => set({ provinceCode: ev.target.value })} aria-describedby={d} aria-invalid={inv}>
              <option value="">{t('offering.noProvince')}</option>
              {Object.entries(PROVINCES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input('regencyCode', t('offering.regency'), 'text', t('offering.regencyHint'))}
        {input('venue', t('offering.venue'))}
        {input('onlineUrl', t('offering.onlineUrl'), 'url')}
      </div>
      <fieldset className="level-fields" aria-describedby={quotaErrors.length ? `${prefix}-quota-error` : undefined}>
        <legend>{t('offering.quotas')}</legend>
        <p className="hint">{t('offering.quotasHint')}</p>
        {quotas.map((q, i) => (
          <div key={i} className="inline-row">
            <label htmlFor={`${prefix}-q${i}-agency`}>{t('offering.agency')}</label>
            <select id={`${prefix}-q${i}-agency`} value={q.agencyId} onChange={(ev) => setQuotas(quotas.map((x, j) => (j === i ? { ...x, agencyId: ev.target.value } : x)))}>
              <option value="">{t('offering.chooseAgency')}</option>
              {agencies.data?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <label htmlFor={`${prefix}-q${i}-seats`}>{t('offering.seats')}</label>
            <input id={`${prefix}-q${i}-seats`} type="number" min={1} className="input-small" value={q.seats} onChange={(ev) => setQuotas(quotas.map((x, j) => (j === i ? { ...x, seats: ev.target.value } : x)))} />
            <button type="button" className="btn btn-link" onClick={() => setQuotas(quotas.filter((_, j) => j !== i))}>
              {t('editor.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-outline btn-small" onClick={() => setQuotas([...quotas, { agencyId: '', seats: '' }])}>
          {t('offering.addQuota')}
        </button>
        <FieldErrors id={`${prefix}-quota-error`} messages={quotaErrors} />
      </fieldset>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {o ? t('editor.save') : t('offering.create')}
        </button>
        <button type="button" className="btn btn-light" onClick={() => onDone(false)}>
          {t('editor.cancel')}
        </button>
      </div>
    </form>
  );
}

function SessionForm({ programme: p, offering: o, onDone }: { programme: AdminProgramme; offering: AdminOffering; onDone(changed: boolean): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const action = useAction();
  const mine = new Set(grantsFor(me, 'provider_admin').map((g) => g.scopeId));
  const manager = p.my_part === 'manager';
  const choices = p.partners.filter((x) => manager || mine.has(x.provider_id));
  const [v, setV] = useState({ providerId: String(choices[0]?.provider_id ?? ''), title: '', module: '', startsAt: `${o.start_date}T08:00`, endsAt: `${o.start_date}T12:00`, jp: '', location: '' });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const e = action.errors;
  const prefix = `ses-${o.id}`;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      providerId: Number(v.providerId) || undefined,
      title: v.title.trim(),
      module: v.module.trim() || null,
      startsAt: v.startsAt ? new Date(v.startsAt).toISOString() : '',
      endsAt: v.endsAt ? new Date(v.endsAt).toISOString() : '',
      jp: v.jp ? Number(v.jp) : null,
      location: v.location.trim() || null,
    };
    const done = await action.run(() => api(`/api/catalog/offerings/${o.id}/sessions`, { method: 'POST', body }).then(() => true));
    if (done) onDone(true);
  };
  return (
    <form className="form offering-form" onSubmit={onSubmit} noValidate aria-label={t('offering.addSession')}>
      <ErrorSummary error={action.error} />
      <div className="form-row">
        <Field id={`${prefix}-provider`} label={t('offering.deliveredBy')} errors={e.providerId}>
          {(d) => (
            <select id={`${prefix}-provider`} value={v.providerId} onChange={(ev) => set({ providerId: ev.target.value })} aria-describedby={d}>
              {choices.map((x) => (
                <option key={x.provider_id} value={x.provider_id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${prefix}-title`} label={t('offering.session')} errors={e.title}>
          {(d, inv) => <input id={`${prefix}-title`} type="text" value={v.title} onChange={(ev) => set({ title: ev.target.value })} aria-describedby={d} aria-invalid={inv} />}
        </Field>
        <Field id={`${prefix}-module`} label={t('offering.module')} errors={e.module}>
          {(d) => <input id={`${prefix}-module`} type="text" value={v.module} onChange={(ev) => set({ module: ev.target.value })} aria-describedby={d} />}
        </Field>
      </div>
      <div className="form-row">
        <Field id={`${prefix}-starts`} label={t('offering.startsAt')} errors={e.startsAt}>
          {(d, inv) => <input id={`${prefix}-starts`} type="datetime-local" value={v.startsAt} onChange={(ev) => set({ startsAt: ev.target.value })} aria-describedby={d} aria-invalid={inv} />}
        </Field>
        <Field id={`${prefix}-ends`} label={t('offering.endsAt')} errors={e.endsAt}>
          {(d, inv) => <input id={`${prefix}-ends`} type="datetime-local" value={v.endsAt} onChange={(ev) => set({ endsAt: ev.target.value })} aria-describedby={d} aria-invalid={inv} />}
        </Field>
        <Field id={`${prefix}-jp`} label="JP" errors={e.jp}>
          {(d) => <input id={`${prefix}-jp`} type="number" min={1} value={v.jp} onChange={(ev) => set({ jp: ev.target.value })} aria-describedby={d} />}
        </Field>
        <Field id={`${prefix}-location`} label={t('offering.location')} errors={e.location}>
          {(d) => <input id={`${prefix}-location`} type="text" value={v.location} onChange={(ev) => set({ location: ev.target.value })} aria-describedby={d} />}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {t('offering.saveSession')}
        </button>
        <button type="button" className="btn btn-light" onClick={() => onDone(false)}>
          {t('editor.cancel')}
        </button>
      </div>
    </form>
  );
}
