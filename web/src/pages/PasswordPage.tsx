// Change my password. The server checks the rules; its field errors are mapped to
// catalogue messages so they read in the chosen language.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, NETWORK_ERROR } from '../api.ts';
import { Alert } from '../components/Feedback.tsx';
import { useDocumentTitle } from '../hooks.ts';

type Field = 'current' | 'next' | 'confirm';
type ErrorKey =
  | 'required'
  | 'mismatch'
  | 'tooShort'
  | 'tooLong'
  | 'wrongCurrent'
  | 'containsIdentifier'
  | 'repetitive'
  | 'same'
  | 'invalid';

const MIN_LENGTH = 10;

/** Maps the server's (English) rule messages to catalogue keys. */
function serverErrorKey(field: string, message: string): ErrorKey {
  if (field.endsWith('currentPassword')) return 'wrongCurrent';
  if (/at least/.test(message)) return 'tooShort';
  if (/at most/.test(message)) return 'tooLong';
  if (/e-mail|NIP/.test(message)) return 'containsIdentifier';
  if (/repetitive/.test(message)) return 'repetitive';
  if (/differ/.test(message)) return 'same';
  return 'invalid';
}

export function PasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('password.title'));
  const [values, setValues] = useState<Record<Field, string>>({ current: '', next: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, ErrorKey>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const refs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), confirm: useRef<HTMLInputElement>(null) };

  const show = (found: Partial<Record<Field, ErrorKey>>) => {
    setErrors(found);
    const first = (['current', 'next', 'confirm'] as const).find((f) => found[f]);
    if (first) {
      setFailure(t('password.errors.summary'));
      refs[first].current?.focus();
    }
    return Boolean(first);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setFailure(null);
    const found: Partial<Record<Field, ErrorKey>> = {};
    if (!values.current) found.current = 'required';
    if (!values.next) found.next = 'required';
    else if (values.next.length < MIN_LENGTH) found.next = 'tooShort';
    if (!values.confirm) found.confirm = 'required';
    else if (values.next && values.confirm !== values.next) found.confirm = 'mismatch';
    if (show(found)) return;
    setBusy(true);
    try {
      await api<void>('/api/auth/password', { method: 'POST', body: { currentPassword: values.current, newPassword: values.next } });
      setValues({ current: '', next: '', confirm: '' });
      setErrors({});
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.errors.length) {
        const mapped: Partial<Record<Field, ErrorKey>> = {};
        for (const e of error.errors) mapped[e.field.endsWith('currentPassword') ? 'current' : 'next'] ??= serverErrorKey(e.field, e.message);
        show(mapped);
      } else if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        // Handled for the whole app (sign-in page / forbidden page).
      } else {
        setFailure(error instanceof ApiError && error.status !== NETWORK_ERROR ? t('password.errors.other', { status: error.status }) : t('common.networkError'));
      }
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, label: string, autoComplete: string) => {
    const id = `password-${name}`;
    const error = errors[name];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          ref={refs[name]}
          type="password"
          autoComplete={autoComplete}
          maxLength={256}
          value={values[name]}
          onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p id={`${id}-error`} className="field-error">
            {t(`password.errors.${error}`)}
          </p>
        )}
      </div>
    );
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('password.title')}</h1>
        <p className="muted measure">{t('password.intro')}</p>
      </div>
      <div className="card card-narrow">
        {done && <Alert kind="success">{t('password.success')}</Alert>}
        {failure && <Alert>{failure}</Alert>}
        <form onSubmit={onSubmit} noValidate className="form">
          {field('current', t('password.current'), 'current-password')}
          {field('next', t('password.new'), 'new-password')}
          {field('confirm', t('password.confirm'), 'new-password')}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('password.saving') : t('password.submit')}
          </button>
        </form>
      </div>
    </>
  );
}
