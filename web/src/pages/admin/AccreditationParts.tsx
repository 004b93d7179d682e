// Accreditation history (latest first) and the form national admins record a decision with;
// used for institutions (grade A/B/C, category) and programmes (current A/B, older scheme A/B/C).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { AccreditationBadge, Field } from '../../components/CatalogBits.tsx';
import { Alert } from '../../components/Feedback.tsx';
import { useFormatters } from '../../hooks.ts';
import { fieldErrorMap, type AccreditationRecord } from '../../catalog.ts';

export function AccreditationHistory({ items, caption }: { items: AccreditationRecord[]; caption: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  if (items.length === 0) return <p className="empty">{t('accreditation.noHistory')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="accreditation-history">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('accreditation.grade')}</th>
            <th scope="col">{t('accreditation.period')}</th>
            <th scope="col">{t('accreditation.decision')}</th>
            <th scope="col">{t('accreditation.status')}</th>
            <th scope="col">{t('accreditation.recorded')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                {a.grade}
                {a.category && <span className="block small muted">{a.category}</span>}
                {a.scheme === 'legacy' && <span className="block small muted">{t('accreditation.legacy')}</span>}
              </th>
              <td className="nowrap">
                {f.date(a.valid_from)} – {f.date(a.valid_to)}
              </td>
              <td>
                {a.decision_number}
                {a.documents.map((d) => (
                  <span key={d.name} className="block small">
                    {d.url ? (
                      <a href={d.url} rel="noreferrer noopener" target="_blank">
                        {d.name}
                      </a>
                    ) : (
                      d.name
                    )}
                  </span>
                ))}
                {a.notes && <span className="block small muted">{a.notes}</span>}
              </td>
              <td>
                <AccreditationBadge accreditation={{ grade: a.grade, valid_from: a.valid_from, valid_to: a.valid_to, status: a.status }} />
              </td>
              <td className="small">
                {a.recorded_by}
                <span className="block muted">{f.dateTime(a.created_at)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AccreditationForm({ path, kind, onSaved }: { path: string; kind: 'provider' | 'programme'; onSaved(): void }) {
  const { t } = useTranslation();
  const [scheme, setScheme] = useState('current');
  const [grade, setGrade] = useState('A');
  const [category, setCategory] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [decisionNumber, setDecisionNumber] = useState('');
  const [docName, setDocName] = useState('');
  const [docUrl, setDocUrl] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const e = error ? fieldErrorMap(error.errors) : {};
  const grades = kind === 'programme' && scheme === 'current' ? ['A', 'B'] : ['A', 'B', 'C'];
  const p = `accr-${kind}`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const body: Record<string, unknown> = { grade, validFrom, validTo, decisionNumber: decisionNumber.trim() };
    if (kind === 'programme') body.scheme = scheme;
    if (kind === 'provider' && category.trim()) body.category = category.trim();
    if (docName.trim()) body.documents = [{ name: docName.trim(), ...(docUrl.trim() ? { url: docUrl.trim() } : {}) }];
    if (notes.trim()) body.notes = notes.trim();
    try {
      await api(path, { method: 'POST', body });
      setSaved(true);
      setDecisionNumber('');
      setDocName('');
      setDocUrl('');
      setNotes('');
      onSaved();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form accreditation-form" onSubmit={onSubmit} noValidate aria-labelledby={`${p}-title`} data-testid="accreditation-form">
      <h3 id={`${p}-title`}>{t('accreditation.record')}</h3>
      {error && (
        <Alert>
          {error.title}
          {error.detail && error.detail !== error.title ? `: ${error.detail}` : ''}
        </Alert>
      )}
      {saved && <Alert kind="success">{t('accreditation.saved')}</Alert>}
      <div className="form-row">
        {kind === 'programme' && (
          <Field id={`${p}-scheme`} label={t('accreditation.scheme')} errors={e.scheme}>
            {(d) => (
              <select id={`${p}-scheme`} value={scheme} onChange={(ev) => setScheme(ev.target.value)} aria-describedby={d}>
                <option value="current">{t('accreditation.schemeCurrent')}</option>
                <option value="legacy">{t('accreditation.schemeLegacy')}</option>
              </select>
            )}
          </Field>
        )}
        <Field id={`${p}-grade`} label={t('accreditation.grade')} errors={e.grade}>
          {(d, inv) => (
            <select id={`${p}-grade`} value={grade} onChange={(ev) => setGrade(ev.target.value)} aria-describedby={d} aria-invalid={inv}>
              {grades.map((g) => (
                <option key={g}>{g}</option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'provider' && (
          <Field id={`${p}-category`} label={t('accreditation.category')} errors={e.category}>
            {(d) => <input id={`${p}-category`} type="text" value={category} onChange={(ev) => setCategory(ev.target.value)} aria-describedby={d} />}
          </Field>
        )}
      </div>
      <div className="form-row">
        <Field id={`${p}-from`} label={t('accreditation.validFrom')} errors={e.validFrom}>
          {(d, inv) => <input id={`${p}-from`} type="date" value={validFrom} onChange={(ev) => setValidFrom(ev.target.value)} aria-describedby={d} aria-invalid={inv} />}
        </Field>
        <Field id={`${p}-to`} label={t('accreditation.validTo')} errors={e.validTo}>
          {(d, inv) => <input id={`${p}-to`} type="date" value={validTo} onChange={(ev) => setValidTo(ev.target.value)} aria-describedby={d} aria-invalid={inv} />}
        </Field>
        <Field id={`${p}-decision`} label={t('accreditation.decision')} errors={e.decisionNumber}>
          {(d, inv) => <input id={`${p}-decision`} type="text" value={decisionNumber} onChange={(ev) => setDecisionNumber(ev.target.value)} aria-describedby={d} aria-invalid={inv} />}
        </Field>
      </div>
      <div className="form-row">
        <Field id={`${p}-doc`} label={t('accreditation.document')} errors={e['documents.0.name']}>
          {(d) => <input id={`${p}-doc`} type="text" value={docName} onChange={(ev) => setDocName(ev.target.value)} aria-describedby={d} />}
        </Field>
        <Field id={`${p}-doc-url`} label={t('accreditation.documentUrl')} errors={e['documents.0.url']}>
          {(d, inv) => <input id={`${p}-doc-url`} type="url" value={docUrl} onChange={(ev) => setDocUrl(ev.target.value)} aria-describedby={d} aria-invalid={inv} />}
        </Field>
        <Field id={`${p}-notes`} label={t('accreditation.notes')} errors={e.notes}>
          {(d) => <input id={`${p}-notes`} type="text" value={notes} onChange={(ev) => setNotes(ev.target.value)} aria-describedby={d} />}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('accreditation.submit')}
        </button>
      </div>
    </form>
  );
}
