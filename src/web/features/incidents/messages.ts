/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const incidentsSv = {
  'incidents.nav': 'Ärenden',
  'incidents.title': 'Händelser att hantera',
  'incidents.detail.title': 'Händelse',
  'incidents.deadlines.title': 'Allvarliga händelser – anmälan till Arbetsmiljöverket',
};

export const incidentsEn: Record<keyof typeof incidentsSv, string> = {
  'incidents.nav': 'Incidents',
  'incidents.title': 'Incidents to handle',
  'incidents.detail.title': 'Incident',
  'incidents.deadlines.title': 'Serious events – report to the Work Environment Authority',
};
