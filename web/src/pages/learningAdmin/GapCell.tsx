// The person's gap in the competencies a programme develops: for each targeted competency, the
// level the position requires (capped at the top of the programme's range) minus the person's
// current level — the rule the waitlist priority uses. Falls back to the gap recorded at request
// time when the profile cannot be read.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { Profile } from '../../competency.ts';

interface Target {
  code: string;
  level_to: number;
}

const cache = new Map<string, Promise<unknown>>();
function cached<T>(path: string): Promise<T> {
  let p = cache.get(path);
  if (!p) {
    p = api<T>(path, { quiet: true });
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p as Promise<T>;
}

export interface GapLine {
  code: string;
  gap: number;
}

export function relevantGap(targets: Target[], profile: Profile): GapLine[] {
  const byCode = new Map(profile.items.map((i) => [i.code, i]));
  return targets.flatMap((t) => {
    const cell = byCode.get(t.code);
    if (!cell || cell.required === null) return [];
    const gap = Math.max(0, Math.min(cell.required, t.level_to) - (cell.current ?? 0));
    return gap > 0 ? [{ code: t.code, gap }] : [];
  });
}

export function GapCell({ personId, programmeId, fallback }: { personId: number; programmeId: number; fallback: number }) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<GapLine[] | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([cached<{ competencies: Target[] }>(`/api/catalog/programmes/${programmeId}`), cached<Profile>(`/api/civil-servants/${personId}/profile`)]).then(
      ([programme, profile]) => live && setLines(relevantGap(programme.competencies, profile)),
      () => live && setLines(null),
    );
    return () => {
      live = false;
    };
  }, [personId, programmeId]);
  if (lines === null) return <span data-testid="gap" data-gap={fallback}>{fallback > 0 ? t('learningAdmin.gap.levels', { count: fallback }) : t('common.empty')}</span>;
  const total = lines.reduce((n, l) => n + l.gap, 0);
  return (
    <span data-testid="gap" data-gap={total}>
      {total === 0 ? t('learningAdmin.gap.none') : t('learningAdmin.gap.levels', { count: total })}
      {lines.length > 0 && <span className="block small muted">{lines.map((l) => t('learningAdmin.gap.line', { code: l.code, gap: l.gap })).join(' · ')}</span>}
    </span>
  );
}
