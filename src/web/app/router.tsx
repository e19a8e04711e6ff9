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
