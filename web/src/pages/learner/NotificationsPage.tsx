// My notifications, newest first (every step of enrolment, approvals, certificates, reminders):
// unread ones stand out, each can be marked read, or all at once; older ones page in. The header
// count follows.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Alert, LoadError, Loading } from '../../components/Feedback.tsx';
import { useDocumentTitle, useFormatters } from '../../hooks.ts';
import { notificationPath, type Notification, type NotificationList } from '../../learning.ts';
import { setUnreadCount } from '../../notifications.tsx';
import { Link } from '../../router.tsx';
import { useTx } from './bits.tsx';

const PAGE = 30;

export default function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('learner.notifications.title'));
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [next, setNext] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const load = async (before: number | null) => {
    setLoading(true);
    setLoadError(null);
    try {
      const r = await api<NotificationList>(`/api/notifications?limit=${PAGE}${before ? `&before=${before}` : ''}`);
      setItems((old) => (before ? [...old, ...r.items] : r.items));
      setUnread(r.unread);
      setUnreadCount(r.unread);
      setNext(r.nextBefore);
      setLoaded(true);
    } catch (e) {
      setLoadError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(null);
  }, [attempt]);

  const markRead = async (body: { ids: number[] } | { all: true }) => {
    setBusy(true);
    setError(null);
    try {
      await api<{ updated: number }>('/api/notifications/read', { method: 'POST', body, quiet: true });
      const now = new Date().toISOString();
      const ids = 'ids' in body ? new Set(body.ids) : null;
      const changed = items.filter((n) => !n.read_at && (!ids || ids.has(n.id))).length;
      setItems(items.map((n) => (!n.read_at && (!ids || ids.has(n.id)) ? { ...n, read_at: now } : n)));
      const left = 'all' in body ? 0 : Math.max(0, unread - changed);
      setUnread(left);
      setUnreadCount(left);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('learner.notifications.title')}</h1>
        <p className="muted" data-testid="unread-summary">
          {loaded ? (unread ? t('learner.notifications.unreadSummary', { count: unread }) : t('learner.notifications.allRead')) : ''}
        </p>
        {unread > 0 && (
          <button type="button" className="btn btn-outline btn-small" onClick={() => markRead({ all: true })} disabled={busy}>
            {t('learner.notifications.markAll')}
          </button>
        )}
      </div>
      {error && <Alert>{error.detail ?? error.title}</Alert>}
      <LoadError error={loadError ?? undefined} onRetry={() => setAttempt((n) => n + 1)} />
      {!loaded && !loadError && <Loading />}
      {loaded && items.length === 0 && <p className="card empty">{t('learner.notifications.none')}</p>}
      {items.length > 0 && (
        <ul className="notification-list" data-testid="notifications">
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} busy={busy} onRead={() => markRead({ ids: [n.id] })} />
          ))}
        </ul>
      )}
      {next && (
        <p>
          <button type="button" className="btn btn-outline" onClick={() => load(next)} disabled={loading}>
            {loading ? t('app.loading') : t('learner.notifications.older')}
          </button>
        </p>
      )}
    </>
  );
}

function NotificationItem({ n, busy, onRead }: { n: Notification; busy: boolean; onRead(): void }) {
  const { t, i18n } = useTranslation();
  const tx = useTx();
  const f = useFormatters();
  const to = notificationPath(n.link);
  const unread = !n.read_at;
  // English when the interface speaks it and the notification has it (older ones may not)
  const english = i18n.language === 'en';
  const title = (english && n.title_en) || n.title;
  const body = (english && n.body_en) || n.body;
  return (
    <li className={`card notification${unread ? ' notification-unread' : ''}`} data-testid="notification" data-id={n.id} data-read={!unread}>
      <div className="notification-main">
        <p className="small muted">
          <span className="tag tag-muted">{tx(`learner.notifications.kinds.${n.kind}`, n.kind)}</span> <time dateTime={n.created_at}>{f.dateTime(n.created_at)}</time>
          {unread && <span className="sr-only"> — {t('learner.notifications.unread')}</span>}
        </p>
        <h2 className="notification-title">{to ? <Link to={to} onClick={() => unread && onRead()}>{title}</Link> : title}</h2>
        <p>{body}</p>
      </div>
      {unread && (
        <button type="button" className="btn btn-outline btn-small" onClick={onRead} disabled={busy} aria-label={t('learner.notifications.markOneLabel', { title })}>
          {t('learner.notifications.markOne')}
        </button>
      )}
    </li>
  );
}
