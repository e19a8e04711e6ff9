/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const threatsSv = {
  'threats.title': 'Varningar om hot i mina ärenden',
  'threats.register.title': 'Register över kända hot',
};

export const threatsEn: Record<keyof typeof threatsSv, string> = {
  'threats.title': 'Threat warnings for my cases',
  'threats.register.title': 'Known-threat register',
};
