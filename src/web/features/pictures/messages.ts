/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const picturesSv = {
  'pictures.nav': 'Lägesbilder',
};

export const picturesEn: Record<keyof typeof picturesSv, string> = {
  'pictures.nav': 'Situational pictures',
};
