import { z } from 'zod';
import { OrganisationKindSchema } from '../roles.ts';
import { CanSchema } from './common.ts';

export const OrganisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: OrganisationKindSchema,
    parentId: z.uuid().nullable(),
    can: CanSchema,
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof OrganisationSchema>;

export const OrganisationListResponseSchema = z.object({ items: z.array(OrganisationSchema) });

export const CreateOrganisationRequestSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: OrganisationKindSchema.exclude(['municipality']),
  parentId: z.uuid(),
});
export type CreateOrganisationRequest = z.infer<typeof CreateOrganisationRequestSchema>;
