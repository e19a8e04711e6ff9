/**
 * Messages of the organisations feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * Keys start with 'organisations.'; the English object must have exactly the Swedish keys.
 */
export const organisationsSv = {} as const;

export const organisationsEn: Record<keyof typeof organisationsSv, string> = {};
