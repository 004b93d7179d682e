// Small pieces the learning admin pages share: running a change with its busy state and error,
// the error summary, status tags, and the agency picker.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../api.ts';
import { Alert } from '../../components/Feedback.tsx';
import { useFormatters } from '../../hooks.ts';
import { STATUS_TAG, useLearningLabels, type AgencyChoice } from '../../learningAdmin.ts';

/** Runs one change at a time; keeps its error, and a success message to announce. */
export function useRun() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async <T,>(work: () => Promise<T>, doneText?: (result: T) => string): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await work();
      if (doneText) setDone(doneText(result));
      return result;
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run, clear: () => (setError(null), setDone(null)) };
}

/** A refused change: the server's title and detail, and each field's message. */
export function ProblemAlert({ error, fieldLabel }: { error: ApiError | null; fieldLabel?: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert>
      <strong>{error.status === 0 ? t('common.networkError') : error.title}</strong>
      {error.detail && error.detail !== error.title ? `: ${error.detail}` : ''}
      {error.errors.length > 0 && (
        <ul className="problem-list">
          {error.errors.map((e, i) => (
            <li key={i}>
              {fieldLabel?.(e.field) ?? e.field}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

export function Done({ text }: { text: string | null }) {
  return text ? <Alert kind="success">{text}</Alert> : null;
}

/** An enrolment or JP status as a coloured tag. */
export function StatusTag({ status, kind = 'status' }: { status: string; kind?: 'status' | 'jpStatus' }) {
  const labels = useLearningLabels();
  return (
    <span className={`tag ${STATUS_TAG[status] ?? ''}`} data-status={status}>
      {kind === 'jpStatus' ? labels.jpStatus(status) : labels.status(status)}
    </span>
  );
}

export function DateRange({ from, to }: { from: string; to: string }) {
  const f = useFormatters();
  return (
    <span className="nowrap">
      {f.date(from)}
      {to !== from && <> – {f.date(to)}</>}
    </span>
  );
}

/** The agency select of agency pages (shown only when there is more than one to choose from). */
export function AgencyPicker({ choice }: { choice: AgencyChoice }) {
  const { t } = useTranslation();
  const id = useId();
  if (choice.agencies.length <= 1) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{t('learningAdmin.agency')}</label>
      <select id={id} value={choice.agencyId ?? ''} onChange={(e) => choice.setAgencyId(Number(e.target.value))}>
        {choice.agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}
