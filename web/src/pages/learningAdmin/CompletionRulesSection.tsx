// The completion rules of a programme, in the programme editor: the minimum attendance %, the
// pass score (none: no score needed) and the modules a participant must have attended. The lead's
// admins and national admins change them; other partners read them.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import type { AdminProgramme } from '../../catalog.ts';
import { useApi } from '../../hooks.ts';
import type { CompletionRules } from '../../learningAdmin.ts';
import { Done, ProblemAlert, useRun } from './parts.tsx';
import '../../styles/learning-admin.css';

export function CompletionRulesSection({ programme: p, editable }: { programme: AdminProgramme; editable: boolean }) {
  const { t } = useTranslation();
  const rules = useApi<CompletionRules>(`/api/learning/programmes/${p.id}/completion-rules`);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="card section" aria-labelledby="rules-title" data-testid="completion-rules">
      <h2 id="rules-title">{t('learningAdmin.rules.title')}</h2>
      <p className="muted small">{t('learningAdmin.rules.intro')}</p>
      {rules.loading && !rules.data && <Loading />}
      <LoadError error={rules.error} onRetry={rules.reload} />
      <Done text={saved} />
      {rules.data && <RulesForm key={JSON.stringify(rules.data)} programme={p} rules={rules.data} editable={editable} onSaved={() => (setSaved(t('learningAdmin.rules.saved')), rules.reload())} onEdit={() => setSaved(null)} />}
    </section>
  );
}

function RulesForm({ programme: p, rules, editable, onSaved, onEdit }: { programme: AdminProgramme; rules: CompletionRules; editable: boolean; onSaved(): void; onEdit(): void }) {
  const { t } = useTranslation();
  const [pct, setPct] = useState(String(rules.minAttendancePct));
  const [pass, setPass] = useState(rules.passScore === null ? '' : String(rules.passScore));
  const [modules, setModules] = useState<string[]>(rules.requiredModules);
  const [extra, setExtra] = useState('');
  const save = useRun();
  const ids = { pct: useId(), pass: useId(), extra: useId() };
  // Modules the programme names: its partners' contributions and its sessions.
  const known = [...new Set([...p.partners.flatMap((x) => x.modules), ...p.offerings.flatMap((o) => o.sessions.map((s) => s.module ?? '')), ...rules.requiredModules].filter(Boolean))];
  const pctN = Number(pct);
  const passN = pass.trim() === '' ? null : Number(pass.replace(',', '.'));
  const valid = Number.isInteger(pctN) && pctN >= 0 && pctN <= 100 && (passN === null || (Number.isFinite(passN) && passN >= 0 && passN <= 100));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await save.run(() => api(`/api/learning/programmes/${p.id}/completion-rules`, { method: 'PUT', body: { minAttendancePct: pctN, passScore: passN, requiredModules: modules }, quiet: true }));
    if (r) onSaved();
  };
  const toggle = (m: string, on: boolean) => setModules((list) => (on ? [...list, m] : list.filter((x) => x !== m)));
  if (!editable) {
    return (
      <dl className="kv">
        <dt>{t('learningAdmin.rules.minAttendance')}</dt>
        <dd>{rules.minAttendancePct} %</dd>
        <dt>{t('learningAdmin.rules.passScore')}</dt>
        <dd>{rules.passScore ?? t('learningAdmin.rules.noPassScore')}</dd>
        <dt>{t('learningAdmin.rules.requiredModules')}</dt>
        <dd>{rules.requiredModules.length ? rules.requiredModules.join(', ') : t('learningAdmin.rules.noModules')}</dd>
      </dl>
    );
  }
  return (
    <form className="form" onSubmit={submit} onChange={onEdit} noValidate>
      {rules.isDefault && <p className="hint">{t('learningAdmin.rules.isDefault')}</p>}
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.pct}>{t('learningAdmin.rules.minAttendance')}</label>
          <input id={ids.pct} className="input-small" type="number" min={0} max={100} step={1} value={pct} onChange={(e) => setPct(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.pass}>{t('learningAdmin.rules.passScore')}</label>
          <input id={ids.pass} className="input-small" type="text" inputMode="decimal" value={pass} placeholder={t('learningAdmin.rules.noPassScore')} onChange={(e) => setPass(e.target.value)} aria-describedby={`${ids.pass}-hint`} />
          <p id={`${ids.pass}-hint`} className="hint">
            {t('learningAdmin.rules.passHint')}
          </p>
        </div>
      </div>
      <fieldset className="checks-fieldset">
        <legend>{t('learningAdmin.rules.requiredModules')}</legend>
        {known.length === 0 && <p className="hint">{t('learningAdmin.rules.noKnownModules')}</p>}
        <div className="checks">
          {known.map((m) => (
            <label key={m} className="check">
              <input type="checkbox" checked={modules.includes(m)} onChange={(e) => toggle(m, e.target.checked)} /> {m}
            </label>
          ))}
          {modules
            .filter((m) => !known.includes(m))
            .map((m) => (
              <label key={m} className="check">
                <input type="checkbox" checked onChange={() => toggle(m, false)} /> {m}
              </label>
            ))}
        </div>
        <div className="inline-row">
          <label htmlFor={ids.extra}>{t('learningAdmin.rules.otherModule')}</label>
          <input id={ids.extra} type="text" maxLength={200} value={extra} onChange={(e) => setExtra(e.target.value)} />
          <button
            type="button"
            className="btn btn-light btn-small"
            disabled={!extra.trim() || modules.includes(extra.trim())}
            onClick={() => {
              toggle(extra.trim(), true);
              setExtra('');
            }}
          >
            {t('learningAdmin.rules.addModule')}
          </button>
        </div>
      </fieldset>
      <ProblemAlert error={save.error} />
      <button type="submit" className="btn btn-primary" disabled={save.busy || !valid}>
        {t('learningAdmin.rules.save')}
      </button>
    </form>
  );
}
