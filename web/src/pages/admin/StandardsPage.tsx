// National admin: default required levels per position tier (configuration; positions may
// override them) and how long an assessment stays valid.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Alert, Loading, LoadError } from '../../components/Feedback.tsx';
import { codeLabel, useCompetencyName, type Version } from '../../competency.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';

interface TierLevel {
  code: string;
  level: number;
  kind: string | null;
  name_id: string | null;
  name_en: string | null;
}
interface TierStandards {
  note: string;
  tiers: { tier: string; updated_at: string | null; levels: TierLevel[] }[];
}
interface Settings {
  validityMonths: number;
  updated_at: string;
}

const TIERS = ['jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas', 'ahli_utama', 'ahli_madya', 'ahli_muda', 'ahli_pertama', 'penyelia', 'mahir', 'terampil', 'pemula', 'pelaksana'];

const errorText = (e: ApiError) => [e.detail ?? e.title, ...e.errors.map((f) => `${f.field}: ${f.message}`)].join(' ');

export default function StandardsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('standards.title'));
  return (
    <>
      <div className="page-head">
        <h1>{t('standards.title')}</h1>
        <p className="muted measure">{t('standards.intro')}</p>
      </div>
      <ValidityForm />
      <TierTable />
    </>
  );
}

function ValidityForm() {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const settings = useApi<Settings>('/api/competency/settings');
  const [value, setValue] = useState('');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (settings.data) setValue(String(settings.data.validityMonths));
  }, [settings.data]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const months = Number(value);
    const bad = !Number.isInteger(months) || months < 1 || months > 240;
    setInvalid(bad);
    if (bad) return;
    setState('saving');
    setError(null);
    try {
      await api<Settings>('/api/competency/settings', { method: 'PUT', body: { validityMonths: months } });
      setState('saved');
      settings.reload();
    } catch (e) {
      setError(toApiError(e));
      setState('idle');
    }
  };
  return (
    <section className="card section" aria-labelledby="validity-title">
      <h2 id="validity-title">{t('standards.validityTitle')}</h2>
      {settings.loading && !settings.data && <Loading />}
      <LoadError error={settings.error} onRetry={settings.reload} />
      {settings.data && (
        <form className="form validity-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={id}>{t('standards.validityLabel')}</label>
            <div className="search-row">
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={1}
                max={240}
                value={value}
                aria-invalid={invalid || undefined}
                aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
                onChange={(e) => (setValue(e.target.value), setState('idle'))}
              />
              <button type="submit" className="btn btn-primary" disabled={state === 'saving'}>
                {t('standards.save')}
              </button>
            </div>
            {invalid && (
              <p className="field-error" id={`${id}-error`}>
                {t('standards.validityInvalid')}
              </p>
            )}
            <p className="hint" id={`${id}-hint`}>
              {t('standards.validityHint', { date: format.dateTime(settings.data.updated_at) })}
            </p>
          </div>
          <p role="status" className="small">
            {state === 'saved' && t('standards.saved')}
          </p>
          {error && <Alert>{errorText(error)}</Alert>}
        </form>
      )}
    </section>
  );
}

function TierTable() {
  const { t } = useTranslation();
  const name = useCompetencyName();
  const standards = useApi<TierStandards>('/api/competency/tier-standards');
  const dictionary = useApi<Version>('/api/competency/dictionary/current');
  const competencies = dictionary.data?.competencies ?? [];
  const caption = t('standards.tiersCaption');
  return (
    <section className="card section" aria-labelledby="tiers-title">
      <h2 id="tiers-title">{t('standards.tiersTitle')}</h2>
      <Alert kind="info">{t('standards.defaultNote')}</Alert>
      <p className="muted small">{t('standards.tiersHelp')}</p>
      {(standards.loading || dictionary.loading) && !(standards.data && dictionary.data) && <Loading />}
      <LoadError error={standards.error ?? dictionary.error} onRetry={() => (standards.reload(), dictionary.reload())} />
      {standards.data && dictionary.data && (
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="table table-matrix tier-table" data-testid="tier-table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('standards.tier')}</th>
                {competencies.map((c) => (
                  <th scope="col" key={c.code} className="num" title={name(c)}>
                    <span aria-hidden="true">{c.code}</span>
                    <span className="sr-only">{name(c)}</span>
                  </th>
                ))}
                <th scope="col">
                  <span className="sr-only">{t('dictionary.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {TIERS.map((tier) => (
                <TierRow
                  key={tier}
                  tier={tier}
                  codes={competencies.map((c) => ({ code: c.code, name: name(c) }))}
                  levels={standards.data!.tiers.find((x) => x.tier === tier)?.levels ?? []}
                  onSaved={standards.reload}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TierRow({ tier, codes, levels, onSaved }: { tier: string; codes: { code: string; name: string }[]; levels: TierLevel[]; onSaved(): void }) {
  const { t } = useTranslation();
  const original = Object.fromEntries(levels.map((l) => [l.code, String(l.level)]));
  const [values, setValues] = useState<Record<string, string>>(original);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const key = JSON.stringify(original);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setValues(JSON.parse(key)), [key]);
  const dirty = codes.some((c) => (values[c.code] ?? '') !== (original[c.code] ?? ''));
  const tierName = codeLabel('tiers', tier);
  const save = async () => {
    setState('saving');
    setError(null);
    try {
      // Competencies outside the current dictionary keep their levels.
      const kept = levels.filter((l) => !codes.some((c) => c.code === l.code)).map((l) => ({ code: l.code, level: l.level }));
      const chosen = codes.filter((c) => values[c.code]).map((c) => ({ code: c.code, level: Number(values[c.code]) }));
      await api(`/api/competency/tier-standards/${tier}`, { method: 'PUT', body: { levels: [...kept, ...chosen] } });
      setState('saved');
      onSaved();
    } catch (e) {
      setError(toApiError(e));
      setState('idle');
    }
  };
  return (
    <tr data-tier={tier}>
      <th scope="row">
        {tierName}
        {error && (
          <span className="block field-error" role="alert">
            {errorText(error)}
          </span>
        )}
      </th>
      {codes.map((c) => (
        <td key={c.code} className="num">
          <select
            className="level-select"
            aria-label={t('standards.levelFor', { tier: tierName, competency: c.name })}
            value={values[c.code] ?? ''}
            onChange={(e) => (setValues((v) => ({ ...v, [c.code]: e.target.value })), setState('idle'))}
          >
            <option value="">{t('standards.notRequired')}</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </td>
      ))}
      <td className="nowrap">
        <button type="button" className="btn btn-outline btn-small" disabled={!dirty || state === 'saving'} onClick={save} aria-label={t('standards.saveTier', { tier: tierName })}>
          {t('standards.save')}
        </button>
        <span role="status" className="small saved-note">
          {state === 'saved' && !dirty && t('standards.saved')}
        </span>
      </td>
    </tr>
  );
}
