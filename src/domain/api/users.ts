import { z } from 'zod';
import { RoleSchema } from '../roles.ts';
import { CanSchema, LocaleSchema } from './common.ts';

export const PASSWORD_MIN_LENGTH = 12;

/** Minimum password rules: length, not only one kind of character, not the email. */
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `At least ${PASSWORD_MIN_LENGTH} characters` })
  .max(1024)
  .refine((p) => new Set(p).size >= 5, { message: 'Too few different characters' })
  .refine((p) => /[^A-Za-zÅÄÖåäö]/.test(p), { message: 'Include at least one digit or symbol' });

export const UserRoleSchema = z.object({
  role: RoleSchema,
  organisationId: z.uuid(),
  organisationName: z.string(),
});

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    locale: LocaleSchema,
    disabled: z.boolean(),
    roles: z.array(UserRoleSchema),
    createdAt: z.iso.datetime({ offset: true }),
    can: CanSchema,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const UserListResponseSchema = z.object({ items: z.array(UserSchema) });

export const CreateUserRequestSchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: PasswordSchema,
  role: RoleSchema,
  organisationId: z.uuid(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

export const GrantRoleRequestSchema = z.object({ role: RoleSchema, organisationId: z.uuid() });
export type GrantRoleRequest = z.infer<typeof GrantRoleRequestSchema>;
