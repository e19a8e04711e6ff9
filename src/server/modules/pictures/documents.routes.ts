import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ERROR_RESPONSES,
  ErrorResponseSchema,
  IdParamsSchema,
  UuidSchema,
} from '../../../domain/api/common.ts';
import {
  CreatePictureRequestSchema,
  CycleResponseSchema,
  PictureFiguresSchema,
  PictureListResponseSchema,
  PictureSchema,
  SetDeadlineRequestSchema,
  SnapshotSchema,
  SnapshotSummarySchema,
  UpdatePictureRequestSchema,
} from '../../../domain/api/pictures.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { currentCycleYear, getCycle, setCycleDeadline } from './cycle.usecases.ts';
import {
  createPicture,
  getPicture,
  getPictureFigures,
  listPicturesFor,
  updatePicture,
} from './documents.usecases.ts';
import { freezePicture, getSnapshot, signSnapshot, submitSnapshot } from './snapshots.usecases.ts';

const tags = ['pictures'];
const errors = ERROR_RESPONSES;
const withConflict = { ...errors, 409: ErrorResponseSchema };
const YearSchema = z.coerce.number().int().min(2000).max(2200);

const ListQuerySchema = z.object({
  year: YearSchema.optional(),
  organisation: UuidSchema.optional(),
});

/** Picture documents, snapshots (freeze, sign, submit) and the yearly cycle. */
export function pictureDocumentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/pictures',
      {
        config: { access: 'pictures.read' },
        schema: {
          tags,
          summary: 'The picture documents of the organisations where you read pictures, newest cycle first',
          querystring: ListQuerySchema,
          response: { 200: PictureListResponseSchema, ...errors },
        },
      },
      async (request) =>
        listPicturesFor(
          { deps, actor: request.actor! },
          { year: request.query.year, organisationId: request.query.organisation },
        ),
    );

    app.post(
      '/api/pictures',
      {
        config: { access: 'pictures.manage' },
        schema: {
          tags,
          summary:
            'A new picture document for a committee or company where you manage pictures (comparison by default: the same months a year earlier); audited',
          body: CreatePictureRequestSchema,
          response: { 201: PictureSchema, ...errors },
        },
      },
      async (request, reply) => {
        const picture = await createPicture(
          { deps, actor: request.actor!, meta: requestMeta(request) },
          request.body,
        );
        return reply.code(201).send(picture);
      },
    );

    app.get(
      '/api/pictures/cycle',
      {
        config: { access: 'pictures.cycle' },
        schema: {
          tags,
          summary:
            "The executive board's view of a year's cycle: every committee and company, its status, whether it is late, and its submission",
          querystring: z.object({ year: YearSchema.optional() }),
          response: { 200: CycleResponseSchema, ...errors },
        },
      },
      async (request) =>
        getCycle({ deps, actor: request.actor! }, request.query.year ?? currentCycleYear(deps.now())),
    );

    app.put(
      '/api/pictures/cycle/:year/deadline',
      {
        config: { access: 'pictures.cycle' },
        schema: {
          tags,
          summary: "Sets a year's deadline for the yearly risk and situational pictures (audited)",
          params: z.object({ year: YearSchema }),
          body: SetDeadlineRequestSchema,
          response: { 200: CycleResponseSchema, ...errors },
        },
      },
      async (request) =>
        setCycleDeadline(
          { deps, actor: request.actor!, meta: requestMeta(request) },
          request.params.year,
          request.body.deadline,
        ),
    );

    app.get(
      '/api/pictures/snapshots/:id',
      {
        config: { access: 'pictures.read' },
        schema: {
          tags,
          summary:
            'A frozen snapshot: figures as frozen (never recomputed), its text; the extremism section only with extremism.read; every read audited',
          params: IdParamsSchema,
          response: { 200: SnapshotSchema, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return getSnapshot({ deps, actor: request.actor!, meta: requestMeta(request) }, request.params.id);
      },
    );

    app.post(
      '/api/pictures/snapshots/:id/sign',
      {
        config: { access: 'pictures.manage' },
        schema: {
          tags,
          summary: 'The coordinator signs off a frozen snapshot (409 for any other state); audited',
          params: IdParamsSchema,
          response: { 200: SnapshotSummarySchema, ...withConflict },
        },
      },
      async (request) =>
        signSnapshot({ deps, actor: request.actor!, meta: requestMeta(request) }, request.params.id),
    );

    app.post(
      '/api/pictures/snapshots/:id/submit',
      {
        config: { access: 'pictures.manage' },
        schema: {
          tags,
          summary:
            "Submits a signed-off snapshot to the executive board as the organisation's yearly picture (409 for any other state); audited",
          params: IdParamsSchema,
          response: { 200: SnapshotSummarySchema, ...withConflict },
        },
      },
      async (request) =>
        submitSnapshot({ deps, actor: request.actor!, meta: requestMeta(request) }, request.params.id),
    );

    app.get(
      '/api/pictures/:id',
      {
        config: { access: 'pictures.read' },
        schema: {
          tags,
          summary: 'One picture document with its snapshots and what you may do with it',
          params: IdParamsSchema,
          response: { 200: PictureSchema, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return getPicture({ deps, actor: request.actor! }, request.params.id);
      },
    );

    app.patch(
      '/api/pictures/:id',
      {
        config: { access: 'pictures.manage' },
        schema: {
          tags,
          summary:
            'Saves text and settings; `revision` must be the one read (409 pictures.stale_revision otherwise); audited with the changed fields',
          params: IdParamsSchema,
          body: UpdatePictureRequestSchema,
          response: { 200: PictureSchema, ...withConflict },
        },
      },
      async (request) =>
        updatePicture(
          { deps, actor: request.actor!, meta: requestMeta(request) },
          request.params.id,
          request.body,
        ),
    );

    app.get(
      '/api/pictures/:id/figures',
      {
        config: { access: 'pictures.read' },
        schema: {
          tags,
          summary:
            "A picture document's live figures for its organisation, areas and periods, suppressed as you must see them",
          params: IdParamsSchema,
          response: { 200: PictureFiguresSchema, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return getPictureFigures({ deps, actor: request.actor! }, request.params.id);
      },
    );

    app.post(
      '/api/pictures/:id/snapshots',
      {
        config: { access: 'pictures.manage' },
        schema: {
          tags,
          summary:
            'Freezes the picture as a new dated version: figures computed with small counts suppressed and stored, never recomputed; audited',
          params: IdParamsSchema,
          response: { 201: SnapshotSummarySchema, ...errors },
        },
      },
      async (request, reply) => {
        const summary = await freezePicture(
          { deps, actor: request.actor!, meta: requestMeta(request) },
          request.params.id,
        );
        return reply.code(201).send(summary);
      },
    );
  };
}
