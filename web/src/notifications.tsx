// The number of unread notifications, shared by the header link and the notifications page: one
// value for the whole app, re-read on every page change, every minute, and after marking read.
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api.ts';
import type { NotificationList } from './learning.ts';
import { Link, useLocation } from './router.tsx';
import './styles/learner.css';

const POLL_MS = 60_000;
let unread: number | null = null;
const listeners = new Set<() => void>();

function publish(value: number | null): void {
  unread = value;
  for (const listener of listeners) listener();
}

/** Sets the count from an answer that carries it (the notifications list does). */
export function setUnreadCount(value: number): void {
  if (value !== unread) publish(value);
}

/** Asks the server for the count again. */
export async function refreshUnreadCount(): Promise<void> {
  try {
    const r = await api<NotificationList>('/api/notifications?unreadOnly=true&limit=1', { quiet: true });
    setUnreadCount(r.unread);
  } catch {
    // The header keeps the last count; the page the user is on reports its own errors.
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUnreadCount(): number | null {
  return useSyncExternalStore(subscribe, () => unread);
}

/** The header's link to the notifications page, with the unread count. */
export function NotificationsLink() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const count = useUnreadCount();
  useEffect(() => {
    void refreshUnreadCount();
  }, [path]);
  useEffect(() => {
    const timer = window.setInterval(() => void refreshUnreadCount(), POLL_MS);
    return () => {
      window.clearInterval(timer);
      publish(null); // signed out: the next user starts from nothing
    };
  }, []);
  const label = count ? t('learner.notifications.linkUnread', { count }) : t('learner.notifications.link');
  return (
    <Link to="/notifikasi" className="btn btn-ghost btn-small notif-link" aria-label={label} aria-current={path === '/notifikasi' ? 'page' : undefined} data-testid="notifications-link">
      <span aria-hidden="true">{t('learner.notifications.short')}</span>
      {count ? (
        <span className="notif-count" data-testid="unread-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}
