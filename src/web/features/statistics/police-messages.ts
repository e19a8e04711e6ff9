/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const policeSv = {
  'police.nav': 'Polisens händelser',
};

export const policeEn: Record<keyof typeof policeSv, string> = {
  'police.nav': 'Police events',
};
