// Level 4 of a leadership programme: my change project (aksi perubahan) for one certificate —
// title, the problem, what changed, the results, contacts — and whether I agree to publish it in
// the repository. It becomes public only when my agency agrees too (the agency admin decides).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Field } from '../../components/CatalogBits.tsx';
import { Alert, LoadError, Loading } from '../../components/Feedback.tsx';
import { fieldErrorMap, useLocalised } from '../../catalog.ts';
import { useApi, useDocumentTitle } from '../../hooks.ts';
import type { ChangeProject, Contact, MyEvaluation } from '../../learning.ts';
import { Link } from '../../router.tsx';
import type { PageProps } from '../../routes.tsx';
import { NotFoundPage } from '../StatusPages.tsx';
import { useTx } from './bits.tsx';

interface Draft {
  title: string;
  problem: string;
  change: string;
  results: string;
  contacts: { name: string; role: string; email: string }[];
  participantPublic: boolean;
}

const EMPTY: Draft = { title: '', problem: '', change: '', results: '', contacts: [], participantPublic: false };
const MAX_CONTACTS = 10;

function draftOf(p: ChangeProject): Draft {
  return { title: p.title, problem: p.problem, change: p.change, results: p.results, contacts: p.contacts.map((c) => ({ name: c.name, role: c.role ?? '', email: c.email ?? '' })), participantPublic: p.participant_public };
}

export default function ChangeProjectPage({ params }: PageProps) {
  const { t } = useTranslation();
  const loc = useLocalised();
  useDocumentTitle(t('learner.changeProject.title'));
  const mine = useApi<{ items: MyEvaluation[] }>('/api/evaluation/mine');
  const item = mine.data?.items.find((i) => i.certificate_id === params.id);
  const existing = useApi<ChangeProject>(item?.change_project_id ? `/api/evaluation/change-projects/${item.change_project_id}` : null);
  if (mine.data && (!item || !item.change_project_expected)) return <NotFoundPage />;
  const ready = item && (!item.change_project_id || existing.data);
  return (
    <>
      <nav className="breadcrumb" aria-label={t('personPage.breadcrumb')}>
        <Link to="/pembelajaran">{t('learner.myLearning.title')}</Link> / <span>{t('learner.changeProject.title')}</span>
      </nav>
      <div className="page-head">
        <h1>{t('learner.changeProject.title')}</h1>
        {item && <p className="muted measure">{t('learner.changeProject.intro', { title: loc(item.programme.title_id, item.programme.title_en) })}</p>}
      </div>
      <LoadError error={mine.error ?? existing.error} onRetry={mine.error ? mine.reload : existing.reload} />
      {!ready && !mine.error && !existing.error && <Loading />}
      {item && ready && <ProjectForm certificateId={item.certificate_id} project={existing.data ?? null} onSaved={existing.reload} />}
    </>
  );
}

