import { z } from 'zod';

export const AuditEventSchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime({ offset: true }),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    fields: z.array(z.string()),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditListQuerySchema = z.object({
  action: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  targetId: z.string().max(200).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Return events older than this id (keyset pagination). */
  before: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

export const AuditListResponseSchema = z.object({
  items: z.array(AuditEventSchema),
  /** Pass as `before` to get the next page; null when there is none. */
  nextBefore: z.string().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponseSchema>;
