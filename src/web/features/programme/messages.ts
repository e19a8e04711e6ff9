/**
 * Messages of the programme feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * Keys start with 'programme.'; the English object must have exactly the Swedish keys.
 */
export const programmeSv = {} as const;

export const programmeEn: Record<keyof typeof programmeSv, string> = {};
