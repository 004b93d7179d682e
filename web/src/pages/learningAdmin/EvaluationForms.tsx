// The supervisor's evaluation forms: the level-3 follow-up (a score 1–5 per question, comments)
// and the level-4 outcome of a change project (status, a score 1–5, a note).
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { OUTCOME_STATUSES, useLearningLabels, type ChangeProjectItem, type FollowUp } from '../../learningAdmin.ts';
import { ProblemAlert, useRun } from './parts.tsx';

const SCORES = [1, 2, 3, 4, 5] as const;

function ScoreChoice({ name, legend, value, onChange, errors }: { name: string; legend: string; value: number | undefined; onChange(v: number): void; errors?: string[] }) {
  const { t } = useTranslation();
  return (
    <fieldset className="score-choice">
      <legend>{legend}</legend>
      <div className="score-options">
        {SCORES.map((s) => (
          <label key={s} className="score-option">
            <input type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
            <span>{s}</span>
            <span className="sr-only"> {t(`learningAdmin.scale.${s}`)}</span>
          </label>
        ))}
      </div>
      <p className="hint">{t('learningAdmin.scale.hint')}</p>
      {errors && errors.length > 0 && <p className="field-error">{errors.join(' · ')}</p>}
    </fieldset>
  );
}

export function FollowUpForm({ followUp, onDone }: { followUp: FollowUp; onDone(score: number): void }) {
  const { t, i18n } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [comments, setComments] = useState('');
  const send = useRun();
  const commentsId = useId();
  const missing = followUp.questions.filter((q) => answers[q.key] === undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await send.run(() => api<{ score: number }>(`/api/evaluation/follow-ups/${followUp.id}`, { method: 'POST', body: { answers, comments: comments.trim() || null }, quiet: true }));
    if (r) onDone(r.score);
  };
  const fieldErrors = (key: string) => send.error?.errors.filter((e) => e.field === `body.answers.${key}`).map((e) => e.message);
  return (
    <form className="form eval-form" onSubmit={submit} aria-label={t('learningAdmin.followUps.formLabel', { name: followUp.name })}>
      {followUp.questions.map((q, i) => (
        <ScoreChoice
          key={q.key}
          name={`fu-${followUp.id}-${q.key}`}
          legend={`${i + 1}. ${i18n.language === 'en' ? q.textEn : q.textId}`}
          value={answers[q.key]}
          onChange={(v) => setAnswers((a) => ({ ...a, [q.key]: v }))}
          errors={fieldErrors(q.key)}
        />
      ))}
      <div className="field">
        <label htmlFor={commentsId}>{t('learningAdmin.followUps.comments')}</label>
        <textarea id={commentsId} rows={3} maxLength={5000} value={comments} onChange={(e) => setComments(e.target.value)} />
      </div>
      <ProblemAlert error={send.error} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={send.busy || missing.length > 0}>
          {t('learningAdmin.followUps.send')}
        </button>
        {missing.length > 0 && <span className="muted small">{t('learningAdmin.followUps.missing', { count: missing.length })}</span>}
      </div>
    </form>
  );
}

export function OutcomeForm({ project, onDone }: { project: ChangeProjectItem; onDone(status: string): void }) {
  const { t } = useTranslation();
  const labels = useLearningLabels();
  const [status, setStatus] = useState(project.outcome_status ?? 'implemented');
  const [score, setScore] = useState<number | undefined>(project.outcome_score ?? undefined);
  const [note, setNote] = useState(project.outcome_note ?? '');
  const send = useRun();
  const statusId = useId();
  const noteId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await send.run(() => api(`/api/evaluation/change-projects/${project.id}/outcome`, { method: 'PUT', body: { status, score, note: note.trim() || null }, quiet: true }));
    if (r) onDone(status);
  };
  return (
    <form className="form eval-form" onSubmit={submit} aria-label={t('learningAdmin.outcomes.formLabel', { title: project.title })}>
      <div className="field">
        <label htmlFor={statusId}>{t('learningAdmin.outcomes.status')}</label>
        <select id={statusId} value={status} onChange={(e) => setStatus(e.target.value)}>
          {OUTCOME_STATUSES.map((s) => (
            <option key={s} value={s}>
              {labels.outcome(s)}
            </option>
          ))}
        </select>
      </div>
      <ScoreChoice name={`cp-${project.id}-score`} legend={t('learningAdmin.outcomes.score')} value={score} onChange={setScore} />
      <div className="field">
        <label htmlFor={noteId}>{t('learningAdmin.outcomes.note')}</label>
        <textarea id={noteId} rows={3} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <ProblemAlert error={send.error} />
      <button type="submit" className="btn btn-primary" disabled={send.busy || score === undefined}>
        {t('learningAdmin.outcomes.save')}
      </button>
    </form>
  );
}
