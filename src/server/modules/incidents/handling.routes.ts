import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_RESPONSES, ErrorResponseSchema, IdParamsSchema } from '../../../domain/api/common.ts';
import {
  AssignableUsersResponseSchema,
  AssignRequestSchema,
  AttachmentParamsSchema,
  AuthorityDeadlinesResponseSchema,
  AuthorityReportRequestSchema,
  CommentRequestSchema,
  GrantParamsSchema,
  GrantRequestSchema,
  IncidentSchema,
  SupportItemParamsSchema,
  SupportItemRequestSchema,
  TransitionRequestSchema,
} from '../../../domain/api/incidents.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { listAuthorityDeadlines, reportToAuthority } from './authority.usecases.ts';
import {
  addComment,
  assignIncident,
  deleteSupportItem,
  getAttachment,
  getIncident,
  grantAccess,
  listAssignableUsers,
  recordSupportItem,
  revokeAccess,
  transitionIncident,
} from './handling.usecases.ts';

const tags = ['incidents'];
const errors = ERROR_RESPONSES;
const withConflict = { ...errors, 409: ErrorResponseSchema };

/**
 * `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266): no path, quotes
 * or control characters survive, so the name cannot break the header or choose where it is saved.
 */
export function contentDisposition(fileName: string): string {
  const clean =
    fileName
      .replace(/[/\\]/g, '_')
      .replace(/[\p{Cc}"]/gu, '')
      .replace(/^\.+/, '')
      .trim() || 'bilaga';
  const ascii = clean
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|[%;]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** One incident and its handling: detail, states, assignment, comments, support, grants, authority deadline (parts 3, 4). */
export function handlingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/incidents/authority-deadlines',
      {
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary:
            'Serious events you handle and their 24-hour deadline for the Work Environment Authority: overdue first, then due, then recently reported',
          response: { 200: AuthorityDeadlinesResponseSchema, ...errors },
        },
      },
      async (request) => ({ items: await listAuthorityDeadlines({ deps, actor: request.actor! }) }),
    );

    app.get(
      '/api/incidents/:id',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary:
            'One incident: whole for those handling it, the participant view for the reporter and others involved; refused attempts and every read of a need-to-know incident are audited',
          params: IdParamsSchema,
          response: { 200: IncidentSchema, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return getIncident({
          deps,
          actor: request.actor!,
          id: request.params.id,
          meta: requestMeta(request),
        });
      },
    );

    app.get(
      '/api/incidents/:id/attachments/:attachmentId',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: "An attachment's file, for those who may read the incident (audited)",
          params: AttachmentParamsSchema,
          produces: ['application/octet-stream'],
          response: { 200: z.any().meta({ description: 'The file, as its sniffed media type' }), ...errors },
        },
      },
      async (request, reply) => {
        const file = await getAttachment({
          deps,
          actor: request.actor!,
          id: request.params.id,
          attachmentId: request.params.attachmentId,
          meta: requestMeta(request),
        });
        return reply
          .type(file.mediaType)
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(file.content);
      },
    );

    app.post(
      '/api/incidents/:id/transition',
      {
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary:
            'Move the incident on: received → investigating → measures decided → closed (closing from received or investigating too; a reason to close); reopen a closed one with a reason',
          params: IdParamsSchema,
          body: TransitionRequestSchema,
          response: { 200: IncidentSchema, ...withConflict },
        },
      },
      async (request) =>
        transitionIncident({
          deps,
          actor: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        }),
    );

    app.get(
      '/api/incidents/:id/assignable-users',
      {
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary:
            'Who the incident may be assigned to: holders of incidents.handle where it belongs (for need-to-know incidents, only those with sensitive.read there or already involved)',
          params: IdParamsSchema,
          response: { 200: AssignableUsersResponseSchema, ...errors },
        },
      },
      async (request) => ({
        items: await listAssignableUsers({ deps, actor: request.actor!, id: request.params.id }),
      }),
    );

    app.post(
      '/api/incidents/:id/assign',
      {
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary: 'Assign the incident to someone who may handle it (null unassigns); the assignee is told',
          params: IdParamsSchema,
          body: AssignRequestSchema,
          response: { 200: IncidentSchema, ...errors },
        },
      },
      async (request) =>
        assignIncident({
          deps,
          actor: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        }),
    );

    app.post(
      '/api/incidents/:id/comments',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary:
            'Comment: handlers write internal notes or messages to the reporter; the reporter and others involved answer (always visible to the reporter side)',
          params: IdParamsSchema,
          body: CommentRequestSchema,
          response: { 201: IncidentSchema, ...errors },
        },
      },
      async (request, reply) => {
        const incident = await addComment({
          deps,
          actor: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return incident;
      },
    );

    app.put(
      '/api/incidents/:id/support-items/:item',
      {
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary:
            'Record an item of the support checklist with its date (threats, violence and undue influence only)',
          params: SupportItemParamsSchema,
          body: SupportItemRequestSchema,
          response: { 200: IncidentSchema, ...withConflict },
        },
      },
      async (request) =>
        recordSupportItem({
          deps,
          actor: request.actor!,
          id: request.params.id,
          item: request.params.item,
          input: request.body,
          meta: requestMeta(request),
        }),
    );

    app.delete(
      '/api/incidents/:id/support-items/:item',
      {
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary: 'Remove a recorded item of the support checklist',
          params: SupportItemParamsSchema,
          response: { 200: IncidentSchema, ...withConflict },
        },
      },
      async (request) =>
        deleteSupportItem({
          deps,
          actor: request.actor!,
          id: request.params.id,
          item: request.params.item,
          meta: requestMeta(request),
        }),
    );

    app.post(
      '/api/incidents/:id/grants',
      {
        config: { access: 'sensitive.read' },
        schema: {
          tags,
          summary:
            "Grant someone of the incident's own committee or company need-to-know access (the security coordinator); they are told",
          params: IdParamsSchema,
          body: GrantRequestSchema,
          response: { 201: IncidentSchema, ...withConflict },
        },
      },
      async (request, reply) => {
        const incident = await grantAccess({
          deps,
          actor: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return incident;
      },
    );

    app.delete(
      '/api/incidents/:id/grants/:userId',
      {
        config: { access: 'sensitive.read' },
        schema: {
          tags,
          summary: 'Withdraw access granted explicitly',
          params: GrantParamsSchema,
          response: { 200: IncidentSchema, ...errors },
        },
      },
      async (request) =>
        revokeAccess({
          deps,
          actor: request.actor!,
          id: request.params.id,
          userId: request.params.userId,
          meta: requestMeta(request),
        }),
    );

    app.post(
      '/api/incidents/:id/authority-report',
      {
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary:
            'Record that a serious event was reported to the Work Environment Authority: when, and its reference',
          params: IdParamsSchema,
          body: AuthorityReportRequestSchema,
          response: { 200: IncidentSchema, ...withConflict },
        },
      },
      async (request) =>
        reportToAuthority({
          deps,
          actor: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        }),
    );
  };
}
