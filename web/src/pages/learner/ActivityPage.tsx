// Self-reported learning (seminar, coaching, mentoring, self-study…): the form the API accepts —
// form, title, organiser, dates, time spent (converted to JP by the national table), evidence as a
// link or a description — and the status of what I reported: waiting for my supervisor,
// approved into the ledger, or rejected with the reason.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { Field } from '../../components/CatalogBits.tsx';
import { Alert, LoadError, Loading } from '../../components/Feedback.tsx';
import { fieldErrorMap } from '../../catalog.ts';
import { useApi, useDocumentTitle, useFormatters, type ApiState } from '../../hooks.ts';
import { todayJakarta, type Activity, type Conversion } from '../../learning.ts';
import { Link } from '../../router.tsx';
import { useTx } from './bits.tsx';

interface Draft {
  learningForm: string;
  title: string;
  organiser: string;
  startedOn: string;
  endedOn: string;
  hours: string;
  evidenceUrl: string;
  evidenceNote: string;
}

const EMPTY: Draft = { learningForm: '', title: '', organiser: '', startedOn: '', endedOn: '', hours: '', evidenceUrl: '', evidenceNote: '' };

/** The JP the server will credit (its rule: minutes ÷ minutes per JP, two decimals down, capped). */
export function previewJp(minutes: number, c: Conversion | undefined): number | null {
  if (!c || !(minutes > 0)) return null;
  const jp = Math.floor((minutes / c.minutesPerJp) * 100) / 100;
  return c.maxJpPerActivity !== null ? Math.min(jp, c.maxJpPerActivity) : jp;
}

export default function ActivityPage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('learner.activity.title'));
  const mine = useApi<{ items: Activity[] }>(me.civilServantId ? '/api/learning/activities/mine' : null);
  return (
    <>
      <nav className="breadcrumb" aria-label={t('personPage.breadcrumb')}>
        <Link to="/pembelajaran">{t('learner.myLearning.title')}</Link> / <span>{t('learner.activity.title')}</span>
      </nav>
      <div className="page-head">
        <h1>{t('learner.activity.title')}</h1>
        <p className="muted measure">{t('learner.activity.intro')}</p>
      </div>
      {me.civilServantId ? (
        <>
          <ActivityForm onSubmitted={mine.reload} />
          <MyActivities state={mine} />
        </>
      ) : (
        <p className="card empty">{t('home.learner.notLinked')}</p>
      )}
    </>
  );
}

