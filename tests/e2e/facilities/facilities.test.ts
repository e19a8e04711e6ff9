import type { Browser, Page } from 'playwright-core';
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

/** A facility made through the API, owned by the administrator's organisation (the municipality). */
async function createFacility(page: Page, body: Record<string, unknown>): Promise<void> {
  const status = await page.evaluate(async (input) => {
    const session = await (await fetch('/api/session')).json();
    const organisationId = session.user.roles[0].organisationId;
    const res = await fetch('/api/facilities', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ organisationId, ...input }),
    });
    return res.status;
  }, body);
  expect(status).toBe(201);
}

const grid = (page: Page, name: string) =>
  page.getByRole('grid', { name, exact: true }).or(page.getByRole('table', { name, exact: true }));

describe('the facilities page', () => {
  it('lists facilities in a filterable table beside the map, and an administrator adds one', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill(E2E_ADMIN.email);
    await page.getByLabel('Lösenord').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();
    await createFacility(page, { name: 'Förskolan Ekorren', type: 'preschool', lat: 59.33, lon: 18.06 });
    await createFacility(page, {
      name: 'Fritidsgården Ugglan',
      type: 'youth_centre',
      streetAddress: 'Storgatan 1',
    });

    await page.getByRole('navigation').getByRole('link', { name: 'Anläggningar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stadens anläggningar' }).waitFor();
    const table = grid(page, 'Anläggningar');
    await table.waitFor();
    await expect.poll(() => table.textContent()).toContain('Förskolan Ekorren');
    expect(await table.textContent()).toContain('Fritidsgården Ugglan');
    await page.getByText('Antal anläggningar: 2').waitFor();
    await page.getByText('1 av anläggningarna saknar koordinater').waitFor();
    await expectAccessible(page, 'facilities page');

    await page.getByRole('button', { name: /Typ$/ }).click();
    await page.getByRole('option', { name: 'Fritidsgård' }).click();
    await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
    await page.getByText('Antal anläggningar: 1').waitFor();
    expect(await table.textContent()).not.toContain('Förskolan Ekorren');
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await page.getByText('Antal anläggningar: 2').waitFor();

    await page.getByRole('button', { name: 'Lägg till anläggning' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lägg till anläggning' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Namn' }).fill('Biblioteket Boken');
    await dialog.getByRole('button', { name: /Typ$/ }).click();
    await page.getByRole('option', { name: 'Bibliotek' }).click();
    await dialog.getByRole('button', { name: /Organisation som äger anläggningen$/ }).click();
    await page.getByRole('option').first().click();
    await dialog.getByRole('textbox', { name: 'Latitud (WGS84)' }).fill('59,34');
    await dialog.getByRole('textbox', { name: 'Longitud (WGS84)' }).fill('18,07');
    await expectAccessible(page, 'add facility dialog');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: 'Biblioteket Boken har lagts till.' }).waitFor();
    await expect.poll(() => table.textContent()).toContain('Biblioteket Boken');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: "The city's facilities" }).waitFor();
    await expectAccessible(page, 'facilities page (en)');
    await context.close();
  });
});
