/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const pictureExportsSv = {
  'pictureExports.menu': 'Exportera',
};

export const pictureExportsEn: Record<keyof typeof pictureExportsSv, string> = {
  'pictureExports.menu': 'Export',
};