function ActivityForm({ onSubmitted }: { onSubmitted(): void }) {
  const { t } = useTranslation();
  const tx = useTx();
  const f = useFormatters();
  const conversions = useApi<{ minutesPerJpStandard: number; items: Conversion[] }>('/api/learning/jp-conversions');
  const forms = (conversions.data?.items ?? []).filter((c) => c.selfReportAllowed);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<Activity | null>(null);
  const today = todayJakarta();
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const minutes = Math.round(Number(draft.hours.replace(',', '.')) * 60);
  const conversion = forms.find((c) => c.learningForm === draft.learningForm);
  const jp = previewJp(minutes, conversion);
  const errors = error ? fieldErrorMap(error.errors) : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const created = await api<Activity>('/api/learning/activities', {
        method: 'POST',
        quiet: true,
        body: {
          learningForm: draft.learningForm,
          title: draft.title.trim(),
          organiser: draft.organiser.trim() || null,
          startedOn: draft.startedOn,
          endedOn: draft.endedOn,
          minutes: Number.isFinite(minutes) ? minutes : 0,
          evidenceUrl: draft.evidenceUrl.trim() || null,
          evidenceNote: draft.evidenceNote.trim() || null,
        },
      });
      setDone(created);
      setDraft(EMPTY);
      onSubmitted();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card section" aria-labelledby="activity-form-title">
      <h2 id="activity-form-title">{t('learner.activity.formTitle')}</h2>
      {done && (
        <Alert kind="success">
          <span data-testid="activity-submitted">{t('learner.activity.submitted', { title: done.title, jp: f.number(done.jp) })}</span>
        </Alert>
      )}
      {error && <Alert>{error.errors.length ? t('learner.common.fixFields') : (error.detail ?? error.title)}</Alert>}
      <LoadError error={conversions.error} onRetry={conversions.reload} />
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-row">
          <Field id="act-form" label={t('learner.activity.form')} errors={errors.learningForm}>
            {(d, inv) => (
              <select id="act-form" value={draft.learningForm} onChange={(e) => set({ learningForm: e.target.value })} aria-describedby={d} aria-invalid={inv} required>
                <option value="">{t('learner.activity.chooseForm')}</option>
                {forms.map((c) => (
                  <option key={c.learningForm} value={c.learningForm}>
                    {tx(`learningForm.${c.learningForm}`, c.learningForm)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="act-title" label={t('learner.activity.name')} hint={t('learner.activity.nameHint')} errors={errors.title}>
            {(d, inv) => <input id="act-title" type="text" value={draft.title} minLength={3} maxLength={300} onChange={(e) => set({ title: e.target.value })} aria-describedby={d} aria-invalid={inv} required />}
          </Field>
          <Field id="act-organiser" label={t('learner.activity.organiser')} errors={errors.organiser}>
            {(d, inv) => <input id="act-organiser" type="text" value={draft.organiser} maxLength={300} onChange={(e) => set({ organiser: e.target.value })} aria-describedby={d} aria-invalid={inv} />}
          </Field>
        </div>
        <div className="form-row">
          <Field id="act-start" label={t('learner.activity.startedOn')} errors={errors.startedOn}>
            {(d, inv) => <input id="act-start" type="date" value={draft.startedOn} max={today} onChange={(e) => set({ startedOn: e.target.value })} aria-describedby={d} aria-invalid={inv} required />}
          </Field>
          <Field id="act-end" label={t('learner.activity.endedOn')} hint={t('learner.activity.endedHint')} errors={errors.endedOn}>
            {(d, inv) => <input id="act-end" type="date" value={draft.endedOn} max={today} onChange={(e) => set({ endedOn: e.target.value })} aria-describedby={d} aria-invalid={inv} required />}
          </Field>
          <Field id="act-hours" label={t('learner.activity.hours')} hint={conversion ? t('learner.activity.hoursHint', { minutes: conversion.minutesPerJp }) : t('learner.activity.hoursHintNoForm')} errors={errors.minutes}>
            {(d, inv) => <input id="act-hours" type="number" inputMode="decimal" min={0.25} step={0.25} value={draft.hours} onChange={(e) => set({ hours: e.target.value })} aria-describedby={d} aria-invalid={inv} required className="input-small" />}
          </Field>
        </div>
        <p className="small" role="status" aria-live="polite" data-testid="jp-preview">
          {jp !== null ? t('learner.activity.jpPreview', { jp: f.number(jp) }) : ''}
          {jp !== null && conversion?.maxJpPerActivity !== null && conversion?.maxJpPerActivity !== undefined ? ` ${t('learner.activity.jpCap', { max: f.number(conversion.maxJpPerActivity) })}` : ''}
        </p>
        <fieldset className="checks-fieldset">
          <legend>{t('learner.activity.evidence')}</legend>
          <p className="hint">{t('learner.activity.evidenceHint')}</p>
          <Field id="act-url" label={t('learner.activity.evidenceUrl')} errors={errors.evidenceUrl}>
            {(d, inv) => <input id="act-url" type="url" value={draft.evidenceUrl} maxLength={2000} placeholder="https://" onChange={(e) => set({ evidenceUrl: e.target.value })} aria-describedby={d} aria-invalid={inv} />}
          </Field>
          <Field id="act-note" label={t('learner.activity.evidenceNote')} errors={errors.evidenceNote}>
            {(d, inv) => <textarea id="act-note" rows={3} value={draft.evidenceNote} maxLength={2000} onChange={(e) => set({ evidenceNote: e.target.value })} aria-describedby={d} aria-invalid={inv} />}
          </Field>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('learner.activity.sending') : t('learner.activity.send')}
          </button>
        </div>
      </form>
    </section>
  );
}

function MyActivities({ state }: { state: ApiState<{ items: Activity[] }> }) {
  const { t } = useTranslation();
  const tx = useTx();
  const f = useFormatters();
  const items = state.data?.items ?? [];
  return (
    <section className="card section" aria-labelledby="my-activities-title">
      <h2 id="my-activities-title">{t('learner.activity.mine')}</h2>
      <LoadError error={state.error} onRetry={state.reload} />
      {state.loading && !state.data && <Loading />}
      {state.data && items.length === 0 && <p className="empty">{t('learner.activity.none')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="activities">
            <caption className="sr-only">{t('learner.activity.mine')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learner.activity.name')}</th>
                <th scope="col">{t('learner.activity.form')}</th>
                <th scope="col">{t('learner.activity.dates')}</th>
                <th scope="col" className="num">
                  {t('learner.records.jp')}
                </th>
                <th scope="col">{t('learner.activity.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-testid="activity" data-status={a.status}>
                  <th scope="row">
                    {a.title}
                    {a.organiser && <span className="block small muted">{a.organiser}</span>}
                  </th>
                  <td>{tx(`learningForm.${a.learningForm}`, a.learningForm)}</td>
                  <td className="nowrap">{a.startedOn === a.endedOn ? f.date(a.startedOn) : `${f.date(a.startedOn)} – ${f.date(a.endedOn)}`}</td>
                  <td className="num">{f.number(a.jp)}</td>
                  <td>
                    <span className={`tag ${a.status === 'approved' ? 'tag-ok' : a.status === 'rejected' ? 'tag-danger' : 'tag-draft'}`} data-testid="activity-status">
                      {tx(`learner.activity.statuses.${a.status}`, a.status)}
                    </span>
                    {a.status === 'rejected' && a.decisionNote && <span className="block small">{t('learner.activity.rejectedBecause', { reason: a.decisionNote })}</span>}
                    {a.status === 'approved' && a.decidedBy && <span className="block small muted">{t('learner.activity.decidedBy', { by: a.decidedBy })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
