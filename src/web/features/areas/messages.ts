/**
 * Messages of the areas feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * Keys start with 'areas.'; the English object must have exactly the Swedish keys.
 */
export const areasSv = {} as const;

export const areasEn: Record<keyof typeof areasSv, string> = {};
