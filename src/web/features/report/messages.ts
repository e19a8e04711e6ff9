/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const reportSv = {
  'report.nav': 'Rapportera',
  'report.title': 'Rapportera en händelse',
  'report.mine.title': 'Mina rapporter',
  'report.observation.title': 'Iakttagelse nära verksamheten',
  'report.facilityObservations.title': 'Iakttagelser nära anläggningen',
};

export const reportEn: Record<keyof typeof reportSv, string> = {
  'report.nav': 'Report',
  'report.title': 'Report an incident',
  'report.mine.title': 'My reports',
  'report.observation.title': 'Observation near your workplace',
  'report.facilityObservations.title': 'Observations near the facility',
};
