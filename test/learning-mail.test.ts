// E-mail through a REAL SMTP server started here (smtp-server): notifications go to the outbox in
// the transaction of the event and are sent after commit by the worker; a failed send stays
// pending and is retried (the outbox survives restarts: it is a table).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { backends, createTestApp, demoEmail, type TestApp } from './helpers.ts';
import { drainOutbox, runWorkerOnce } from '../src/modules/learning/worker.ts';
import { agencyId, as, makeOffering, makePeople, makeProgramme, sessionFor } from './learning-fixtures.ts';

interface Mail {
  from: string;
  to: string[];
  data: string;
}

function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.server.address() as { port: number }).port, mails })));
}

for (const kind of backends()) {
  describe(`learning e-mail over SMTP (${kind})`, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      smtp = await startSmtp();
      t = await createTestApp(kind, { workerPollMs: 0, smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: 'Kembang <no-reply@kembang.test>' } });
    });
    after(async () => {
      await t?.close();
      await new Promise<void>((r) => smtp.server.close(() => r()));
    });

    test('an enrolment request e-mails the learner and the supervisor after commit, through the outbox', async () => {
      const db = t.database.db;
      const agency = await agencyId(db, '32');
      const [supId] = await makePeople(db, 1, { agencyId: agency, tier: 'pengawas', rank: 'III/d' });
      const supSession = await sessionFor(db, { civilServantId: supId, role: 'supervisor', scopeType: 'agency', scopeId: agency });
      const [learnerId] = await makePeople(db, 1, { agencyId: agency, supervisorId: supId });
      const learner = await sessionFor(db, { civilServantId: learnerId, role: 'learner', scopeType: 'agency', scopeId: agency });
      const emails = await db.selectFrom('user_account').select(['id', 'email']).where('id', 'in', [supSession.userId, learner.userId]).execute();
      const p = await makeProgramme(db);
      const o = await makeOffering(db, p.id);
      const res = await as(t.app, learner)('POST', '/api/learning/enrolments', { offeringId: o.id });
      assert.equal(res.statusCode, 201, res.body);
      // written with the event, not sent yet
      const pending = await db.selectFrom('email_outbox').selectAll().where('status', '=', 'pending').execute();
      assert.ok(pending.length >= 2);
      assert.equal(smtp.mails.length, 0);
      const round = await runWorkerOnce({ db, config: t.config });
      assert.ok(round.sent >= 2, JSON.stringify(round));
      const to = smtp.mails.flatMap((m) => m.to);
      for (const e of emails) assert.ok(to.includes(e.email), `mail to ${e.email}`);
      const mail = smtp.mails.find((m) => m.to.includes(emails.find((e) => e.id === supSession.userId)!.email))!;
      assert.match(mail.data, /Subject: \[Kembang\] Persetujuan diperlukan/);
      // Indonesian first, then English (quoted-printable may fold long lines: compare unfolded)
      const text = mail.data.replace(/=\r?\n/g, '');
      assert.ok(text.indexOf('meminta mengikuti') >= 0 && text.indexOf('meminta mengikuti') < text.indexOf('asks to join'), text);
      assert.match(text, /Approval needed: /);
      assert.match(mail.data, /From: Kembang <no-reply@kembang\.test>/);
      assert.equal((await db.selectFrom('email_outbox').select('id').where('status', '=', 'pending').execute()).length, 0);
      // a rejected request is mailed too
      const id = res.json().id;
      await as(t.app, supSession)('POST', `/api/learning/enrolments/${id}/reject`, { reason: 'Anggaran belum tersedia' });
      await drainOutbox(db, t.config);
      assert.ok(smtp.mails.some((m) => /Permintaan ditolak/.test(m.data) && m.to.includes(emails.find((e) => e.id === learner.userId)!.email)));
    });

    test('a send that fails stays in the outbox with its error and is retried later', async () => {
      const db = t.database.db;
      const before = smtp.mails.length;
      await db.insertInto('email_outbox').values({ to_address: demoEmail(t.demo, 'learner'), subject: '[Kembang] uji ulang', body: 'uji' }).execute();
      const dead = { smtp: { url: 'smtp://127.0.0.1:1', from: 'x@kembang.test' } };
      const failed = await drainOutbox(db, dead);
      assert.equal(failed.failed, 1);
      const row = await db.selectFrom('email_outbox').selectAll().where('subject', '=', '[Kembang] uji ulang').executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.ok(row.last_error);
      assert.ok(row.next_attempt_at.getTime() > Date.now(), 'backed off');
      // later (e.g. after a restart), the row is due again and goes out
      await db.updateTable('email_outbox').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('id', '=', row.id).execute();
      assert.equal((await drainOutbox(db, t.config)).sent, 1);
      assert.equal(smtp.mails.length, before + 1);
    });
  });
}
