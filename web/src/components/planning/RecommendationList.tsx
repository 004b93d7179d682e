// A person's recommendations: JP still needed, then the ranked list, each with its reason in the
// current language, what it closes, and (for the person themselves) an "add to plan" button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useFormatters } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import { useReasonText, useTitle, type Recommendation, type Recommendations } from '../../planning.ts';
import { Loading, LoadError } from '../Feedback.tsx';
import '../../styles/planning.css';

export interface RecommendationListProps {
  personId: number;
  /** only offerings starting in this year (a plan's year) */
  year?: number;
  /** shown as a button on each recommendation */
  onAdd?: (r: Recommendation) => void;
  /** programmes already planned (their button says so) */
  planned?: ReadonlySet<number>;
  busy?: boolean;
  limit?: number;
}

export function RecommendationList({ personId, year, onAdd, planned, busy, limit = 10 }: RecommendationListProps) {
  const { t } = useTranslation();
  const [location, setLocation] = useState<'near' | 'any'>('near');
  const query = new URLSearchParams({ limit: String(limit), location });
  if (year) query.set('year', String(year));
  const recs = useApi<Recommendations>(`/api/planning/people/${personId}/recommendations?${query}`);
  const d = recs.data;
  return (
    <div data-testid="recommendations">
      <div className="rec-controls">
        <div className="segmented" role="group" aria-label={t('planning.rec.locationLabel')}>
          {(['near', 'any'] as const).map((l) => (
            <button key={l} type="button" aria-pressed={location === l} onClick={() => setLocation(l)}>
              {t(l === 'near' ? 'planning.rec.near' : 'planning.rec.any')}
            </button>
          ))}
        </div>
        {d && (
          <p className="muted small" data-testid="jp-needed">
            {d.jp.still_needed > 0
              ? t('planning.rec.jpNeeded', { credited: d.jp.credited, entitlement: d.jp.entitlement, needed: d.jp.still_needed, year: d.year })
              : t('planning.rec.jpMet', { credited: d.jp.credited, year: d.year })}
          </p>
        )}
      </div>
      {recs.loading && !d && <Loading />}
      <LoadError error={recs.error} onRetry={recs.reload} />
      {d && d.items.length === 0 && (
        <p className="empty">{d.gaps.length === 0 ? t('planning.rec.noGaps') : t('planning.rec.none', { notEligible: d.excluded.not_eligible, taken: d.excluded.already_taken })}</p>
      )}
      {d && d.items.length > 0 && (
        <ol className="rec-list" aria-label={t('planning.rec.listLabel')}>
          {d.items.map((r) => (
            <RecommendationItem key={r.programme.id} r={r} onAdd={onAdd} planned={planned?.has(r.programme.id) ?? false} busy={busy} />
          ))}
        </ol>
      )}
    </div>
  );
}

function RecommendationItem({ r, onAdd, planned, busy }: { r: Recommendation; onAdd?: (r: Recommendation) => void; planned: boolean; busy?: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const title = useTitle();
  const reason = useReasonText();
  const o = r.offering;
  return (
    <li className={`rec ${o ? '' : 'rec-programme'}`} data-testid="recommendation" data-programme={r.programme.code}>
      <div className="rec-head">
        <h3 className="rec-title">
          <span className="muted small">#{r.rank} </span>
          <Link to={`/katalog/${r.programme.id}`}>{title(r.programme)}</Link>
        </h3>
        <span className="tag" title={t('planning.rec.scoreHint')}>
          {t('planning.rec.score', { score: format.number(r.score) })}
        </span>
      </div>
      <p className="rec-meta">
        <span>{r.programme.code}</span>
        <span>{r.programme.provider.name}</span>
        <span>{t('planning.rec.jp', { jp: r.programme.jp })}</span>
        {o ? (
          <span>
            {t('planning.rec.cohort', { code: o.code, date: format.date(o.start_date) })} · {t(o.registration === 'open' ? 'planning.rec.regOpen' : 'planning.rec.regUpcoming')}
          </span>
        ) : (
          <span className="tag tag-muted">{t('planning.rec.noCohort')}</span>
        )}
      </p>
      <p className="rec-reason" data-testid="reason">
        {reason(r.reason)}
      </p>
      <div className="rec-actions">
        <span className="small muted">{t(r.closes === 1 ? 'planning.rec.closesOne' : 'planning.rec.closes', { n: r.closes })}</span>
        {onAdd &&
          (planned ? (
            <span className="tag tag-ok">{t('planning.rec.inPlan')}</span>
          ) : (
            <button type="button" className="btn btn-small btn-outline" onClick={() => onAdd(r)} disabled={busy}>
              {t('planning.rec.add')}
            </button>
          ))}
      </div>
    </li>
  );
}
