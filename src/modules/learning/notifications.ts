// In-app notifications, and e-mail through the outbox. notify() runs inside the transaction of
// the event it reports: the notification and its e-mail rows commit with the event or not at
// all; the worker (worker.ts) sends the e-mail after commit.
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';
import type { Bilingual } from './notification-text.ts';

export type Recipient = { civilServantId: number } | { userId: string } | { agencyAdminsOf: number };

export interface NotificationInput {
  kind: string;
  /** from notificationText (notification-text.ts): the words in both languages */
  title: Bilingual;
  body: Bilingual;
  link?: string | null;
  entityType?: string;
  entityId?: string | number;
  agencyId?: number | null;
}

/** Sends one notification to each recipient (in-app; e-mail too when SMTP is configured). */
export async function notify(db: Kysely<DB>, config: Pick<Config, 'smtp' | 'publicUrl'>, to: Recipient[], n: NotificationInput): Promise<void> {
  await notifyMany(db, config, [{ to, n }]);
}

/** Several notifications (a cohort's completions) in one insert, and their e-mails in one look-up and one insert. */
export async function notifyMany(db: Kysely<DB>, config: Pick<Config, 'smtp' | 'publicUrl'>, list: { to: Recipient[]; n: NotificationInput }[]): Promise<void> {
  const adminsOf = new Map<number, string[]>();
  for (const agency of new Set(list.flatMap(({ to }) => to.flatMap((r) => ('agencyAdminsOf' in r ? [r.agencyAdminsOf] : []))))) {
    const admins = await db
      .selectFrom('role_grant')
      .innerJoin('user_account', 'user_account.id', 'role_grant.user_id')
      .select('role_grant.user_id')
      .where('role_grant.role', '=', 'agency_admin')
      .where('role_grant.scope_type', '=', 'agency')
      .where('role_grant.scope_id', '=', agency)
      .where('user_account.disabled', '=', false)
      .execute();
    adminsOf.set(agency, admins.map((a) => a.user_id));
  }
  const rows: { recipient_civil_servant_id: number | null; recipient_user_id: string | null; n: NotificationInput }[] = [];
  for (const { to, n } of list) {
    for (const r of to) {
      if ('civilServantId' in r) rows.push({ recipient_civil_servant_id: r.civilServantId, recipient_user_id: null, n });
      else if ('userId' in r) rows.push({ recipient_civil_servant_id: null, recipient_user_id: r.userId, n });
      else for (const userId of adminsOf.get(r.agencyAdminsOf) ?? []) rows.push({ recipient_civil_servant_id: null, recipient_user_id: userId, n });
    }
  }
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const inserted = await db
      .insertInto('notification')
      .values(
        chunk.map(({ n, ...r }) => ({
          ...r,
          agency_id: n.agencyId ?? null,
          kind: n.kind,
          title: n.title.id,
          body: n.body.id,
          title_en: n.title.en,
          body_en: n.body.en,
          link: n.link ?? null,
          entity_type: n.entityType ?? null,
          entity_id: n.entityId === undefined ? null : String(n.entityId),
        })),
      )
      .returning(['id'])
      .execute();
    if (config.smtp) await queueMails(db, config, chunk.map((r, i) => ({ ...r, id: inserted[i].id })));
  }
}

/** One e-mail per enabled account of each recipient. */
async function queueMails(db: Kysely<DB>, config: Pick<Config, 'publicUrl'>, rows: { id: number; recipient_civil_servant_id: number | null; recipient_user_id: string | null; n: NotificationInput }[]): Promise<void> {
  const people = [...new Set(rows.flatMap((r) => (r.recipient_user_id ? [] : [r.recipient_civil_servant_id!])))];
  const users = [...new Set(rows.flatMap((r) => (r.recipient_user_id ? [r.recipient_user_id] : [])))];
  const accounts = await db
    .selectFrom('user_account')
    .select(['id', 'civil_servant_id', 'email'])
    .where('disabled', '=', false)
    .where((eb) => eb.or([users.length ? eb('id', 'in', users) : eb.val(false), people.length ? eb('civil_servant_id', 'in', people) : eb.val(false)]))
    .orderBy('email')
    .execute();
  const mails: { notification_id: number; to_address: string; subject: string; body: string }[] = [];
  for (const row of rows) {
    const link = row.n.link ? `\n\n${config.publicUrl}${row.n.link}` : '';
    for (const a of accounts) {
      if (row.recipient_user_id ? a.id !== row.recipient_user_id : a.civil_servant_id !== row.recipient_civil_servant_id) continue;
      mails.push({ notification_id: row.id, to_address: a.email, subject: `[Kembang] ${row.n.title.id}`, body: mailBody(row.n, link) });
    }
  }
  if (mails.length) await db.insertInto('email_outbox').values(mails).execute();
}

/** Indonesian first, then the English title and text, then the link. */
function mailBody(n: NotificationInput, link: string): string {
  return `${n.body.id}\n\n${n.title.en}\n${n.body.en}${link}\n\n— Kembang (pesan otomatis / automatic message)`;
}

// ---------- reading ----------

function mine(actor: Actor) {
  return sql<boolean>`(recipient_user_id = ${actor.type === 'user' ? actor.id : null}::uuid or recipient_civil_servant_id = ${actor.civilServantId}::bigint)`;
}

export async function listNotifications(db: Kysely<DB>, actor: Actor, q: { unreadOnly?: boolean; before?: number; limit: number }) {
  let query = db
    .selectFrom('notification')
    .select(['id', 'kind', 'title', 'body', 'title_en', 'body_en', 'link', 'entity_type', 'entity_id', 'created_at', 'read_at'])
    .where(mine(actor))
    .orderBy('id', 'desc')
    .limit(q.limit);
  if (q.unreadOnly) query = query.where('read_at', 'is', null);
  if (q.before) query = query.where('id', '<', q.before);
  const items = await query.execute();
  const unread = await db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('n')).where(mine(actor)).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return { items, unread: Number(unread.n), nextBefore: items.length === q.limit ? items[items.length - 1].id : null };
}

/** Marks the given notifications (or all) of the actor read; returns how many changed. */
export async function markRead(db: Kysely<DB>, actor: Actor, ids: number[] | 'all'): Promise<number> {
  let query = db.updateTable('notification').set({ read_at: new Date() }).where(mine(actor)).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    const found = await db.selectFrom('notification').select('id').where(mine(actor)).where('id', 'in', ids).execute();
    if (found.length !== new Set(ids).size) throw problems.notFound('One or more of these notifications are not yours or do not exist.');
    query = query.where('id', 'in', ids);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
