import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createOrganisation, type Org, signIn } from '../report/support.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;
let org: Org;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const context = await newContext(browser, server.baseUrl);
  org = await createOrganisation(await context.newPage(), 'Besked');
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(email: string, password?: string): Promise<Page> {
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  await page.goto('/login');
  await signIn(page, email, password);
  return page;
}

const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Meddelanden, / });

describe('notifications in the app', () => {
  it('tells the manager of a new report and the reporter of each change, in words, with read and all-read', async () => {
    const employee = await signedIn(org.employee.email);
    const taxonomy = await api<{ types: { id: string; code: string }[] }>(
      employee,
      'GET',
      '/api/incident-taxonomy',
    );
    const receipt = await api<{ id: string; reference: string }>(employee, 'POST', '/api/incidents', {
      typeId: taxonomy.types.find((t) => t.code === 'burglary')!.id,
      occurredAt: new Date(Date.now() - 7_200_000).toISOString(),
      facilityId: org.facilityId,
      affectedKind: 'unknown',
      description: 'Inbrott i förrådet under natten.',
      policeCalled: true,
      injury: false,
    });

    // The manager: the bell counts the new report; the page says what it is and links to it.
    const manager = await signedIn(org.manager.email);
    await manager.goto('/');
    await expect.poll(() => bell(manager).getAttribute('aria-label')).toBe('Meddelanden, 1 olästa');
    await bell(manager).click();
    await manager.getByRole('heading', { level: 1, name: 'Meddelanden' }).waitFor();
    const notice = manager.getByRole('link', { name: `Ny rapport att ta hand om: ${receipt.reference}` });
    await notice.waitFor();
    expect(await notice.getAttribute('href')).toBe(`/incidents/${receipt.id}`);
    await expectAccessible(manager, 'notifications (manager)');
    await manager
      .getByRole('button', { name: `Markera som läst: Ny rapport att ta hand om: ${receipt.reference}` })
      .click();
    await manager.getByText('Du har läst alla meddelanden.').waitFor();
    await expect.poll(() => bell(manager).getAttribute('aria-label')).toBe('Meddelanden, inga olästa');

    await api(manager, 'POST', `/api/incidents/${receipt.id}/transition`, { to: 'investigating' });
    await api(manager, 'POST', `/api/incidents/${receipt.id}/comments`, {
      body: 'Polisen har varit här.',
      visibility: 'reporter',
    });
    await manager.context().close();

    // The reporter: a notice for each change, linking to their own view of the report.
    await employee.goto('/');
    await expect.poll(() => bell(employee).getAttribute('aria-label')).toBe('Meddelanden, 2 olästa');
    await employee.goto('/notifications');
    const changed = employee.getByRole('link', {
      name: `Din rapport ${receipt.reference} har ändrats från mottagen till utreds`,
    });
    await changed.waitFor();
    expect(await changed.getAttribute('href')).toBe(`/my-reports/${receipt.id}`);
    await employee
      .getByRole('link', { name: `Nytt meddelande om din rapport ${receipt.reference}` })
      .waitFor();
    await employee.getByText('Olästa: 2').waitFor();
    await expectAccessible(employee, 'notifications (reporter)');
    await employee.getByRole('button', { name: 'English' }).click();
    await employee.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await employee
      .getByRole('link', {
        name: `Your report ${receipt.reference} has changed from received to under investigation`,
      })
      .waitFor();
    await expectAccessible(employee, 'notifications (reporter, en)');
    await employee.getByRole('button', { name: 'Mark all as read' }).click();
    await employee.getByText('You have read every notification.').waitFor();
    await expect
      .poll(() =>
        employee
          .getByRole('banner')
          .getByRole('link', { name: /^Notifications, / })
          .getAttribute('aria-label'),
      )
      .toBe('Notifications, none unread');
    await employee.getByRole('button', { name: 'Svenska' }).click();

    // Following a notice opens the reporter's page.
    await employee.getByRole('link', { name: `Nytt meddelande om din rapport ${receipt.reference}` }).click();
    await employee.getByRole('heading', { level: 1, name: `Rapport ${receipt.reference}` }).waitFor();
    await employee.context().close();
  });

  it('says so when there is nothing', async () => {
    const admin = await signedIn(E2E_ADMIN.email, E2E_ADMIN.password);
    await admin.goto('/notifications');
    await admin.getByRole('heading', { level: 2, name: 'Inga meddelanden' }).waitFor();
    await expectAccessible(admin, 'notifications (empty)');
    await admin.context().close();
  });
});
