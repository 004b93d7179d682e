// Position tiers used across the code (see src/seed/demo.ts) and the shipped default standard.
//
// ILLUSTRATIVE DEFAULT — NOT THE REGULATION'S TABLE. These required levels are a plausible
// starting point so that gaps can be computed out of the box. They are configuration: stored in
// competency_tier_standard, changed by national admins through PUT /api/competency/tier-standards/{tier}.

export const TIERS = [
  'jpt_utama',
  'jpt_madya',
  'jpt_pratama',
  'administrator',
  'pengawas',
  'ahli_utama',
  'ahli_madya',
  'ahli_muda',
  'ahli_pertama',
  'penyelia',
  'mahir',
  'terampil',
  'pemula',
  'pelaksana',
] as const;

export type Tier = (typeof TIERS)[number];

/** Illustrative required level for the national managerial and socio-cultural competencies. */
const DEFAULT_LEVEL: Record<Tier, number> = {
  jpt_utama: 5,
  jpt_madya: 5,
  jpt_pratama: 4,
  administrator: 3,
  pengawas: 3,
  ahli_utama: 4,
  ahli_madya: 3,
  ahli_muda: 3,
  ahli_pertama: 2,
  penyelia: 3,
  mahir: 2,
  terampil: 2,
  pemula: 1,
  pelaksana: 1,
};

/** The shipped default: every tier requires every national M.* and SK.* competency at its level. */
export function defaultTierStandards(codes: readonly string[]): { tier: Tier; code: string; level: number }[] {
  return TIERS.flatMap((tier) => codes.map((code) => ({ tier, code, level: DEFAULT_LEVEL[tier] })));
}
