import type { z } from 'zod';
import type { NotificationListResponseSchema } from '../../../domain/api/incidents.ts';
import { apiRequest } from '../../api/client.ts';

export type NotificationList = z.infer<typeof NotificationListResponseSchema>;

export function listNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return apiRequest('/api/notifications', { signal });
}

export function markRead(id: string): Promise<unknown> {
  return apiRequest(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} });
}

export function markAllRead(): Promise<unknown> {
  return apiRequest('/api/notifications/read-all', { method: 'POST', body: {} });
}

const CHANGED = 'trygg:notifications-changed';

/** Tells the header's bell to count again (after marking notices read on the page). */
export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function onNotificationsChanged(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}