function ProjectForm({ certificateId, project, onSaved }: { certificateId: string; project: ChangeProject | null; onSaved(): void }) {
  const { t } = useTranslation();
  const tx = useTx();
  const [draft, setDraft] = useState<Draft>(project ? draftOf(project) : EMPTY);
  const [saved, setSaved] = useState<ChangeProject | null>(project);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (project) setSaved(project);
  }, [project]);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setContact = (i: number, patch: Partial<Draft['contacts'][number]>) => set({ contacts: draft.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const errors = error ? fieldErrorMap(error.errors) : {};
  const contactErrors = (i: number, key: string) => errors[`contacts.${i}.${key}`];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    const contacts: Contact[] = draft.contacts.filter((c) => c.name.trim() || c.email.trim() || c.role.trim()).map((c) => ({ name: c.name.trim(), role: c.role.trim() || null, email: c.email.trim() || null }));
    const body = { title: draft.title.trim(), problem: draft.problem.trim(), change: draft.change.trim(), results: draft.results.trim(), contacts, participantPublic: draft.participantPublic };
    try {
      const result = saved
        ? await api<ChangeProject>(`/api/evaluation/change-projects/${saved.id}`, { method: 'PATCH', quiet: true, body })
        : await api<ChangeProject>('/api/evaluation/change-projects', { method: 'POST', quiet: true, body: { certificateId, ...body } });
      setNotice(saved ? t('learner.changeProject.updated') : t('learner.changeProject.created'));
      setSaved(result);
      setDraft(draftOf(result));
      onSaved();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'title' | 'problem' | 'change' | 'results', rows: number, max: number) => (
    <Field id={`cp-${key}`} label={t(`learner.changeProject.fields.${key}`)} hint={t(`learner.changeProject.hints.${key}`)} errors={errors[key]}>
      {(d, inv) =>
        rows === 1 ? (
          <input id={`cp-${key}`} type="text" value={draft[key]} maxLength={max} onChange={(e) => set({ [key]: e.target.value })} aria-describedby={d} aria-invalid={inv} required />
        ) : (
          <textarea id={`cp-${key}`} rows={rows} value={draft[key]} maxLength={max} onChange={(e) => set({ [key]: e.target.value })} aria-describedby={d} aria-invalid={inv} required />
        )
      }
    </Field>
  );

  return (
    <>
      {saved && (
        <section className="card section" aria-labelledby="cp-publication" data-testid="change-project-status">
          <h2 id="cp-publication">{t('learner.changeProject.publication')}</h2>
          <p>
            <span className={`tag ${saved.public ? 'tag-ok' : 'tag-muted'}`} data-testid="change-project-public" data-public={saved.public}>
              {saved.public ? t('learner.changeProject.isPublic') : t('learner.changeProject.notPublic')}
            </span>
          </p>
          <ul className="small">
            <li>{saved.participant_public ? t('learner.changeProject.participantYes') : t('learner.changeProject.participantNo')}</li>
            <li>{saved.agency_public ? t('learner.changeProject.agencyYes') : t('learner.changeProject.agencyNo')}</li>
            {saved.outcome && <li>{t('learner.changeProject.outcome', { status: tx(`learner.outcome.${saved.outcome.status}`, saved.outcome.status), score: saved.outcome.score ?? '–' })}</li>}
          </ul>
          {saved.public && <Link to="/aksi-perubahan">{t('learner.changeProject.seeRepository')}</Link>}
        </section>
      )}
      <form className="card section form" onSubmit={submit} noValidate aria-labelledby="cp-form-title">
        <h2 id="cp-form-title">{saved ? t('learner.changeProject.editTitle') : t('learner.changeProject.newTitle')}</h2>
        {notice && <Alert kind="success">{notice}</Alert>}
        {error && <Alert>{error.errors.length ? t('learner.common.fixFields') : (error.detail ?? error.title)}</Alert>}
        {text('title', 1, 300)}
        {text('problem', 4, 10_000)}
        {text('change', 4, 10_000)}
        {text('results', 4, 10_000)}
        <fieldset className="checks-fieldset">
          <legend>{t('learner.changeProject.contacts')}</legend>
          <p className="hint">{t('learner.changeProject.contactsHint')}</p>
          {draft.contacts.map((c, i) => (
            <div key={i} className="form-row contact-row" role="group" aria-label={t('learner.changeProject.contactN', { n: i + 1 })}>
              <Field id={`cp-c${i}-name`} label={t('learner.changeProject.contactName')} errors={contactErrors(i, 'name')}>
                {(d, inv) => <input id={`cp-c${i}-name`} type="text" value={c.name} maxLength={200} onChange={(e) => setContact(i, { name: e.target.value })} aria-describedby={d} aria-invalid={inv} />}
              </Field>
              <Field id={`cp-c${i}-role`} label={t('learner.changeProject.contactRole')} errors={contactErrors(i, 'role')}>
                {(d, inv) => <input id={`cp-c${i}-role`} type="text" value={c.role} maxLength={200} onChange={(e) => setContact(i, { role: e.target.value })} aria-describedby={d} aria-invalid={inv} />}
              </Field>
              <Field id={`cp-c${i}-email`} label={t('learner.changeProject.contactEmail')} errors={contactErrors(i, 'email')}>
                {(d, inv) => <input id={`cp-c${i}-email`} type="email" value={c.email} maxLength={200} onChange={(e) => setContact(i, { email: e.target.value })} aria-describedby={d} aria-invalid={inv} />}
              </Field>
              <button type="button" className="btn btn-link" onClick={() => set({ contacts: draft.contacts.filter((_, j) => j !== i) })}>
                {t('learner.changeProject.removeContact')}
              </button>
            </div>
          ))}
          {draft.contacts.length < MAX_CONTACTS && (
            <button type="button" className="btn btn-outline btn-small" onClick={() => set({ contacts: [...draft.contacts, { name: '', role: '', email: '' }] })}>
              {t('learner.changeProject.addContact')}
            </button>
          )}
        </fieldset>
        <div className="check">
          <input id="cp-public" type="checkbox" checked={draft.participantPublic} onChange={(e) => set({ participantPublic: e.target.checked })} aria-describedby="cp-public-hint" />
          <label htmlFor="cp-public">{t('learner.changeProject.participantPublic')}</label>
        </div>
        <p id="cp-public-hint" className="hint">
          {t('learner.changeProject.participantPublicHint')}
        </p>
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('learner.changeProject.saving') : saved ? t('learner.changeProject.save') : t('learner.changeProject.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
