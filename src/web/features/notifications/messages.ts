/**
 * Messages of this feature, joined into the catalogues in i18n/sv.ts and i18n/en.ts.
 * The English object must have exactly the Swedish keys.
 */
export const notificationsSv = {
  'notifications.title': 'Meddelanden',
};

export const notificationsEn: Record<keyof typeof notificationsSv, string> = {
  'notifications.title': 'Notifications',
};
