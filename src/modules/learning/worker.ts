// The learning worker, run by every instance on a timer: sends the e-mail outbox (after commit,
// surviving restarts: the rows stay pending until sent), fills seats freed outside learning
// (a capacity raised in the catalogue), and sends reminders before an offering starts.
// Several instances may run it at once: outbox rows are claimed with `for update skip locked`,
// seat filling locks the offering row, reminders are claimed by a conditional update.
import nodemailer from 'nodemailer';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { notify } from './notifications.ts';
import * as repo from './repository.ts';
import { fillOffering } from './seats.ts';
import { startPeriodic, type WorkerLog } from '../../jobs/periodic.ts';
import { notificationText } from './notification-text.ts';

const MAX_ATTEMPTS = 8;
/** Days before the start of an offering when its participants are reminded. */
export const REMINDER_DAYS = 3;

type Transport = { sendMail(m: { from: string; to: string; subject: string; text: string }): Promise<unknown> };

const transports = new Map<string, Transport>();
function transportFor(url: string): Transport {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url) as unknown as Transport;
    transports.set(url, t);
  }
  return t;
}

/** Sends up to `batch` due e-mails. Each row is claimed, sent and marked in its own transaction. */
export async function drainOutbox(db: Kysely<DB>, config: Pick<Config, 'smtp'>, batch = 50): Promise<{ sent: number; failed: number }> {
  if (!config.smtp) return { sent: 0, failed: 0 };
  const transport = transportFor(config.smtp.url);
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < batch; i++) {
    const done = await db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('email_outbox')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', new Date())
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return 'empty' as const;
      try {
        await transport.sendMail({ from: config.smtp!.from, to: row.to_address, subject: row.subject, text: row.body });
        await tx.updateTable('email_outbox').set({ status: 'sent', sent_at: new Date(), attempts: row.attempts + 1, last_error: null }).where('id', '=', row.id).execute();
        return 'sent' as const;
      } catch (error) {
        const attempts = row.attempts + 1;
        const backoffSeconds = Math.min(3600, 15 * 2 ** attempts);
        await tx
          .updateTable('email_outbox')
          .set({ attempts, last_error: String((error as Error).message ?? error).slice(0, 500), status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', next_attempt_at: new Date(Date.now() + backoffSeconds * 1000) })
          .where('id', '=', row.id)
          .execute();
        return 'failed' as const;
      }
    });
    if (done === 'empty') break;
    if (done === 'sent') sent++;
    else failed++;
  }
  return { sent, failed };
}

/** Fills free seats of offerings where people wait (e.g. the capacity was raised). */
export async function sweepWaitlists(deps: Deps): Promise<number> {
  let promoted = 0;
  for (const o of await repo.offeringsToFill(deps.db)) promoted += (await fillOffering(deps.db, deps.config, o.id)).length;
  return promoted;
}

/** Reminds enrolled participants of offerings starting within REMINDER_DAYS; each once. */
export async function sendReminders(deps: Deps): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const due = await tx
      .updateTable('enrolment as e')
      .set({ reminded_at: new Date() })
      .from('offering as o')
      .whereRef('o.id', '=', 'e.offering_id')
      .where('e.status', '=', 'enrolled')
      .where('e.reminded_at', 'is', null)
      .where(sql<boolean>`o.start_date between (now() at time zone 'Asia/Jakarta')::date and (now() at time zone 'Asia/Jakarta')::date + ${REMINDER_DAYS}::int`)
      .returning(['e.id', 'e.civil_servant_id', 'e.agency_id', 'o.code', 'o.start_date', 'o.venue', 'o.online_url'])
      .execute();
    for (const r of due) {
      const where = r.venue ?? r.online_url ?? '';
      await notify(tx, deps.config, [{ civilServantId: r.civil_servant_id }], { kind: 'enrolment.reminder', ...notificationText.reminder(r.code, r.start_date, where), link: `/learning/enrolments/${r.id}`, entityType: 'enrolment', entityId: r.id, agencyId: r.agency_id });
    }
    return due.length;
  });
}

/** One round of everything the worker does. */
export async function runWorkerOnce(deps: Deps) {
  const promoted = await sweepWaitlists(deps);
  const reminded = await sendReminders(deps);
  const mail = await drainOutbox(deps.db, deps.config);
  return { promoted, reminded, ...mail };
}

/** Starts the timer; returns the stop function (which waits for a round in progress). */
export function startWorker(deps: Deps, log: WorkerLog): () => Promise<void> {
  return startPeriodic(deps.config.workerPollMs, () => runWorkerOnce(deps), log, 'learning worker round failed');
}
