// Small pieces the catalogue pages share: the accreditation badge, status tags, field-error
// lists, a pager and a labelled form field.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../hooks.ts';
import type { Accreditation, AccreditationStatus, ProgrammeStatus, ReviewStatus } from '../catalog.ts';

const ACCR_CLASS: Record<AccreditationStatus, string> = { valid: 'tag-ok', expiring: 'tag-draft', expired: 'tag-danger', none: 'tag-muted' };

/** Accreditation status as a badge; expired and expiring ones say so, with the end date. */
export function AccreditationBadge({ accreditation, status }: { accreditation?: Accreditation; status?: AccreditationStatus }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const s = accreditation?.status ?? status ?? 'none';
  const grade = accreditation?.grade ?? '';
  const until = accreditation?.valid_to ? f.date(accreditation.valid_to) : '';
  let text: string;
  if (s === 'valid') text = grade ? t('accreditation.validGrade', { grade }) : t('accreditation.valid');
  else if (s === 'expiring') text = until ? t('accreditation.expiringOn', { date: until }) : t('accreditation.expiring');
  else if (s === 'expired') text = until ? t('accreditation.expiredOn', { date: until }) : t('accreditation.expired');
  else text = t('accreditation.none');
  return (
    <span className={`tag ${ACCR_CLASS[s]}`} data-accreditation={s}>
      {text}
    </span>
  );
}

const STATUS_CLASS: Record<ProgrammeStatus, string> = { draft: 'tag-draft', submitted: '', published: 'tag-ok', archived: 'tag-muted' };

export function ProgrammeStatusTag({ status }: { status: ProgrammeStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`tag ${STATUS_CLASS[status]}`} data-status={status}>
      {t(`programmeStatus.${status}`)}
    </span>
  );
}

export function ReviewStatusTag({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  if (status === 'not_required') return null;
  return <span className={`tag ${status === 'returned' ? 'tag-danger' : status === 'approved' ? 'tag-ok' : ''}`}>{t(`reviewStatus.${status}`)}</span>;
}

/** The messages of one field, for aria-describedby. */
export function FieldErrors({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p id={id} className="field-error">
      {messages.join(' · ')}
    </p>
  );
}

/** A label, a control, an optional hint and the field's errors, wired for screen readers. */
export function Field({ id, label, hint, errors, children }: { id: string; label: string; hint?: string; errors?: string[]; children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode }) {
  const ids = [hint ? `${id}-hint` : null, errors && errors.length ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(ids || undefined, errors && errors.length ? true : undefined)}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldErrors id={`${id}-error`} messages={errors} />
    </div>
  );
}

/** Previous / next with "page x of y". */
export function Pager({ page, pages, onPage, label }: { page: number; pages: number; onPage(page: number): void; label: string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="btn btn-outline btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span aria-live="polite">{t('common.pageOf', { page, pages })}</span>
      <button type="button" className="btn btn-outline btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
