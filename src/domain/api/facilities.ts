import { z } from 'zod';
import { CanSchema } from './common.ts';

export const FacilityTypeSchema = z
  .object({
    code: z.string(),
    labelSv: z.string(),
    labelEn: z.string(),
  })
  .meta({ id: 'FacilityType' });
export type FacilityType = z.infer<typeof FacilityTypeSchema>;

export const FacilityTypeListResponseSchema = z.object({ items: z.array(FacilityTypeSchema) });
export type FacilityTypeListResponse = z.infer<typeof FacilityTypeListResponseSchema>;

const Ref = z.object({ id: z.uuid(), name: z.string() });

export const FacilitySchema = z
  .object({
    id: z.uuid(),
    /** The id in the city's own register (the key of CSV imports). */
    code: z.string().nullable(),
    name: z.string(),
    type: FacilityTypeSchema,
    organisation: Ref,
    unit: Ref.nullable(),
    streetAddress: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    /** WGS84. */
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    /** SWEREF 99 TM (EPSG:3006) metres. */
    sweref99tm: z.object({ north: z.number(), east: z.number() }).nullable(),
    /** The deepest area containing the coordinates, and the one above it (e.g. the district area). */
    area: z.object({ id: z.uuid(), name: z.string(), level: z.string() }).nullable(),
    parentArea: z.object({ id: z.uuid(), name: z.string(), level: z.string() }).nullable(),
    can: CanSchema,
  })
  .meta({ id: 'Facility' });
export type Facility = z.infer<typeof FacilitySchema>;

export const FacilityListQuerySchema = z.object({
  organisationId: z.uuid().optional(),
  type: z.string().max(50).optional(),
  /** Facilities in this area or any area below it. */
  areaId: z.uuid().optional(),
  /** Part of the name, code or address. */
  q: z.string().trim().max(100).optional(),
});
export type FacilityListQuery = z.infer<typeof FacilityListQuerySchema>;

export const FacilityListResponseSchema = z.object({
  items: z.array(FacilitySchema),
  /** True when more facilities matched than were returned: narrow the filter. */
  truncated: z.boolean(),
});
export type FacilityListResponse = z.infer<typeof FacilityListResponseSchema>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

const FacilityFields = {
  code: optionalText(100),
  name: z.string().trim().min(1).max(200),
  type: z.string().min(1).max(50),
  organisationId: z.uuid(),
  unitId: z.uuid().nullable().optional(),
  streetAddress: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
};

const bothOrNeither = (v: { lat?: number | null; lon?: number | null }) =>
  (v.lat === undefined || v.lat === null) === (v.lon === undefined || v.lon === null);

export const CreateFacilityRequestSchema = z
  .object(FacilityFields)
  .refine(bothOrNeither, { message: 'Give both lat and lon, or neither', path: ['lon'] });
export type CreateFacilityRequest = z.input<typeof CreateFacilityRequestSchema>;

export const UpdateFacilityRequestSchema = z
  .object({ ...FacilityFields, name: FacilityFields.name.optional(), type: FacilityFields.type.optional() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' })
  .refine((v) => (v.lat === undefined) === (v.lon === undefined) && bothOrNeither(v), {
    message: 'Give both lat and lon, or neither',
    path: ['lon'],
  });
export type UpdateFacilityRequest = z.input<typeof UpdateFacilityRequestSchema>;

export const FacilityAreasRecomputedSchema = z.object({
  /** Facilities with coordinates that were looked at. */
  checked: z.number().int(),
  /** Of those, how many got another area. */
  changed: z.number().int(),
});
export type FacilityAreasRecomputed = z.infer<typeof FacilityAreasRecomputedSchema>;
