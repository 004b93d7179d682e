// A version per revocation status list, bumped in the same transaction as any change of a
// certificate's revocation (or its removal) by a trigger, so every writer is covered (the service,
// plain SQL). Verifiers cache the revoked entries of a list per version and re-read the versions
// at most once a second (src/modules/certificate/revocation-cache.ts). A table of its own, not a
// column of credential_status_list: issuers lock that row for every new entry, and a revocation
// must not queue behind a cohort being certified.
import { sql, type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table credential_status_version (
      list_id integer primary key references credential_status_list(id),
      version bigint not null default 1
    );
    -- the revoked entries of a list, read when its version moves
    create index certificate_revoked_by_list on certificate (status_list_id) where revoked_at is not null;
    create function credential_status_bump() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        insert into credential_status_version (list_id) values (old.status_list_id)
          on conflict (list_id) do update set version = credential_status_version.version + 1;
        return old;
      end if;
      if new.revoked_at is distinct from old.revoked_at or new.status_list_id <> old.status_list_id or new.status_index <> old.status_index then
        insert into credential_status_version (list_id) values (old.status_list_id)
          on conflict (list_id) do update set version = credential_status_version.version + 1;
        if new.status_list_id <> old.status_list_id then
          insert into credential_status_version (list_id) values (new.status_list_id)
            on conflict (list_id) do update set version = credential_status_version.version + 1;
        end if;
      end if;
      return new;
    end $$;
    create trigger certificate_status_bump after update or delete on certificate
      for each row execute function credential_status_bump();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger certificate_status_bump on certificate`.execute(db);
  await sql`drop function credential_status_bump()`.execute(db);
  await sql`drop index certificate_revoked_by_list`.execute(db);
  await sql`drop table credential_status_version`.execute(db);
}
