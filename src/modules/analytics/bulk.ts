// For bulk loaders (the synthetic national set): the analytics triggers on the registry tables,
// which a loader switches off for its COPY and replaces by one analytics_rebuild() at the end —
// a COPY of millions of rows would otherwise hand them all to per-statement transition tables.
export const ANALYTICS_BULK_TRIGGERS: readonly (readonly [table: string, trigger: string])[] = [
  ['civil_servant', 'analytics_civil_servant_insert'],
  ['civil_servant', 'analytics_civil_servant_update'],
  ['civil_servant', 'analytics_civil_servant_delete'],
  ['competency_current', 'analytics_current_insert'],
  ['competency_current', 'analytics_current_update'],
  ['competency_current', 'analytics_current_delete'],
  ['competency_current_state', 'analytics_cutoff_move'],
];

/** The from-scratch derivation of every analytics table (migration 0012's analytics_rebuild). */
export const ANALYTICS_REBUILD_SQL = 'select analytics_rebuild()';
