// The server writes links into notifications and their e-mails in its own terms
// (/learning/enrolments/<id>, /learning/certificates/<id>); this page sends such an address on
// to the page that shows the thing.
import { useLayoutEffect } from 'react';
import { notificationPath } from '../../learning.ts';
import { navigate, useLocation } from '../../router.tsx';

export default function ServerLinkPage() {
  const { path } = useLocation();
  useLayoutEffect(() => {
    const to = notificationPath(path);
    navigate(to && to !== path ? to : '/pembelajaran', { replace: true });
  }, [path]);
  return null;
}
