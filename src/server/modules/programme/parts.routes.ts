import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, OkSchema } from '../../../domain/api/common.ts';
import {
  CreateFocusAreaRequestSchema,
  CreateGoalAreaRequestSchema,
  CreateIndicatorRequestSchema,
  CreateObjectiveRequestSchema,
  CreateRelationRequestSchema,
  FocusAreaSchema,
  GoalAreaSchema,
  IndicatorSchema,
  ObjectiveSchema,
  RelationSchema,
  UpdateFocusAreaRequestSchema,
  UpdateGoalAreaRequestSchema,
  UpdateIndicatorRequestSchema,
  UpdateObjectiveRequestSchema,
  UpdateRelationRequestSchema,
} from '../../../domain/api/programme.ts';
import type { AppDeps } from '../../platform/context.ts';
import {
  createFocusArea,
  createGoalArea,
  createIndicator,
  createObjective,
  deletePart,
  updateFocusArea,
  updateGoalArea,
  updateIndicator,
  updateObjective,
} from './parts.usecases.ts';
import { changeContext, errors, tags } from './programme.http.ts';
import { createRelation, deleteRelation, updateRelation } from './relations.usecases.ts';

/** Editing a draft's parts (`programme.manage` in the programme's organisation; drafts only). */
export function partsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/programme/versions/:id/goal-areas',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Add a goal area to a draft',
          params: IdParamsSchema,
          body: CreateGoalAreaRequestSchema,
          response: { 201: GoalAreaSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createGoalArea({
          ...changeContext(deps, request),
          versionId: request.params.id,
          input: request.body,
        });
        reply.code(201);
        return created;
      },
    );
    app.patch(
      '/api/programme/goal-areas/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: "Change a goal area's texts",
          params: IdParamsSchema,
          body: UpdateGoalAreaRequestSchema,
          response: { 200: GoalAreaSchema, ...errors },
        },
      },
      async (request) =>
        updateGoalArea({ ...changeContext(deps, request), id: request.params.id, input: request.body }),
    );
    app.delete(
      '/api/programme/goal-areas/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Remove a goal area from a draft (focus areas stop serving it)',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deletePart({ ...changeContext(deps, request), kind: 'goal_area', id: request.params.id });
        return { ok: true as const };
      },
    );
    app.post(
      '/api/programme/versions/:id/focus-areas',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Add a focus area (serving goal areas, with its communication part) to a draft',
          params: IdParamsSchema,
          body: CreateFocusAreaRequestSchema,
          response: { 201: FocusAreaSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createFocusArea({
          ...changeContext(deps, request),
          versionId: request.params.id,
          input: request.body,
        });
        reply.code(201);
        return created;
      },
    );
    app.patch(
      '/api/programme/focus-areas/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: "Change a focus area's texts, communication or goal areas",
          params: IdParamsSchema,
          body: UpdateFocusAreaRequestSchema,
          response: { 200: FocusAreaSchema, ...errors },
        },
      },
      async (request) =>
        updateFocusArea({ ...changeContext(deps, request), id: request.params.id, input: request.body }),
    );
    app.delete(
      '/api/programme/focus-areas/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Remove a focus area with its objectives and indicators from a draft',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deletePart({ ...changeContext(deps, request), kind: 'focus_area', id: request.params.id });
        return { ok: true as const };
      },
    );
    app.post(
      '/api/programme/focus-areas/:id/objectives',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Add an objective to a focus area of a draft',
          params: IdParamsSchema,
          body: CreateObjectiveRequestSchema,
          response: { 201: ObjectiveSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createObjective({
          ...changeContext(deps, request),
          focusAreaId: request.params.id,
          input: request.body,
        });
        reply.code(201);
        return created;
      },
    );
    app.patch(
      '/api/programme/objectives/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Change an objective',
          params: IdParamsSchema,
          body: UpdateObjectiveRequestSchema,
          response: { 200: ObjectiveSchema, ...errors },
        },
      },
      async (request) =>
        updateObjective({ ...changeContext(deps, request), id: request.params.id, input: request.body }),
    );
    app.delete(
      '/api/programme/objectives/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Remove an objective from a draft',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deletePart({ ...changeContext(deps, request), kind: 'objective', id: request.params.id });
        return { ok: true as const };
      },
    );
    app.post(
      '/api/programme/focus-areas/:id/indicators',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Add an indicator (name, unit, direction, baseline, target) to a focus area of a draft',
          params: IdParamsSchema,
          body: CreateIndicatorRequestSchema,
          response: { 201: IndicatorSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createIndicator({
          ...changeContext(deps, request),
          focusAreaId: request.params.id,
          input: request.body,
        });
        reply.code(201);
        return created;
      },
    );
    app.patch(
      '/api/programme/indicators/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Change an indicator',
          params: IdParamsSchema,
          body: UpdateIndicatorRequestSchema,
          response: { 200: IndicatorSchema, ...errors },
        },
      },
      async (request) =>
        updateIndicator({ ...changeContext(deps, request), id: request.params.id, input: request.body }),
    );
    app.delete(
      '/api/programme/indicators/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Remove an indicator from a draft',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deletePart({ ...changeContext(deps, request), kind: 'indicator', id: request.params.id });
        return { ok: true as const };
      },
    );
    app.post(
      '/api/programme/versions/:id/relations',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary:
            'Relate a draft to another steering document (implements, complements, replaces, is governed by)',
          params: IdParamsSchema,
          body: CreateRelationRequestSchema,
          response: { 201: RelationSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createRelation({
          ...changeContext(deps, request),
          versionId: request.params.id,
          input: request.body,
        });
        reply.code(201);
        return created;
      },
    );
    app.patch(
      '/api/programme/relations/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: "Change a relation's type or note",
          params: IdParamsSchema,
          body: UpdateRelationRequestSchema,
          response: { 200: RelationSchema, ...errors },
        },
      },
      async (request) =>
        updateRelation({ ...changeContext(deps, request), id: request.params.id, input: request.body }),
    );
    app.delete(
      '/api/programme/relations/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Remove a relation from a draft',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deleteRelation({ ...changeContext(deps, request), id: request.params.id });
        return { ok: true as const };
      },
    );
  };
}
