/**
 * Messages of the facilities feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * Keys start with 'facilities.'; the English object must have exactly the Swedish keys.
 */
export const facilitiesSv = {} as const;

export const facilitiesEn: Record<keyof typeof facilitiesSv, string> = {};
