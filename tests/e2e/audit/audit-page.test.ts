import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the audit log page', () => {
  it('lists sign-ins and filters them, and a user without the right sees no link to it', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill(E2E_ADMIN.email);
    await page.getByLabel('Lösenord').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Granskningslogg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
    const table = page
      .getByRole('grid', { name: 'Granskningshändelser' })
      .or(page.getByRole('table', { name: 'Granskningshändelser' }));
    await table.waitFor();
    await expect.poll(() => table.textContent()).toContain('auth.signed_in');
    await expectAccessible(page, 'audit page');

    await page.getByLabel('Händelsetyp').fill('user.created');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await expect.poll(() => table.textContent()).toContain('user.created');
    await expect.poll(async () => (await table.textContent())?.includes('auth.signed_in')).toBe(false);

    await page.getByLabel('Händelsetyp').fill('no.such.action');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await page.getByText('Inga händelser matchar filtret').waitFor();
    await expectAccessible(page, 'audit page, empty result');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await expectAccessible(page, 'audit page (en)');

    // An employee created by the administrator sees neither the link nor the page.
    const employee = { email: 'employee@e2e.local', password: 'staff-secret-pass-1' };
    const created = await page.evaluate(async (input) => {
      const session = await (await fetch('/api/session')).json();
      const org = session.user.roles[0].organisationId;
      const res = await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ ...input, name: 'Eva Medarbetare', role: 'employee', organisationId: org }),
      });
      return res.status;
    }, employee);
    expect(created).toBe(201);
    await context.close();

    const other = await newContext(browser, server.baseUrl);
    const page2 = await other.newPage();
    await page2.goto('/login');
    await page2.getByLabel('E-postadress').fill(employee.email);
    await page2.getByLabel('Lösenord').fill(employee.password);
    await page2.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page2.getByRole('heading', { level: 1, name: 'Välkommen, Eva Medarbetare' }).waitFor();
    expect(await page2.getByRole('navigation').getByRole('link', { name: 'Granskningslogg' }).count()).toBe(
      0,
    );
    await page2.goto('/audit');
    await page2.getByRole('heading', { level: 1, name: 'Du saknar behörighet' }).waitFor();
    await expectAccessible(page2, 'audit page refused to an employee');
    await other.close();
  });
});
