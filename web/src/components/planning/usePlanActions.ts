// Writes to the learner's own development plan, with the answer or the refusal to show.
import { useState } from 'react';
import { api, toApiError, type ApiError } from '../../api.ts';
import type { Plan, Recommendation } from '../../planning.ts';

export function usePlanActions() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async <T>(work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(toApiError(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  /** The year's plan, started empty when there is none yet. */
  const planOf = async (year: number): Promise<Plan> => {
    const mine = await api<{ plan: Plan | null }>(`/api/planning/plans/mine?year=${year}`);
    return mine.plan ?? (await api<Plan>('/api/planning/plans', { method: 'POST', body: { year, fromRecommendations: false } }));
  };
  const add = (r: Recommendation, year: number) =>
    run(async () => {
      const plan = await planOf(year);
      const body = r.offering ? { offeringId: r.offering.id, targetCompetencies: r.reason.competencies.map((c) => c.code) } : { programmeId: r.programme.id, targetCompetencies: r.reason.competencies.map((c) => c.code) };
      return (await api<{ itemId: number; plan: Plan }>(`/api/planning/plans/${plan.id}/items`, { method: 'POST', body })).plan;
    });
  return { busy, error, setError, run, add, planOf };
}
