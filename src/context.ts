// What every service call gets: the database, the configuration, and who is asking.
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DB } from './db/schema.ts';
import type { Actor } from './http/actor.ts';

export interface Deps {
  db: Kysely<DB>;
  config: Config;
}

/** The caller of a service: an actor from a request, or the system (CLI, seed, jobs). */
export interface Caller {
  actor: Actor | null;
  requestId?: string;
  /** Label used in the audit log when there is no actor, e.g. "cli". */
  systemLabel?: string;
}

export const systemCaller = (label: string): Caller => ({ actor: null, systemLabel: label });
