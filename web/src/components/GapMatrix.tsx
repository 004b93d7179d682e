// Groups (agencies, units) × competencies: mean gap per cell, as a table.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../hooks.ts';
import { useCompetencyName, type GapStat, type NamedCompetency } from '../competency.ts';

export interface GapGroup {
  key: string;
  label: ReactNode;
  people: number;
  competencies: GapStat[];
}

export function GapMatrix({ groups, competencies, caption, groupHeader, testId }: { groups: GapGroup[]; competencies: NamedCompetency[]; caption: string; groupHeader: string; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = useCompetencyName();
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table table-matrix" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            <th scope="col" className="num">{t('gaps.people')}</th>
            {competencies.map((c) => (
              <th scope="col" key={c.code} className="num" title={name(c)}>
                <span aria-hidden="true">{c.code}</span>
                <span className="sr-only">{name(c)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const byCode = new Map(g.competencies.map((s) => [s.code, s]));
            return (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                <td className="num">{format.number(g.people)}</td>
                {competencies.map((c) => {
                  const s = byCode.get(c.code);
                  return (
                    <td key={c.code} className={`num heat heat-${s ? heatLevel(s.averageGap) : 'none'}`}>
                      {s ? format.number(s.averageGap) : t('common.empty')}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** 0–4 by mean gap, for the cell's background (the number is always shown). */
function heatLevel(average: number): number {
  return average <= 0 ? 0 : average < 0.5 ? 1 : average < 1 ? 2 : average < 1.5 ? 3 : 4;
}
