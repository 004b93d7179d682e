// Who may do what with allocation runs:
//   national admins start runs and read every run whole (and compare runs);
//   agency admins read finished runs, but only their agency's slice (its groups, assignments,
//   budget and totals); everyone else is refused by the routes' access.
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';

export const mayRunAllocation = (actor: Actor) => isNational(actor, 'national_admin');

/** null: the whole run; otherwise the agencies of the actor's slice. */
export function sliceOf(actor: Actor): number[] | null {
  if (isNational(actor, 'national_admin')) return null;
  return scopeIds(actor, 'agency', 'agency_admin');
}
