import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import { useFormatters } from '../hooks.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actor_type: string;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
}

/** A known code's label from the catalogue (dots become underscores); unknown codes as they are. */
function label(group: 'audit.actions' | 'audit.entities', code: string): string {
  const key = `${group}.${code.replace(/\./g, '_')}`;
  return i18n.exists(key) ? i18n.t(key as 'audit.actions.user_created') : code;
}

export function AuditTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table" data-testid="audit-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">
                <time dateTime={e.at}>{format.dateTime(e.at)}</time>
              </td>
              <td>{e.actor_label}</td>
              <td>
                <span className="tag" title={e.action}>
                  {label('audit.actions', e.action)}
                </span>
              </td>
              <td>
                {label('audit.entities', e.entity_type)} <span className="mono muted small">{e.entity_id.slice(0, 8)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
