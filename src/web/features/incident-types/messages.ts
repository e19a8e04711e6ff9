/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const incidentTypesSv = {
  'incidentTypes.title': 'Händelsetyper',
};

export const incidentTypesEn: Record<keyof typeof incidentTypesSv, string> = {
  'incidentTypes.title': 'Incident types',
};
