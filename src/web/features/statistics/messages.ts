/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const statisticsSv = {
  'statistics.nav': 'Statistik',
};

export const statisticsEn: Record<keyof typeof statisticsSv, string> = {
  'statistics.nav': 'Statistics',
};
