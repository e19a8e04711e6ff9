import { z } from 'zod';

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'auth.invalid_credentials' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

export const LocaleSchema = z.enum(['sv', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const UuidSchema = z.uuid();
export const IdParamsSchema = z.object({ id: UuidSchema });

/** Actions the actor may take on a resource, e.g. `{ update: true, disable: false }`. */
export const CanSchema = z.record(z.string(), z.boolean());

export const OkSchema = z.object({ ok: z.literal(true) });

/** The error answers every authenticated route can give, for its `response` schema. */
export const ERROR_RESPONSES = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
};
