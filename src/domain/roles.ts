import { z } from 'zod';

/** The roles a user can hold in an organisation (domain.md §4). */
export const ROLES = [
  'administrator',
  'city_analyst',
  'security_coordinator',
  'crime_prevention_coordinator',
  'manager',
  'employee',
  'case_worker',
  'elected_official',
  'auditor',
] as const;

export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ORGANISATION_KINDS = ['municipality', 'executive_board', 'committee', 'company'] as const;
export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKindSchema>;
