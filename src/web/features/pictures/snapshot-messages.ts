/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const snapshotsSv = {
  'snapshots.cycle.nav': 'Inlämnade lägesbilder',
};

export const snapshotsEn: Record<keyof typeof snapshotsSv, string> = {
  'snapshots.cycle.nav': 'Submitted pictures',
};
