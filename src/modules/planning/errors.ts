// The problems planning answers with: a stable type, a detail that says what is wrong, and the
// field at fault where there is one.
import { Problem, problems } from '../../http/problem.ts';

const one = (field: string | undefined, message: string) => (field ? { errors: [{ field, message }] } : {});

export const planningProblems = {
  invalid: (field: string, message: string) => problems.validation([{ field, message }]),
  /** a transition out of order, e.g. approving a draft (409) */
  wrongState: (detail: string) => new Problem(409, 'plan-state', 'Not possible in this state', detail),
  duplicate: (detail: string, field?: string) => new Problem(409, 'duplicate-item', 'Already in the plan', detail, one(field, detail)),
  /** an item the plan cannot take: unknown or unpublished programme, an offering of another year… (422) */
  unusable: (detail: string, field?: string) => new Problem(422, 'invalid-item', 'Cannot be planned', detail, one(field, detail)),
  notEligible: (detail: string, field?: string) => new Problem(422, 'not-eligible', 'Not eligible', detail, one(field, detail)),
  overBudget: (detail: string, field?: string) => new Problem(422, 'over-budget', 'Over budget', detail, one(field, detail)),
};
