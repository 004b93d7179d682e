// Level 1 evaluation: my reaction survey for a completed training (one certificate), once. The
// questions are the programme's (the default set unless the provider configured its own); every
// question takes a score from 1 to 5, comments are optional.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Alert, LoadError, Loading } from '../../components/Feedback.tsx';
import { useLocalised } from '../../catalog.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import type { MyEvaluation, Question } from '../../learning.ts';
import { Link } from '../../router.tsx';
import type { PageProps } from '../../routes.tsx';
import { NotFoundPage } from '../StatusPages.tsx';
import '../../styles/learner.css';

const SCALE = [1, 2, 3, 4, 5] as const;

export default function ReactionSurveyPage({ params }: PageProps) {
  const { t } = useTranslation();
  const loc = useLocalised();
  const mine = useApi<{ items: MyEvaluation[] }>('/api/evaluation/mine');
  const item = mine.data?.items.find((i) => i.certificate_id === params.id);
  const settings = useApi<{ reaction_questions: Question[] }>(item ? `/api/evaluation/programmes/${item.programme.id}/settings` : null);
  const title = item ? loc(item.programme.title_id, item.programme.title_en) : '';
  useDocumentTitle(t('learner.reaction.title'));
  if (mine.data && !item) return <NotFoundPage />;
  return (
    <>
      <nav className="breadcrumb" aria-label={t('personPage.breadcrumb')}>
        <Link to="/pembelajaran">{t('learner.myLearning.title')}</Link> / <span>{t('learner.reaction.title')}</span>
      </nav>
      <div className="page-head">
        <h1>{t('learner.reaction.title')}</h1>
        {item && <p className="muted measure">{t('learner.reaction.intro', { title })}</p>}
      </div>
      <LoadError error={mine.error ?? settings.error} onRetry={mine.error ? mine.reload : settings.reload} />
      {(!item || !settings.data) && !mine.error && !settings.error && <Loading />}
      {item && item.reaction_submitted && (
        <Alert kind="info">
          {t('learner.reaction.already')} <Link to="/pembelajaran">{t('learner.common.backToMyLearning')}</Link>
        </Alert>
      )}
      {item && !item.reaction_submitted && item.revoked && <Alert>{t('learner.reaction.revoked')}</Alert>}
      {item && !item.reaction_submitted && !item.revoked && settings.data && <Survey certificateId={item.certificate_id} questions={settings.data.reaction_questions} />}
    </>
  );
}

function Survey({ certificateId, questions }: { certificateId: string; questions: Question[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [comments, setComments] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [done, setDone] = useState<{ score: number } | null>(null);
  const text = (q: Question) => (i18n.language === 'en' ? q.textEn : q.textId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const unanswered = questions.filter((q) => !answers[q.key]).map((q) => q.key);
    setMissing(unanswered);
    if (unanswered.length) {
      document.getElementById(`q-${unanswered[0]}-1`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setDone(await api<{ score: number }>(`/api/evaluation/certificates/${certificateId}/reaction`, { method: 'POST', quiet: true, body: { answers, comments: comments.trim() || null } }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Alert kind="success">
        <span data-testid="reaction-thanks">{t('learner.reaction.thanks', { score: f.number(done.score) })}</span> <Link to="/pembelajaran">{t('learner.common.backToMyLearning')}</Link>
      </Alert>
    );
  return (
    <form className="card section form reaction-form" onSubmit={submit} noValidate aria-labelledby="survey-title">
      <h2 id="survey-title">{t('learner.reaction.questions')}</h2>
      <p className="hint">{t('learner.reaction.scale')}</p>
      {error && <Alert>{error.detail ?? error.title}</Alert>}
      {missing.length > 0 && <Alert>{t('learner.reaction.answerAll')}</Alert>}
      {questions.map((q) => (
        <fieldset key={q.key} className="likert" aria-invalid={missing.includes(q.key) || undefined} aria-describedby={missing.includes(q.key) ? `q-${q.key}-error` : undefined}>
          <legend>{text(q)}</legend>
          <div className="likert-options">
            {SCALE.map((n) => (
              <label key={n} className="likert-option">
                <input id={`q-${q.key}-${n}`} type="radio" name={`q-${q.key}`} value={n} checked={answers[q.key] === n} onChange={() => setAnswers({ ...answers, [q.key]: n })} />
                <span>
                  {n}
                  <span className="sr-only"> — {t(`learner.reaction.point${n}`)}</span>
                </span>
              </label>
            ))}
          </div>
          <p className="small muted likert-ends" aria-hidden="true">
            <span>{t('learner.reaction.point1')}</span>
            <span>{t('learner.reaction.point5')}</span>
          </p>
          {missing.includes(q.key) && (
            <p id={`q-${q.key}-error`} className="field-error">
              {t('learner.reaction.required')}
            </p>
          )}
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="reaction-comments">{t('learner.reaction.comments')}</label>
        <textarea id="reaction-comments" rows={4} maxLength={5000} value={comments} onChange={(e) => setComments(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('learner.reaction.sending') : t('learner.reaction.send')}
        </button>
      </div>
    </form>
  );
}
