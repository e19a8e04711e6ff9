import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { E2E_ADMIN } from '../support/server.ts';

export const PASSWORD = 'e2e-report-password-1';

export interface Org {
  committeeId: string;
  facilityId: string;
  facilityName: string;
  employee: { id: string; email: string };
  manager: { id: string; email: string };
  coordinator: { id: string; email: string };
}

/** Signs in through the API from the page (same origin, so the session cookie is the page's). */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  if (!page.url().startsWith('http')) await page.goto('/login');
  const status = await page.evaluate(
    async ({ email, password }) => {
      const session = await (await fetch('/api/session')).json();
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ email, password }),
      });
      return res.status;
    },
    { email, password },
  );
  expect(status).toBe(200);
}

/** A call to the API from the page, as the signed-in user; throws on anything but 2xx. */
export async function api<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/session')).json();
      const res = await fetch(path, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'x-csrf-token': session.csrfToken,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    },
    { method, path, body },
  );
  if (result.status < 200 || result.status >= 300)
    throw new Error(`${method} ${path}: ${result.status} ${result.text}`);
  return (result.text ? JSON.parse(result.text) : undefined) as T;
}

/**
 * As the administrator: a committee with an employee, a manager and a security coordinator, and a
 * preschool it runs. Leaves the page signed out.
 */
export async function createOrganisation(page: Page, prefix: string): Promise<Org> {
  await page.goto('/login');
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const session = await api<{ user: { roles: { role: string; organisationId: string }[] } }>(
    page,
    'GET',
    '/api/session',
  );
  const root = session.user.roles.find((r) => r.role === 'administrator')!.organisationId;
  const committee = await api<{ id: string }>(page, 'POST', '/api/organisations', {
    name: `${prefix}nämnden`,
    kind: 'committee',
    committeeType: 'specialist',
    parentId: root,
  });
  const user = async (role: string, name: string) => {
    const email = `${prefix.toLowerCase()}.${role}@e2e.local`;
    const created = await api<{ id: string }>(page, 'POST', '/api/users', {
      email,
      name,
      password: PASSWORD,
      role,
      organisationId: committee.id,
    });
    return { id: created.id, email };
  };
  const employee = await user('employee', `${prefix} Medarbetare`);
  const manager = await user('manager', `${prefix} Chef`);
  const coordinator = await user('security_coordinator', `${prefix} Samordnare`);
  const facilityName = `Förskolan ${prefix}`;
  const facility = await api<{ id: string }>(page, 'POST', '/api/facilities', {
    name: facilityName,
    type: 'preschool',
    organisationId: committee.id,
    streetAddress: 'Skolgatan 1',
  });
  await api(page, 'POST', '/api/auth/logout', {});
  return { committeeId: committee.id, facilityId: facility.id, facilityName, employee, manager, coordinator };
}

const isFocused = (locator: Locator) =>
  locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));

/** Presses Tab (forwards) until the element has focus: how a keyboard user gets there. */
export async function tabTo(page: Page, locator: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${locator}`);
}

/** Tabs into a radio group and moves with the arrow keys until the option is chosen. */
export async function chooseRadio(page: Page, group: Locator, option: string): Promise<void> {
  await tabTo(page, group);
  const target = group.getByRole('radio', { name: option, exact: true });
  if (await isFocused(target)) await page.keyboard.press('Space');
  for (let i = 0; i < 20 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown');
  expect(await target.isChecked()).toBe(true);
}
