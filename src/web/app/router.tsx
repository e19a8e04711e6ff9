import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/login-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { ErrorPage, StandaloneErrorPage } from './error-page.tsx';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RequireAuth, RequirePermission } from './route-guards.tsx';

function AppLoading() {
  return <p className="site-main__loading">…</p>;
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // Only when the layout itself fails; page errors are caught below, inside the layout.
    errorElement: <StandaloneErrorPage />,
    hydrateFallbackElement: <AppLoading />,
    children: [
      {
        errorElement: <ErrorPage />,
        children: [
          { path: 'login', element: <LoginPage /> },
          {
            path: 'tillganglighet',
            lazy: async () => ({
              Component: (await import('../features/accessibility/accessibility-page.tsx')).AccessibilityPage,
            }),
          },
          {
            element: <RequireAuth />,
            children: [
              { index: true, element: <HomePage /> },
              {
                path: 'programme',
                lazy: async () => ({
                  Component: (await import('../features/programme/programme-page.tsx')).ProgrammePage,
                }),
              },
              {
                path: 'areas',
                lazy: async () => ({
                  Component: (await import('../features/areas/areas-page.tsx')).AreasPage,
                }),
              },
              {
                path: 'organisations',
                element: <RequirePermission permission="organisations.read" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/organisations/organisations-page.tsx'))
                        .OrganisationsPage,
                    }),
                  },
                ],
              },
              {
                path: 'audit',
                element: <RequirePermission permission="audit.read" />,
                children: [
                  {
                    index: true,
                    // Its own chunk: the table and date pickers are not needed on the first page.
                    lazy: async () => ({
                      Component: (await import('../features/audit/audit-page.tsx')).AuditPage,
                    }),
                  },
                ],
              },
              {
                path: 'facilities',
                element: <RequirePermission permission="organisations.read" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/facilities/facilities-page.tsx')).FacilitiesPage,
                    }),
                  },
                  {
                    path: ':id/observations',
                    lazy: async () => ({
                      Component: (await import('../features/report/facility-observations-page.tsx'))
                        .FacilityObservationsPage,
                    }),
                  },
                ],
              },
              {
                path: 'report',
                element: <RequirePermission permission="incidents.report" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/report/report-page.tsx')).ReportPage,
                    }),
                  },
                ],
              },
              {
                path: 'observations/new',
                element: <RequirePermission permission="incidents.report" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/report/observation-page.tsx')).ObservationPage,
                    }),
                  },
                ],
              },
              {
                path: 'my-reports',
                lazy: async () => ({
                  Component: (await import('../features/report/my-reports-page.tsx')).MyReportsPage,
                }),
              },
              {
                path: 'my-reports/:id',
                lazy: async () => ({
                  Component: (await import('../features/report/my-report-page.tsx')).MyReportPage,
                }),
              },
              {
                path: 'notifications',
                lazy: async () => ({
                  Component: (await import('../features/notifications/notifications-page.tsx'))
                    .NotificationsPage,
                }),
              },
              {
                path: 'incidents',
                element: <RequirePermission permission="incidents.handle" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/incidents/incidents-page.tsx')).IncidentsPage,
                    }),
                  },
                  {
                    path: 'deadlines',
                    lazy: async () => ({
                      Component: (await import('../features/incidents/deadlines-page.tsx')).DeadlinesPage,
                    }),
                  },
                ],
              },
              {
                // Participants granted access read an incident without holding incidents.handle: the API decides.
                path: 'incidents/:id',
                lazy: async () => ({
                  Component: (await import('../features/incidents/incident-page.tsx')).IncidentPage,
                }),
              },
              {
                path: 'threats',
                element: <RequirePermission permission="threat_register.lookup" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/threats/threats-page.tsx')).ThreatsPage,
                    }),
                  },
                ],
              },
              {
                path: 'threat-register',
                element: <RequirePermission permission="threat_register.manage" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/threats/threat-register-page.tsx'))
                        .ThreatRegisterPage,
                    }),
                  },
                ],
              },
              {
                path: 'pictures',
                element: <RequirePermission permission="pictures.read" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/pictures/pictures-page.tsx')).PicturesPage,
                    }),
                  },
                  {
                    path: 'explore',
                    lazy: async () => ({
                      Component: (await import('../features/pictures/explore-page.tsx')).PictureExplorePage,
                    }),
                  },
                  {
                    path: 'snapshots/:id',
                    lazy: async () => ({
                      Component: (await import('../features/pictures/snapshot-page.tsx')).SnapshotPage,
                    }),
                  },
                  {
                    path: ':id',
                    lazy: async () => ({
                      Component: (await import('../features/pictures/picture-page.tsx')).PicturePage,
                    }),
                  },
                ],
              },
              {
                path: 'pictures/cycle',
                element: <RequirePermission permission="pictures.cycle" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/pictures/cycle-page.tsx')).CyclePage,
                    }),
                  },
                ],
              },
              {
                path: 'statistics',
                element: <RequirePermission permission="statistics.manage" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/statistics/statistics-page.tsx')).StatisticsPage,
                    }),
                  },
                  {
                    path: 'police',
                    lazy: async () => ({
                      Component: (await import('../features/statistics/police-page.tsx')).PolicePage,
                    }),
                  },
                ],
              },
              {
                path: 'incident-types',
                element: <RequirePermission permission="incident_types.manage" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/incident-types/incident-types-page.tsx'))
                        .IncidentTypesPage,
                    }),
                  },
                ],
              },
              {
                path: 'compliance',
                element: <RequirePermission permission="compliance.read" />,
                children: [
                  {
                    index: true,
                    lazy: async () => ({
                      Component: (await import('../features/compliance/compliance-page.tsx')).CompliancePage,
                    }),
                  },
                  {
                    path: ':id',
                    lazy: async () => ({
                      Component: (await import('../features/compliance/organisation-coordinators-page.tsx'))
                        .OrganisationCoordinatorsPage,
                    }),
                  },
                ],
              },
            ],
          },
          // Development only: every UI kit component on one page. Removed from production builds.
          ...(import.meta.env.DEV
            ? [
                {
                  path: '_ui',
                  lazy: async () => ({ Component: (await import('../dev/ui-kit-page.tsx')).UiKitPage }),
                },
              ]
            : []),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
