import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_RESPONSES, IdParamsSchema } from '../../../domain/api/common.ts';
import {
  FacilityObservationsQuerySchema,
  FacilityObservationsResponseSchema,
  IncidentExportQuerySchema,
  IncidentListQuerySchema,
  IncidentListResponseSchema,
  IncidentMapQuerySchema,
  IncidentMapResponseSchema,
} from '../../../domain/api/incidents.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { exportIncidents } from './export.ts';
import { listIncidents, mapIncidents } from './list.usecases.ts';
import { getFacilityObservations } from './observations.usecases.ts';

const tags = ['incidents'];
const errors = ERROR_RESPONSES;

/** Lists, search, map and export (part 7) and observations near facilities (part 6). */
export function incidentListRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/incidents',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary:
            'Incidents newest first, filtered and searched (Swedish full text, misspellings too), a page at a time: ' +
            'what you handle (scope=handling, needs incidents.handle) or what you reported or take part in (scope=mine)',
          querystring: IncidentListQuerySchema,
          response: { 200: IncidentListResponseSchema, ...errors },
        },
      },
      async (request) => listIncidents({ deps, actor: request.actor!, query: request.query }),
    );

    app.get(
      '/api/incidents/map',
      {
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary:
            'The incidents you handle that have coordinates, for a map (the newest `limit`, default 5000)',
          querystring: IncidentMapQuerySchema,
          response: { 200: IncidentMapResponseSchema, ...errors },
        },
      },
      async (request) => mapIncidents({ deps, actor: request.actor!, query: request.query }),
    );

    app.get(
      '/api/incidents/export',
      {
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary:
            'Everything you handle that matches the filters, as CSV (UTF-8, semicolons) or XLSX, in your language (audited)',
          querystring: IncidentExportQuerySchema,
          produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
          response: { 200: z.any().meta({ description: 'The file' }), ...errors },
        },
      },
      async (request, reply) => {
        const file = await exportIncidents({
          deps,
          actor: request.actor!,
          query: request.query,
          locale: request.user?.locale ?? 'sv',
          meta: requestMeta(request),
        });
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'private, no-store')
          .header('x-row-count', String(file.rowCount))
          .send(file.body);
      },
    );

    app.get(
      '/api/facilities/:id/observations',
      {
        config: { access: 'organisations.read' },
        schema: {
          tags: ['facilities', ...tags],
          summary:
            'Observations of open crime and disorder near a facility over time, with counts per month and type',
          params: IdParamsSchema,
          querystring: FacilityObservationsQuerySchema,
          response: { 200: FacilityObservationsResponseSchema, ...errors },
        },
      },
      async (request) =>
        getFacilityObservations({
          deps,
          actor: request.actor!,
          facilityId: request.params.id,
          query: request.query,
        }),
    );
  };
}
