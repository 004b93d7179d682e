// A development plan: its status, the JP it plans against the 20-JP entitlement, and its items.
// Editable (planned JP, removal) when the plan says so; the page that holds it saves the changes.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../hooks.ts';
import { useCompetencyName } from '../../competency.ts';
import { Link } from '../../router.tsx';
import { useTitle, type Plan, type PlanItem } from '../../planning.ts';
import '../../styles/planning.css';

export function PlanStatus({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const tag = { draft: 'tag-draft', submitted: '', approved: 'tag-ok', returned: 'tag-danger' }[plan.status];
  return <span className={`tag ${tag}`} data-testid="plan-status">{t(`planning.plan.status.${plan.status}`)}</span>;
}

export function JpMeter({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const { entitlement, credited, planned } = plan.jp;
  const scale = Math.max(entitlement, credited + planned);
  const pct = (x: number) => `${Math.min(100, (x / scale) * 100)}%`;
  return (
    <div data-testid="jp-meter">
      <p className="small">{t('planning.plan.jpSummary', { credited, planned, entitlement, remaining: plan.jp.remaining })}</p>
      <div className="jp-meter" role="img" aria-label={t('planning.plan.jpMeterLabel', { credited, planned, entitlement })}>
        <span className="jp-meter-credited" style={{ width: pct(credited) }} />
        <span className="jp-meter-planned" style={{ width: pct(planned) }} />
      </div>
      <p className="jp-legend muted">
        <span>
          <span className="jp-key jp-meter-credited" aria-hidden="true" />
          {t('planning.plan.jpCredited')}
        </span>
        <span>
          <span className="jp-key jp-meter-planned" aria-hidden="true" />
          {t('planning.plan.jpPlanned')}
        </span>
      </p>
    </div>
  );
}

interface Props {
  plan: Plan;
  onChangeJp?: (item: PlanItem, jp: number) => void;
  onRemove?: (item: PlanItem) => void;
  busy?: boolean;
}

export function PlanItems({ plan, onChangeJp, onRemove, busy }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();
  const title = useTitle();
  const name = useCompetencyName();
  const editable = plan.may.edit && Boolean(onChangeJp || onRemove);
  if (plan.items.length === 0) return <p className="empty">{t('planning.plan.noItems')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="plan-items">
        <caption className="sr-only">{t('planning.plan.itemsCaption', { year: plan.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('planning.plan.colProgramme')}</th>
            <th scope="col">{t('planning.plan.colCohort')}</th>
            <th scope="col">{t('planning.plan.colTargets')}</th>
            <th scope="col" className="num">{t('planning.plan.colJp')}</th>
            <th scope="col">{t('planning.plan.colState')}</th>
            {editable && <th scope="col"><span className="sr-only">{t('planning.plan.colActions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {plan.items.map((i) => (
            <tr key={i.id} data-programme={i.programme.code}>
              <th scope="row">
                <Link to={`/katalog/${i.programme.id}`}>{title(i.programme)}</Link>
                <span className="block small muted">{i.programme.code} · {i.programme.provider_name}</span>
              </th>
              <td>
                {i.offering ? (
                  <>
                    {i.offering.code}
                    <span className="block small muted">{format.date(i.offering.start_date)}</span>
                  </>
                ) : (
                  <span className="muted">{t('planning.plan.noCohort')}</span>
                )}
              </td>
              <td>{i.target_competencies.map((c) => name({ ...c, kind: null })).join(', ')}</td>
              <td className="num">{editable && onChangeJp ? <JpInput item={i} onSave={onChangeJp} busy={busy} /> : i.planned_jp}</td>
              <td>
                <span className={`tag ${i.state === 'requested' ? 'tag-ok' : i.state === 'refused' || i.state === 'missed' ? 'tag-danger' : 'tag-muted'}`}>{t(`planning.plan.state.${i.state}`)}</span>
                {i.state_detail && i.state !== 'requested' && <span className="block small muted">{i.state_detail}</span>}
              </td>
              {editable && (
                <td>
                  {onRemove && (
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => onRemove(i)} disabled={busy} aria-label={t('planning.plan.removeLabel', { title: title(i.programme) })}>
                      {t('planning.plan.remove')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function JpInput({ item, onSave, busy }: { item: PlanItem; onSave: (item: PlanItem, jp: number) => void; busy?: boolean }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(item.planned_jp));
  const save = (event?: FormEvent) => {
    event?.preventDefault();
    const jp = Number(value);
    if (Number.isFinite(jp) && jp > 0 && jp !== item.planned_jp) onSave(item, jp);
  };
  return (
    <form onSubmit={save}>
      <label className="sr-only" htmlFor={`jp-${item.id}`}>
        {t('planning.plan.jpInputLabel', { code: item.programme.code })}
      </label>
      <input id={`jp-${item.id}`} className="input-jp" type="number" min={0.5} step={0.5} max={item.programme.jp} value={value} onChange={(e) => setValue(e.target.value)} onBlur={() => save()} disabled={busy} />
    </form>
  );
}
