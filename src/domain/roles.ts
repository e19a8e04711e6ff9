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

/**
 * Kinds of organisation (domain.md §1): the municipality (the root), its executive board, an office
 * (the administration serving the board or a committee, e.g. stadsledningskontoret), committees,
 * companies, and units inside any of them (a tree of any depth).
 */
export const ORGANISATION_KINDS = [
  'municipality',
  'executive_board',
  'office',
  'committee',
  'company',
  'unit',
] as const;
export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKindSchema>;

/** A committee is a district committee (stadsdelsnämnd, responsible for areas) or a specialist one (facknämnd). */
export const COMMITTEE_TYPES = ['district', 'specialist'] as const;
export const CommitteeTypeSchema = z.enum(COMMITTEE_TYPES);
export type CommitteeType = z.infer<typeof CommitteeTypeSchema>;

/**
 * Which kinds an organisation of each kind may have directly beneath it. The executive board and
 * committees sit under the municipality; an office under the board or a committee; companies under
 * the municipality, a board, a committee or another company (subsidiaries); units under anything
 * but the municipality, and nothing but units under a unit.
 */
export const CHILD_KINDS: Record<OrganisationKind, readonly OrganisationKind[]> = {
  municipality: ['executive_board', 'committee', 'company'],
  executive_board: ['office', 'company', 'unit'],
  office: ['unit'],
  committee: ['office', 'company', 'unit'],
  company: ['company', 'unit'],
  unit: ['unit'],
};
