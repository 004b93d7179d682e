// The public verification page (the QR code and share links open /verifikasi/<id>): anyone sees
// whether the certificate in the register is valid, revoked or expired, or unknown, with what
// the certificate publishes (name, programme, provider, JP, dates — never a NIP or birth date).
// Anyone can also paste a certificate's JWT: the server checks it from the JWT alone (signature
// by a published key, issuer, validity, revocation) and says valid, revoked, expired, tampered
// or unknown.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Alert, Loading } from '../../components/Feedback.tsx';
import { useLocalised } from '../../catalog.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import type { PublicCertificate, Verification, VerificationStatus } from '../../learning.ts';
import { Link } from '../../router.tsx';
import type { PageProps } from '../../routes.tsx';
import { useTx, VERIFICATION_TAG } from './bits.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function VerifyPage({ params }: PageProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('learner.verify.title'));
  return (
    <>
      <div className="page-head">
        <h1>{t('learner.verify.title')}</h1>
        <p className="muted measure">{t('learner.verify.intro')}</p>
      </div>
      {params.id !== undefined && <RegisterCheck id={params.id} />}
      <JwtCheck />
    </>
  );
}

/** The register's answer for one certificate id. */
function RegisterCheck({ id }: { id: string }) {
  const { t } = useTranslation();
  const valid = UUID.test(id);
  const found = useApi<PublicCertificate>(valid ? `/api/certificates/${encodeURIComponent(id)}/public` : null);
  if (valid && found.loading) return <Loading />;
  const unknown = !valid || found.error?.status === 404;
  if (found.error && !unknown) return <Alert>{t('common.loadError', { status: found.error.status })}</Alert>;
  const status: VerificationStatus = unknown ? 'unknown' : (found.data?.status ?? 'unknown');
  return (
    <section className="card section" aria-labelledby="register-title">
      <h2 id="register-title">{t('learner.verify.registerTitle')}</h2>
      <Verdict status={status} detail={unknown ? t('learner.verify.unknownId') : undefined} certificate={unknown ? null : (found.data ?? null)} testId="register-verdict" />
    </section>
  );
}

function JwtCheck() {
  const { t } = useTranslation();
  const [jwt, setJwt] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = jwt.replace(/\s+/g, '');
    setResult(null);
    setError(null);
    if (!value) return;
    setBusy(true);
    try {
      setResult(await api<Verification>('/api/certificates/verify', { method: 'POST', body: { jwt: value }, quiet: true }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section" aria-labelledby="jwt-title">
      <h2 id="jwt-title">{t('learner.verify.jwtTitle')}</h2>
      <p className="muted small measure">{t('learner.verify.jwtIntro')}</p>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="verify-jwt">{t('learner.verify.jwtLabel')}</label>
          <textarea id="verify-jwt" rows={5} className="mono jwt-input" value={jwt} onChange={(e) => setJwt(e.target.value)} spellCheck={false} autoComplete="off" aria-describedby="verify-jwt-hint" />
          <p id="verify-jwt-hint" className="hint">
            {t('learner.verify.jwtHint')}
          </p>
        </div>
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={busy || !jwt.trim()}>
            {busy ? t('learner.verify.checking') : t('learner.verify.check')}
          </button>
        </div>
      </form>
      {/* A text that is not even shaped like a JWT is refused by the server (400): it is not a certificate we can read. */}
      {error && (error.status === 400 ? <Verdict status="tampered" detail={t('learner.verify.notJwt')} certificate={null} testId="jwt-verdict" /> : <Alert>{error.detail ?? error.title}</Alert>)}
      {result && <Verdict status={result.status} detail={result.detail} certificate={result.certificate} checks={result.checks} testId="jwt-verdict" />}
    </section>
  );
}

function Verdict({ status, detail, certificate, checks, testId }: { status: VerificationStatus; detail?: string; certificate: PublicCertificate | null; checks?: Verification['checks']; testId: string }) {
  const { t } = useTranslation();
  const tx = useTx();
  const f = useFormatters();
  const loc = useLocalised();
  return (
    <div className={`verdict verdict-${status}`} data-testid={testId} data-status={status} role="status">
      <p className="verdict-head">
        <span className={`tag ${VERIFICATION_TAG[status]}`}>{tx(`learner.verify.status.${status}`, status)}</span> <strong>{tx(`learner.verify.headline.${status}`, status)}</strong>
      </p>
      <p className="small">{tx(`learner.verify.meaning.${status}`, '')}</p>
      {detail && (
        <p className="small muted" data-testid={`${testId}-detail`}>
          {detail}
        </p>
      )}
      {certificate && (
        <dl className="kv" data-testid={`${testId}-certificate`}>
          <dt>{t('learner.verify.holder')}</dt>
          <dd data-testid="holder-name">{certificate.holder_name}</dd>
          <dt>{t('learner.verify.programme')}</dt>
          <dd>
            {loc(certificate.programme.title_id, certificate.programme.title_en)} <span className="muted mono small">{certificate.programme.code}</span>
          </dd>
          <dt>{t('learner.verify.provider')}</dt>
          <dd>{certificate.provider.name}</dd>
          <dt>{t('learner.verify.jp')}</dt>
          <dd>{f.number(certificate.jp)}</dd>
          <dt>{t('learner.verify.completed')}</dt>
          <dd>{f.date(certificate.completed_on)}</dd>
          <dt>{t('learner.verify.issued')}</dt>
          <dd>{f.date(certificate.issued_at)}</dd>
          <dt>{t('learner.verify.number')}</dt>
          <dd className="mono">{certificate.number}</dd>
          {certificate.revoked_at && (
            <>
              <dt>{t('learner.verify.revokedOn')}</dt>
              <dd>{f.date(certificate.revoked_at)}</dd>
            </>
          )}
        </dl>
      )}
      {checks && (
        <details className="verdict-checks">
          <summary>{t('learner.verify.checksTitle')}</summary>
          <ul className="small">
            <li>{t('learner.verify.checks.format', { value: checks.format ? t('learner.verify.checkValues.yes') : t('learner.verify.checkValues.no') })}</li>
            <li>{t('learner.verify.checks.signature', { value: tx(`learner.verify.checkValues.${checks.signature}`, checks.signature) })}</li>
            <li>{t('learner.verify.checks.issuer', { value: tx(`learner.verify.checkValues.${checks.issuer}`, checks.issuer) })}</li>
            <li>{t('learner.verify.checks.expiry', { value: tx(`learner.verify.checkValues.${checks.expiry}`, checks.expiry) })}</li>
            <li>{t('learner.verify.checks.revocation', { value: tx(`learner.verify.checkValues.${checks.revocation}`, checks.revocation) })}</li>
          </ul>
        </details>
      )}
      {status === 'valid' && certificate && (
        <p className="small">
          <Link to="/katalog">{t('learner.verify.seeCatalogue')}</Link>
        </p>
      )}
    </div>
  );
}
