// Scores of a cohort: the final score the completion rule's pass score is checked against, and
// the level-2 pre-test and post-test. The lead's admins enter them (only changed cells are sent);
// partners and auditors read them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { LoadError } from '../../components/Feedback.tsx';
import { useApi, useFormatters } from '../../hooks.ts';
import type { Cohort, TestScore } from '../../learningAdmin.ts';
import { Done, ProblemAlert, useRun } from './parts.tsx';

type Edits = Record<string, string>;
const parse = (text: string): number | null | 'bad' => {
  if (text.trim() === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : 'bad';
};

export function CohortScores({ cohort: c, lead, onSaved }: { cohort: Cohort; lead: boolean; onSaved(): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const tests = useApi<{ items: TestScore[] }>(`/api/evaluation/offerings/${c.offering.id}/test-scores`);
  const [edits, setEdits] = useState<Edits>({});
  const save = useRun();
  const testOf = new Map((tests.data?.items ?? []).map((x) => [x.civil_servant_id, x]));
  const rows = c.participants.filter((x) => x.status !== 'no_show');
  const shown = (key: string, saved: number | null) => edits[key] ?? (saved === null ? '' : String(saved));
  const invalid = Object.entries(edits).filter(([, v]) => parse(v) === 'bad').map(([k]) => k);

  const submit = async () => {
    const finals = rows
      .filter((x) => x.status === 'enrolled' && edits[`final-${x.id}`] !== undefined && parse(edits[`final-${x.id}`]) !== x.score)
      .map((x) => ({ enrolmentId: x.id, score: parse(edits[`final-${x.id}`]) as number | null }));
    const level2 = rows.flatMap((x) => {
      const saved = testOf.get(x.person.id);
      const pre = edits[`pre-${x.id}`] !== undefined ? parse(edits[`pre-${x.id}`]) : undefined;
      const post = edits[`post-${x.id}`] !== undefined ? parse(edits[`post-${x.id}`]) : undefined;
      const out: { civilServantId: number; pre?: number; post?: number } = { civilServantId: x.person.id };
      if (typeof pre === 'number' && pre !== saved?.pre) out.pre = pre;
      if (typeof post === 'number' && post !== saved?.post) out.post = post;
      return out.pre !== undefined || out.post !== undefined ? [out] : [];
    });
    const r = await save.run(
      async () => {
        if (finals.length) await api(`/api/learning/offerings/${c.offering.id}/scores`, { method: 'PUT', body: { scores: finals }, quiet: true });
        if (level2.length) await api(`/api/evaluation/offerings/${c.offering.id}/test-scores`, { method: 'PUT', body: { scores: level2 }, quiet: true });
        return finals.length + level2.length;
      },
      (n) => t('learningAdmin.scores.saved', { count: n }),
    );
    if (r !== undefined) {
      setEdits({});
      tests.reload();
      onSaved();
    }
  };

  if (rows.length === 0) return <p className="empty">{t('learningAdmin.cohort.noParticipants')}</p>;
  const input = (key: string, saved: number | null, label: string, enabled: boolean) =>
    lead && enabled ? (
      <input
        className={`input-score${invalid.includes(key) ? ' input-invalid' : ''}`}
        type="text"
        inputMode="decimal"
        value={shown(key, saved)}
        aria-label={label}
        aria-invalid={invalid.includes(key) || undefined}
        data-testid={key.split('-')[0] + '-score'}
        onChange={(e) => setEdits((x) => ({ ...x, [key]: e.target.value }))}
      />
    ) : saved === null ? (
      t('common.empty')
    ) : (
      f.number(saved)
    );
  return (
    <>
      <p className="muted small">{t(lead ? 'learningAdmin.scores.help' : 'learningAdmin.scores.readOnly')}</p>
      <LoadError error={tests.error} onRetry={tests.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="scores">
          <caption className="sr-only">{t('learningAdmin.scores.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              <th scope="col" className="num">
                {t('learningAdmin.scores.final')}
              </th>
              <th scope="col" className="num">
                {t('learningAdmin.scores.pre')}
              </th>
              <th scope="col" className="num">
                {t('learningAdmin.scores.post')}
              </th>
              <th scope="col" className="num">
                {t('learningAdmin.scores.gain')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => {
              const l2 = testOf.get(x.person.id);
              return (
                <tr key={x.id} data-testid="score-row" data-enrolment={x.id}>
                  <th scope="row">{x.person.name}</th>
                  <td className="num">{input(`final-${x.id}`, x.score, t('learningAdmin.scores.finalOf', { name: x.person.name }), x.status === 'enrolled')}</td>
                  <td className="num">{input(`pre-${x.id}`, l2?.pre ?? null, t('learningAdmin.scores.preOf', { name: x.person.name }), true)}</td>
                  <td className="num">{input(`post-${x.id}`, l2?.post ?? null, t('learningAdmin.scores.postOf', { name: x.person.name }), true)}</td>
                  <td className="num">{l2?.gain == null ? t('common.empty') : `${l2.gain > 0 ? '+' : ''}${f.number(l2.gain)}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {invalid.length > 0 && <p className="field-error">{t('learningAdmin.scores.invalid')}</p>}
      <Done text={save.done} />
      <ProblemAlert error={save.error} />
      {lead && (
        <button type="button" className="btn btn-primary" disabled={save.busy || Object.keys(edits).length === 0 || invalid.length > 0} onClick={() => void submit()}>
          {t('learningAdmin.scores.save')}
        </button>
      )}
    </>
  );
}
