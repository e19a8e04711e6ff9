import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';
import { api, createOrganisation, type Org, signIn } from './support.ts';

let server: TestServer;
let browser: Browser;
let first: Org;
let second: Org;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  first = await createOrganisation(page, 'Forsta');
  second = await createOrganisation(page, 'Andra');
  // The first committee's employee also works in the second one.
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await api(page, 'POST', `/api/users/${first.employee.id}/roles`, {
    role: 'employee',
    organisationId: second.committeeId,
  });
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const group = (page: Page, name: string) => page.getByRole('radiogroup', { name, exact: true });

async function pick(page: Page, groupName: string, option: string) {
  await group(page, groupName).getByText(option, { exact: true }).click();
}

describe('a reporter with roles in two organisations', () => {
  it('chooses which one the report concerns, and it goes to that organisation', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await signIn(page, first.employee.email);
    await page.goto('/report');
    await page.getByRole('heading', { level: 1, name: 'Rapportera en händelse' }).waitFor();

    await pick(page, 'Vilken sorts händelse?', 'Brott och ordningsstörning');
    await pick(page, 'Typ av händelse', 'Stöld');
    await page.getByRole('textbox', { name: 'Adress eller plats' }).fill('Entrén på Storgatan 3');
    const choice = page.getByRole('button', { name: /Verksamhet som rapporten gäller/ });
    await choice.click();
    await page.getByRole('option', { name: 'Andranämnden' }).click();
    await expect.poll(() => choice.textContent()).toContain('Andranämnden');
    await expectAccessible(page, 'report form with the organisation choice');
    await pick(page, 'Den som drabbades var', 'Anställd');
    await page.getByRole('textbox', { name: /Beskriv vad som hände/ }).fill('En cykel stals vid entrén.');
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    await page
      .getByText(/H-\d{4}-\d{6,}/)
      .first()
      .waitFor();

    // The second committee's manager has it; the first committee's does not.
    const mine = await api<{ items: { id: string; organisationName: string }[] }>(
      page,
      'GET',
      '/api/incidents?scope=mine',
    );
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]!.organisationName).toBe('Andranämnden');
    const id = mine.items[0]!.id;
    await api(page, 'POST', '/api/auth/logout', {});
    await signIn(page, second.manager.email);
    const secondList = await api<{ items: { id: string }[] }>(page, 'GET', '/api/incidents');
    expect(secondList.items.map((i) => i.id)).toContain(id);
    await api(page, 'POST', '/api/auth/logout', {});
    await signIn(page, first.manager.email);
    const firstList = await api<{ items: { id: string }[] }>(page, 'GET', '/api/incidents');
    expect(firstList.items.map((i) => i.id)).not.toContain(id);
    await context.close();
  });

  it('is not asked of someone with one organisation', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await signIn(page, second.employee.email);
    await page.goto('/report');
    await group(page, 'Vilken sorts händelse?').waitFor();
    expect(await page.getByRole('button', { name: /Verksamhet som rapporten gäller/ }).count()).toBe(0);
    await context.close();
  });
});
