// The JP conversion table (/admin/konversi-jp): per learning form, how many minutes make one JP,
// the most JP one activity may earn, and whether learners may report it themselves. National
// admins edit a row at a time; auditors read.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { useLearningLabels, type Conversion } from '../../learningAdmin.ts';
import { hasAnyRole } from '../../roles.ts';
import { Done, ProblemAlert, useRun } from './parts.tsx';
import '../../styles/learning-admin.css';

export default function JpConversionsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('learningAdmin.conversions.title'));
  const me = useMe();
  const editable = hasAnyRole(me, ['national_admin']);
  const list = useApi<{ minutesPerJpStandard: number; items: Conversion[] }>('/api/learning/jp-conversions');
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <div className="page-head">
        <h1>{t('learningAdmin.conversions.title')}</h1>
        <p className="muted">{t('learningAdmin.conversions.intro', { minutes: list.data?.minutesPerJpStandard ?? 45 })}</p>
      </div>
      <div className="card">
        {list.loading && !list.data && <Loading />}
        <LoadError error={list.error} onRetry={list.reload} />
        <Done text={saved} />
        {list.data && (
          <div className="table-wrap">
            <table className="table conversions" data-testid="conversions">
              <caption className="sr-only">{t('learningAdmin.conversions.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('learningAdmin.conversions.form')}</th>
                  <th scope="col">{t('learningAdmin.conversions.minutesPerJp')}</th>
                  <th scope="col">{t('learningAdmin.conversions.max')}</th>
                  <th scope="col">{t('learningAdmin.conversions.selfReport')}</th>
                  <th scope="col">{t('learningAdmin.conversions.example')}</th>
                  <th scope="col">{t('learningAdmin.conversions.updated')}</th>
                  {editable && (
                    <th scope="col">
                      <span className="sr-only">{t('learningAdmin.actions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <ConversionRow key={`${c.learningForm}-${c.updatedAt}`} c={c} editable={editable} onSaved={(text) => (setSaved(text), list.reload())} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}

/** JP of 180 minutes under this row, as the server computes it (floored to two decimals, capped). */
const example = (minutesPerJp: number, max: number | null) => {
  const jp = Math.floor((180 / minutesPerJp) * 100) / 100;
  return max !== null ? Math.min(jp, max) : jp;
};

function ConversionRow({ c, editable, onSaved }: { c: Conversion; editable: boolean; onSaved(text: string): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const labels = useLearningLabels();
  const [minutes, setMinutes] = useState(String(c.minutesPerJp));
  const [max, setMax] = useState(c.maxJpPerActivity === null ? '' : String(c.maxJpPerActivity));
  const [selfReport, setSelfReport] = useState(c.selfReportAllowed);
  const save = useRun();
  const name = labels.form(c.learningForm);
  const changed = minutes !== String(c.minutesPerJp) || max !== (c.maxJpPerActivity === null ? '' : String(c.maxJpPerActivity)) || selfReport !== c.selfReportAllowed;
  const m = Number(minutes);
  const cap = max.trim() === '' ? null : Number(max.replace(',', '.'));
  const valid = Number.isInteger(m) && m >= 1 && m <= 600 && (cap === null || (Number.isFinite(cap) && cap > 0 && cap <= 2000));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await save.run(() => api(`/api/learning/jp-conversions/${c.learningForm}`, { method: 'PUT', body: { minutesPerJp: m, maxJpPerActivity: cap, selfReportAllowed: selfReport }, quiet: true }));
    if (r) onSaved(t('learningAdmin.conversions.saved', { form: name }));
  };
  const formId = `conv-${c.learningForm}`;
  return (
    <tr data-testid="conversion" data-form={c.learningForm}>
      <th scope="row">{name}</th>
      <td>
        {editable ? (
          <input form={formId} className="input-small" type="number" min={1} max={600} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-label={t('learningAdmin.conversions.minutesOf', { form: name })} />
        ) : (
          f.number(c.minutesPerJp)
        )}
      </td>
      <td>
        {editable ? (
          <input form={formId} className="input-small" type="text" inputMode="decimal" value={max} placeholder={t('learningAdmin.conversions.noMax')} onChange={(e) => setMax(e.target.value)} aria-label={t('learningAdmin.conversions.maxOf', { form: name })} />
        ) : c.maxJpPerActivity === null ? (
          t('learningAdmin.conversions.noMax')
        ) : (
          f.number(c.maxJpPerActivity)
        )}
      </td>
      <td>
        {editable ? (
          <input form={formId} type="checkbox" checked={selfReport} onChange={(e) => setSelfReport(e.target.checked)} aria-label={t('learningAdmin.conversions.selfReportOf', { form: name })} />
        ) : (
          t(c.selfReportAllowed ? 'learningAdmin.yes' : 'learningAdmin.no')
        )}
      </td>
      <td className="small" data-testid="example">
        {valid ? t('learningAdmin.conversions.exampleText', { jp: f.number(example(m, cap)) }) : t('common.empty')}
      </td>
      <td className="small muted">
        {c.updatedBy}
        <span className="block">{f.dateTime(c.updatedAt)}</span>
      </td>
      {editable && (
        <td>
          <form id={formId} onSubmit={submit}>
            <button type="submit" className="btn btn-outline btn-small" disabled={!changed || !valid || save.busy}>
              {t('learningAdmin.save')}
              <span className="sr-only"> {name}</span>
            </button>
          </form>
          <ProblemAlert error={save.error} />
        </td>
      )}
    </tr>
  );
}
