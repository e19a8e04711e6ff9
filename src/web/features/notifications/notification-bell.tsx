/** The header's link to the user's notices, with the unread count (built in the notifications feature). */
export function NotificationBell() {
  return null;
}
