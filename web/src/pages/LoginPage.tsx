// Sign-in with e-mail or NIP and password; the SSO button when the server has OIDC set up.
// Errors come from the server's problem+json and are shown by status, in the chosen language.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { Alert } from '../components/Feedback.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Logo } from '../components/Logo.tsx';
import { useApi, useDocumentTitle } from '../hooks.ts';
import { Link, navigate, safeReturnPath, useLocation } from '../router.tsx';

interface AuthConfig {
  oidc: { enabled: boolean; label: string | null };
}

type FormErrors = { identifier?: string; password?: string };

export function LoginPage() {
  const { t } = useTranslation();
  const { login, notice } = useAuth();
  const { query } = useLocation();
  const returnTo = safeReturnPath(query.get('kembali'));
  const config = useApi<AuthConfig>('/api/auth/config');
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const identifierRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(t('login.submit'));

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FormErrors = {};
    if (!identifier.trim()) errors.identifier = 'login.errors.identifierRequired';
    if (!password) errors.password = 'login.errors.passwordRequired';
    setFieldErrors(errors);
    setFailure(null);
    if (errors.identifier) return identifierRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    setBusy(true);
    try {
      await login(identifier.trim(), password);
      navigate(returnTo, { replace: true });
    } catch (error) {
      setBusy(false);
      setPassword('');
      setFailure(error instanceof ApiError ? error : new ApiError(NETWORK_ERROR, String(error)));
    }
  };

  const failureText = (error: ApiError): string => {
    switch (error.status) {
      case 400:
        return t('login.errors.s400');
      case 401:
        return t('login.errors.s401');
      case 423:
        return t('login.errors.s423', { minutes: Math.max(1, Math.ceil((error.retryAfter ?? 900) / 60)) });
      case 429:
        return t('login.errors.s429');
      case NETWORK_ERROR:
        return t('login.errors.network');
      default:
        return t('login.errors.other', { status: error.status });
    }
  };

  const oidc = config.data?.oidc;

  return (
    <div className="login">
      <div className="login-brand">
        <div className="login-brand-inner">
          <p className="login-logo">
            <Logo size={44} />
            <span>{t('app.name')}</span>
          </p>
          <p className="login-tagline">{t('app.tagline')}</p>
          <p className="login-brand-title">{t('login.brandTitle')}</p>
          <p className="login-brand-text">{t('login.brandText')}</p>
          <p className="login-catalog">
            <Link to="/katalog" className="btn btn-light">
              {t('login.browseCatalog')}
            </Link>
          </p>
        </div>
      </div>
      <main id="konten" className="login-main" tabIndex={-1}>
        <div className="login-tools">
          <LanguageSwitch />
        </div>
        <div className="login-card">
          <h1>{t('login.title')}</h1>
          <p className="muted">{t('login.intro')}</p>
          {notice === 'loggedOut' && !failure && <Alert kind="success">{t('login.loggedOut')}</Alert>}
          {notice === 'sessionExpired' && !failure && <Alert kind="info">{t('login.sessionExpired')}</Alert>}
          {failure && (
            <div className="alert alert-error" role="alert" tabIndex={-1} ref={alertRef} data-testid="login-error">
              {failureText(failure)}
            </div>
          )}
          <form onSubmit={onSubmit} noValidate className="form">
            <div className="field">
              <label htmlFor="login-identifier">{t('login.identifier')}</label>
              <input
                id="login-identifier"
                ref={identifierRef}
                name="username"
                type="text"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={254}
                value={identifier}
                onChange={(e) => setIdentifier(e.target.value)}
                aria-invalid={fieldErrors.identifier ? true : undefined}
                aria-describedby={fieldErrors.identifier ? 'login-identifier-error login-identifier-hint' : 'login-identifier-hint'}
              />
              <p id="login-identifier-hint" className="hint">
                {t('login.identifierHint')}
              </p>
              {fieldErrors.identifier && (
                <p id="login-identifier-error" className="field-error">
                  {t(fieldErrors.identifier as 'login.errors.identifierRequired')}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor="login-password">{t('login.password')}</label>
              <input
                id="login-password"
                ref={passwordRef}
                name="password"
                type="password"
                autoComplete="current-password"
                maxLength={256}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={fieldErrors.password ? true : undefined}
                aria-describedby={fieldErrors.password ? 'login-password-error' : undefined}
              />
              {fieldErrors.password && (
                <p id="login-password-error" className="field-error">
                  {t(fieldErrors.password as 'login.errors.passwordRequired')}
                </p>
              )}
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
              {busy ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
          {oidc?.enabled && (
            <>
              <p className="divider">
                <span>{t('login.or')}</span>
              </p>
              <a className="btn btn-outline btn-block" href={`/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`}>
                {t('login.sso', { label: oidc.label ?? 'SSO' })}
              </a>
            </>
          )}
        </div>
        <p className="login-footer muted">{t('app.footer')}</p>
      </main>
    </div>
  );
}
