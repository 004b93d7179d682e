// Pieces the learner pages share: translations by a key built at run time, the 20-JP bar, the
// words for an enrolment's state, a field whose text is copied with one button, and the status
// tag of a certificate verification.
import { useState } from 'react';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../hooks.ts';
import type { Enrolment, JpStatus, Ledger, VerificationStatus } from '../../learning.ts';
import '../../styles/learner.css';

type Loose = (key: string, options?: Record<string, unknown>) => string;

/** t() for keys built at run time (statuses, kinds); an unknown key answers `fallback`. */
export function useTx() {
  const { t } = useTranslation();
  const loose = t as unknown as Loose;
  return (key: string, fallback: string, options?: Record<string, unknown>) => (i18n.exists(key) ? loose(key, options) : fallback);
}

export const JP_STATUS_TAG: Record<JpStatus, string> = { met: 'tag-ok', on_track: 'tag-info', at_risk: 'tag-danger' };

/** Progress toward the year's entitlement, with the pro-rata mark "expected by now". */
export function JpBar({ ledger }: { ledger: Ledger }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const max = ledger.entitlement;
  const pct = (n: number) => `${Math.max(0, Math.min(100, (n / max) * 100))}%`;
  const valueText = t('learner.jp.barText', { jp: f.number(ledger.jp), entitlement: f.number(max) });
  return (
    <div className="jp-bar-wrap">
      <div className="jp-bar" role="progressbar" aria-label={t('learner.jp.barLabel', { year: ledger.year })} aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.min(ledger.jp, max)} aria-valuetext={valueText} data-testid="jp-bar">
        <div className={`jp-bar-fill jp-${ledger.status}`} style={{ width: pct(ledger.jp) }} />
        {ledger.expectedByNow > 0 && ledger.expectedByNow < max && <div className="jp-bar-mark" style={{ left: pct(ledger.expectedByNow) }} title={t('learner.jp.expected', { jp: f.number(ledger.expectedByNow) })} />}
      </div>
      <div className="jp-bar-scale small muted" aria-hidden="true">
        <span>0</span>
        <span>{t('learner.jp.jpValue', { jp: f.number(max) })}</span>
      </div>
    </div>
  );
}

/** The enrolment's state in words: waiting for whom, seat or queue place, reason. */
export function enrolmentDetail(e: Enrolment, tx: ReturnType<typeof useTx>): string[] {
  const lines: string[] = [];
  const awaiting = e.approvals.supervisor === 'pending' ? 'supervisor' : e.approvals.agency === 'pending' ? 'agency' : null;
  if ((e.status === 'requested' || e.status === 'approved') && awaiting) lines.push(tx(`learner.enrolment.awaiting.${awaiting}`, awaiting));
  if (e.status === 'requested' || e.status === 'approved') {
    lines.push(e.seat === 'held' ? tx('learner.enrolment.seatHeld', 'seat held') : tx('learner.enrolment.seatQueued', 'queued', { position: e.queuePosition ?? '?' }));
  }
  if (e.status === 'enrolled') lines.push(tx('learner.enrolment.enrolledDetail', 'enrolled'));
  if (e.status === 'waitlisted') lines.push(tx('learner.enrolment.waitlistDetail', 'waitlisted', { position: e.queuePosition ?? '?' }));
  if (e.status === 'completed') lines.push(tx('learner.enrolment.completedDetail', 'completed', { jp: e.programme.jp }));
  if (e.status === 'no_show') lines.push(tx('learner.enrolment.noShowDetail', 'no-show'));
  if (e.reason && ['not_completed', 'withdrawn', 'rejected'].includes(e.status)) lines.push(tx('learner.enrolment.reason', e.reason, { reason: e.reason }));
  if (e.origin === 'nomination') lines.push(tx('learner.enrolment.nominated', 'nominated', { by: e.nominatedBy ?? '' }));
  return lines;
}

/** A read-only text (a link) and a button that copies it, saying when it did. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard permission: select the text so the user can copy it with the keyboard.
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.select();
      setCopied('no');
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id} className="small">
        {label}
      </label>
      <div className="inline-row">
        <input id={id} type="text" readOnly value={value} className="copy-input mono" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn btn-outline btn-small" onClick={copy}>
          {t('learner.share.copy')}
        </button>
      </div>
      <p className="small muted" role="status" aria-live="polite">
        {copied === 'yes' ? t('learner.share.copied') : copied === 'no' ? t('learner.share.copyManually') : ''}
      </p>
    </div>
  );
}

export const VERIFICATION_TAG: Record<VerificationStatus, string> = { valid: 'tag-ok', revoked: 'tag-danger', expired: 'tag-draft', tampered: 'tag-danger', unknown: 'tag-muted' };
