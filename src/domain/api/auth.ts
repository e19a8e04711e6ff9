import { z } from 'zod';
import { PERMISSIONS } from '../permissions.ts';
import { RoleSchema } from '../roles.ts';
import { LocaleSchema } from './common.ts';

export const LoginRequestSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SessionRoleSchema = z.object({
  role: RoleSchema,
  organisationId: z.uuid(),
  organisationName: z.string(),
});

export const SessionUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  locale: LocaleSchema,
  roles: z.array(SessionRoleSchema),
  /** Permissions held somewhere; the web uses them to show only what the server allows. */
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const SessionResponseSchema = z
  .object({
    user: SessionUserSchema.nullable(),
    /** Send back as the `x-csrf-token` header on every state-changing request. */
    csrfToken: z.string(),
    oidc: z.object({ enabled: z.boolean(), label: z.string() }),
  })
  .meta({ id: 'Session' });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const PreferencesRequestSchema = z.object({ locale: LocaleSchema });
export type PreferencesRequest = z.infer<typeof PreferencesRequestSchema>;
