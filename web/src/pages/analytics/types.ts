// Shapes of the analytics API (src/modules/analytics/schemas.ts).
import type { NamedCompetency } from '../../competency.ts';

export interface ComplianceFigures {
  people: number;
  met: number;
  onTrack: number;
  atRisk: number;
  compliancePct: number;
  metPct: number;
  averageJp: number;
}

export interface GapFigures {
  required: number;
  assessed: number;
  withGap: number;
  withGapPct: number;
  averageGap: number;
}

export interface Tile extends ComplianceFigures {
  agencies: number;
  gap: GapFigures;
}

export interface Provinces {
  asOf: string;
  cutoff: string;
  year: number;
  entitlement: number;
  expectedJp: number;
  provinces: (Tile & { code: string; name: string })[];
  central: Tile;
}

export interface Competencies {
  asOf: string;
  kinds: string[];
  competencies: (NamedCompetency & GapFigures)[];
  cells: (GapFigures & { code: string; agencyKind: string })[];
}

export interface SupplyDemand {
  asOf: string;
  items: (NamedCompetency & { seats: number; offerings: number; peopleRequired: number; peopleWithGap: number; seatsPerPersonWithGap: number | null })[];
}

export interface ProviderRow {
  providerId: number;
  code: string;
  name: string;
  kind: string;
  offerings: number;
  capacity: number;
  seatsTaken: number;
  fillRatePct: number;
  completed: number;
  completionRatePct: number;
  reactions: number;
  reactionMean: number | null;
  quality: number | null;
}

export interface Providers {
  asOf: string;
  year: number;
  items: ProviderRow[];
}

type StateCounts = { expired: number; expiring: number; valid: number; none: number };
export interface Accreditation {
  asOf: string;
  windowDays: number;
  counts: { providers: StateCounts; programmes: StateCounts };
  total: number;
  items: { type: 'provider' | 'programme'; id: number; code: string; name: string; providerName: string | null; grade: string | null; validTo: string; state: 'expired' | 'expiring'; daysLeft: number }[];
}

export interface AgencyRef {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface Group {
  key: string;
  code: string | null;
  name: string | null;
}

export interface AgencyCompliance {
  agency: AgencyRef;
  year: number;
  by: 'unit' | 'tier';
  expectedJp: number;
  totals: ComplianceFigures;
  groups: (Group & ComplianceFigures)[];
}

export interface AgencyGaps {
  agency: AgencyRef;
  by: 'unit' | 'tier';
  competencies: (NamedCompetency & GapFigures)[];
  groups: (Group & GapFigures & { people: number; cells: (GapFigures & { code: string })[] })[];
}

export interface AtRisk {
  agency: AgencyRef;
  year: number;
  expectedJp: number;
  total: number;
  items: { id: number; nip: string | null; name: string; unitName: string | null; positionName: string | null; tier: string | null; jp: number; behindJp: number; missingJp: number }[];
  nextAfter: number | null;
}

export interface Cohort {
  offeringId: number;
  code: string;
  programmeCode: string;
  titleId: string;
  titleEn: string | null;
  role: 'lead' | 'partner';
  startDate: string;
  endDate: string;
  status: string;
  capacity: number;
  seatsTaken: number;
  fillRatePct: number;
  enrolments: number;
  enrolled: number;
  waitlisted: number;
  completed: number;
  notCompleted: number;
  noShow: number;
  withdrawn: number;
  completionRatePct: number;
  reactions: number;
  reactionMean: number | null;
  preMean: number | null;
  postMean: number | null;
  followUps: number;
  followUpMean: number | null;
}

export interface Cohorts {
  provider: { id: number; code: string; name: string; kind: string };
  year: number;
  totals: { offerings: number; capacity: number; seatsTaken: number; fillRatePct: number; enrolments: number; completed: number; completionRatePct: number; reactions: number; reactionMean: number | null };
  items: Cohort[];
}
