// National admin: the competency dictionary. Versions are listed newest first; a published
// version is read-only, a draft is edited here (names and the five level descriptors in
// Indonesian and English, new competencies) and published after a confirmation.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Alert, Loading, LoadError } from '../../components/Feedback.tsx';
import { codeLabel, useCompetencyName, type Competency, type Version, type VersionSummary } from '../../competency.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';

const KINDS = ['managerial', 'socio_cultural', 'technical'] as const;
const LEVELS = [1, 2, 3, 4, 5] as const;

function problemText(e: ApiError, t: (key: 'common.networkError') => string): string {
  if (e.status === 0) return t('common.networkError');
  return [e.detail ?? e.title, ...e.errors.map((f) => `${f.field}: ${f.message}`)].join(' ');
}

export default function DictionaryPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  useDocumentTitle(t('dictionary.title'));
  const versions = useApi<{ items: VersionSummary[] }>('/api/competency/dictionary/versions');
  const [selected, setSelected] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [creating, setCreating] = useState(false);
  const items = versions.data?.items ?? [];
  const draft = items.find((v) => v.status === 'draft');
  const shownId = selected ?? draft?.id ?? items[0]?.id ?? null;
  const version = useApi<Version>(shownId ? `/api/competency/dictionary/versions/${shownId}` : null);

  const createDraft = async () => {
    setCreating(true);
    setError(null);
    setNotice(null);
    try {
      const created = await api<Version>('/api/competency/dictionary/versions', { method: 'POST', body: {} });
      setSelected(created.id);
      setNotice(t('dictionary.draftCreated', { number: created.number }));
      versions.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setCreating(false);
    }
  };

  const onPublished = (v: Version) => {
    setNotice(t('dictionary.published', { number: v.number }));
    setSelected(v.id);
    versions.reload();
    version.reload();
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('dictionary.title')}</h1>
        <p className="muted measure">{t('dictionary.intro')}</p>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert>{problemText(error, t)}</Alert>}
      <section className="card section" aria-labelledby="dict-versions">
        <div className="section-head">
          <h2 id="dict-versions">{t('dictionary.versions')}</h2>
          {versions.data && !draft && (
            <button type="button" className="btn btn-primary" onClick={createDraft} disabled={creating}>
              {t('dictionary.newDraft')}
            </button>
          )}
        </div>
        {versions.loading && !versions.data && <Loading />}
        <LoadError error={versions.error} onRetry={versions.reload} />
        {items.length > 0 && (
          <div className="table-wrap" role="region" aria-label={t('dictionary.versions')} tabIndex={0}>
            <table className="table" data-testid="versions-table">
              <caption className="sr-only">{t('dictionary.versions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dictionary.version')}</th>
                  <th scope="col">{t('dictionary.status')}</th>
                  <th scope="col" className="num">{t('dictionary.competencies')}</th>
                  <th scope="col">{t('dictionary.createdAt')}</th>
                  <th scope="col">{t('dictionary.publishedAt')}</th>
                  <th scope="col">{t('dictionary.notes')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('dictionary.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((v) => (
                  <tr key={v.id} aria-current={v.id === shownId ? 'true' : undefined} className={v.id === shownId ? 'row-selected' : undefined}>
                    <th scope="row">{t('dictionary.versionNumber', { number: v.number })}</th>
                    <td>
                      <VersionStatus status={v.status} />
                    </td>
                    <td className="num">{v.competency_count}</td>
                    <td className="nowrap">{format.dateTime(v.created_at)}</td>
                    <td className="nowrap">{v.published_at ? format.dateTime(v.published_at) : t('common.empty')}</td>
                    <td className="small">{v.notes ?? t('common.empty')}</td>
                    <td>
                      {v.id === shownId ? (
                        <span className="small muted">{t('dictionary.shown')}</span>
                      ) : (
                        <button type="button" className="btn btn-outline btn-small" onClick={() => setSelected(v.id)}>
                          {t('dictionary.open', { number: v.number })}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {version.loading && !version.data && <Loading />}
      <LoadError error={version.error} onRetry={version.reload} />
      {version.data && version.data.id === shownId && <VersionView key={version.data.id} version={version.data} onChanged={version.reload} onPublished={onPublished} />}
    </>
  );
}

function VersionStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`tag ${status === 'published' ? 'tag-ok' : 'tag-draft'}`}>{t(status === 'published' ? 'dictionary.statusPublished' : 'dictionary.statusDraft')}</span>;
}

function VersionView({ version, onChanged, onPublished }: { version: Version; onChanged(): void; onPublished(v: Version): void }) {
  const { t } = useTranslation();
  const name = useCompetencyName();
  const isDraft = version.status === 'draft';
  return (
    <section className="card section" aria-labelledby="dict-version" data-testid="version-view" data-status={version.status}>
      <div className="section-head">
        <h2 id="dict-version">
          {t('dictionary.versionNumber', { number: version.number })} <VersionStatus status={version.status} />
        </h2>
        {isDraft && <PublishButton version={version} onPublished={onPublished} />}
      </div>
      <p className="muted small">{isDraft ? t('dictionary.draftHelp') : t('dictionary.publishedHelp')}</p>
      {isDraft && <NotesForm version={version} onSaved={onChanged} />}
      <h3 className="subhead">{t('dictionary.competencies')}</h3>
      <div className="competency-list">
        {version.competencies.map((c) => (
          <details key={c.code} className="competency-item" data-code={c.code}>
            <summary>
              <span className="mono">{c.code}</span> <strong>{name(c)}</strong> <span className="tag tag-muted">{codeLabel('competency.kinds', c.kind)}</span>
            </summary>
            {isDraft ? <CompetencyForm versionId={version.id} competency={c} onSaved={onChanged} /> : <LevelsView competency={c} />}
          </details>
        ))}
      </div>
      {isDraft && (
        <details className="competency-item add-competency">
          <summary>
            <strong>{t('dictionary.addCompetency')}</strong>
          </summary>
          <CompetencyForm versionId={version.id} onSaved={onChanged} />
        </details>
      )}
    </section>
  );
}

function LevelsView({ competency }: { competency: Competency }) {
  const { t } = useTranslation();
  const caption = t('dictionary.levelsCaption', { code: competency.code });
  return (
    <div className="levels-view">
      <p className="small">
        <span lang="id">{competency.name_id}</span> · <span lang="en">{competency.name_en}</span>
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t('competency.level')}</th>
              <th scope="col">{t('dictionary.descriptorId')}</th>
              <th scope="col">{t('dictionary.descriptorEn')}</th>
            </tr>
          </thead>
          <tbody>
            {competency.levels.map((l) => (
              <tr key={l.level}>
                <th scope="row" className="num">{l.level}</th>
                <td lang="id">{l.id}</td>
                <td lang="en">{l.en}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function NotesForm({ version, onSaved }: { version: Version; onSaved(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [notes, setNotes] = useState(version.notes ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState('saving');
    setError(null);
    try {
      await api(`/api/competency/dictionary/versions/${version.id}`, { method: 'PATCH', body: { notes: notes.trim() || null } });
      setState('saved');
      onSaved();
    } catch (e) {
      setError(toApiError(e));
      setState('idle');
    }
  };
  return (
    <form className="form notes-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t('dictionary.notes')}</label>
        <textarea id={id} rows={2} maxLength={2000} value={notes} onChange={(e) => (setNotes(e.target.value), setState('idle'))} />
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-outline btn-small" disabled={state === 'saving'}>
          {t('dictionary.saveNotes')}
        </button>
        <span role="status" className="small">
          {state === 'saved' && t('dictionary.saved')}
        </span>
      </div>
      {error && <Alert>{problemText(error, t)}</Alert>}
    </form>
  );
}

interface FormState {
  kind: (typeof KINDS)[number];
  code: string;
  nameId: string;
  nameEn: string;
  levels: { id: string; en: string }[];
}

function initialForm(c?: Competency): FormState {
  return {
    kind: c?.kind ?? 'technical',
    code: c?.code ?? 'T.',
    nameId: c?.name_id ?? '',
    nameEn: c?.name_en ?? '',
    levels: LEVELS.map((n) => {
      const l = c?.levels.find((x) => x.level === n);
      return { id: l?.id ?? '', en: l?.en ?? '' };
    }),
  };
}

/** Edits a competency of a draft (PATCH with what changed) or adds one (POST). */
function CompetencyForm({ versionId, competency, onSaved }: { versionId: number; competency?: Competency; onSaved(): void }) {
  const { t } = useTranslation();
  const base = useId();
  const [form, setForm] = useState(() => initialForm(competency));
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const isNew = !competency;
  const set = (change: Partial<FormState>) => {
    setForm((f) => ({ ...f, ...change }));
    setState('idle');
  };
  const setLevel = (index: number, lang: 'id' | 'en', value: string) => {
    setForm((f) => ({ ...f, levels: f.levels.map((l, i) => (i === index ? { ...l, [lang]: value } : l)) }));
    setState('idle');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const blank = !form.nameId.trim() || !form.nameEn.trim() || form.levels.some((l) => !l.id.trim() || !l.en.trim()) || (isNew && !form.code.trim());
    setMissing(blank);
    if (blank) return;
    setState('saving');
    try {
      if (isNew) {
        await api(`/api/competency/dictionary/versions/${versionId}/competencies`, {
          method: 'POST',
          body: { kind: form.kind, code: form.code.trim(), nameId: form.nameId.trim(), nameEn: form.nameEn.trim(), levels: form.levels.map((l) => ({ id: l.id.trim(), en: l.en.trim() })) },
        });
        setForm(initialForm());
      } else {
        const body: Record<string, unknown> = {};
        if (form.nameId.trim() !== competency.name_id) body.nameId = form.nameId.trim();
        if (form.nameEn.trim() !== competency.name_en) body.nameEn = form.nameEn.trim();
        const levels = form.levels
          .map((l, i) => ({ level: i + 1, id: l.id.trim(), en: l.en.trim() }))
          .filter((l) => {
            const old = competency.levels.find((x) => x.level === l.level);
            return !old || old.id !== l.id || old.en !== l.en;
          });
        if (levels.length) body.levels = levels;
        if (Object.keys(body).length === 0) {
          setState('saved');
          return;
        }
        await api(`/api/competency/dictionary/versions/${versionId}/competencies/${encodeURIComponent(competency.code)}`, { method: 'PATCH', body });
      }
      setState('saved');
      onSaved();
    } catch (e) {
      setError(toApiError(e));
      setState('idle');
    }
  };

  return (
    <form className="form competency-form" onSubmit={submit} noValidate data-testid={isNew ? 'new-competency-form' : `competency-form-${competency.code}`}>
      {isNew && (
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${base}-kind`}>{t('dictionary.kind')}</label>
            <select id={`${base}-kind`} value={form.kind} onChange={(e) => set({ kind: e.target.value as FormState['kind'] })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {codeLabel('competency.kinds', k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${base}-code`}>{t('competency.code')}</label>
            <input id={`${base}-code`} type="text" className="mono" value={form.code} maxLength={42} onChange={(e) => set({ code: e.target.value.toUpperCase() })} aria-describedby={`${base}-code-hint`} />
            <p className="hint" id={`${base}-code-hint`}>
              {t('dictionary.codeHint')}
            </p>
          </div>
        </div>
      )}
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${base}-name-id`}>{t('dictionary.nameId')}</label>
          <input id={`${base}-name-id`} type="text" lang="id" value={form.nameId} maxLength={200} onChange={(e) => set({ nameId: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${base}-name-en`}>{t('dictionary.nameEn')}</label>
          <input id={`${base}-name-en`} type="text" lang="en" value={form.nameEn} maxLength={200} onChange={(e) => set({ nameEn: e.target.value })} />
        </div>
      </div>
      {form.levels.map((l, i) => (
        <fieldset key={i} className="level-fields">
          <legend>{t('dictionary.levelLegend', { level: i + 1 })}</legend>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${base}-l${i}-id`}>{t('dictionary.levelId', { level: i + 1 })}</label>
              <textarea id={`${base}-l${i}-id`} lang="id" rows={2} maxLength={1000} value={l.id} onChange={(e) => setLevel(i, 'id', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${base}-l${i}-en`}>{t('dictionary.levelEn', { level: i + 1 })}</label>
              <textarea id={`${base}-l${i}-en`} lang="en" rows={2} maxLength={1000} value={l.en} onChange={(e) => setLevel(i, 'en', e.target.value)} />
            </div>
          </div>
        </fieldset>
      ))}
      {missing && <Alert>{t('dictionary.allRequired')}</Alert>}
      {error && <Alert>{problemText(error, t)}</Alert>}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={state === 'saving'}>
          {isNew ? t('dictionary.add') : t('dictionary.save')}
        </button>
        <span role="status" className="small">
          {state === 'saving' ? t('dictionary.saving') : state === 'saved' ? (isNew ? t('dictionary.added') : t('dictionary.saved')) : ''}
        </span>
      </div>
    </form>
  );
}

/** Publishing asks first, in a modal dialog (focus stays inside; Escape cancels). */
function PublishButton({ version, onPublished }: { version: Version; onPublished(v: Version): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const element = dialog.current;
    const onClose = () => opener.current?.focus();
    element?.addEventListener('close', onClose);
    return () => element?.removeEventListener('close', onClose);
  }, []);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const published = await api<Version>(`/api/competency/dictionary/versions/${version.id}/publish`, { method: 'POST' });
      dialog.current?.close();
      onPublished(published);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" ref={opener} className="btn btn-primary" onClick={() => (setError(null), dialog.current?.showModal())}>
        {t('dictionary.publish')}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('dictionary.publishTitle', { number: version.number })}</h2>
        <p>{t('dictionary.publishText', { count: version.competencies.length })}</p>
        {error && <Alert>{problemText(error, t)}</Alert>}
        <div className="button-row">
          <button type="button" className="btn btn-outline" onClick={() => dialog.current?.close()} autoFocus>
            {t('dictionary.cancel')}
          </button>
          <button type="button" className="btn btn-primary" onClick={publish} disabled={busy}>
            {t('dictionary.confirmPublish')}
          </button>
        </div>
      </dialog>
    </>
  );
}
