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

async function signInAsAdmin(page: Page) {
  await page.goto('/login');
  await page.getByLabel('E-postadress').fill(E2E_ADMIN.email);
  await page.getByLabel('Lösenord').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();
}

/** A committee made through the API, as an administrator would. */
async function createCommittee(page: Page, name: string): Promise<string> {
  return page.evaluate(async (committeeName) => {
    const session = await (await fetch('/api/session')).json();
    const root = session.user.roles.find((r: { role: string }) => r.role === 'administrator').organisationId;
    const res = await fetch('/api/organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({
        name: committeeName,
        kind: 'committee',
        committeeType: 'specialist',
        parentId: root,
      }),
    });
    if (res.status !== 201) throw new Error(`creating the committee: ${res.status} ${await res.text()}`);
    return (await res.json()).id as string;
  }, name);
}

const grid = (page: Page, name: string) =>
  page.getByRole('grid', { name }).or(page.getByRole('table', { name }));

describe('the compliance view', () => {
  it('lists a committee without a security coordinator, and an administrator assigns one', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signInAsAdmin(page);
    const committee = 'Nämnden utan samordnare';
    await createCommittee(page, committee);

    await page.getByRole('navigation').getByRole('link', { name: 'Samordnare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Samordnare i nämnder och bolag' }).waitFor();
    const missing = grid(page, 'Organisationer som saknar samordnare i dag');
    await missing.waitFor();
    const row = missing.getByRole('row').filter({ hasText: committee });
    await expect.poll(() => row.count()).toBe(2);
    await expect.poll(() => row.first().textContent()).toContain('Saknas');
    expect(await missing.textContent()).toContain('Säkerhetssamordnare');
    await expectAccessible(page, 'compliance page');
    // The rules behind the list: every committee and company, city-wide.
    const rules = grid(page, 'Regler för vilka samordnare som krävs');
    await expect.poll(() => rules.getByRole('row').filter({ hasText: 'Hela staden' }).count()).toBe(4);

    await row.first().getByRole('link', { name: committee }).click();
    await page.getByRole('heading', { level: 1, name: committee }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Säkerhetssamordnare' }).waitFor();
    await expectAccessible(page, 'organisation coordinators page');

    await page.getByRole('button', { name: 'Tilldela uppdrag' }).click();
    const dialog = page.getByRole('dialog', { name: `Tilldela uppdrag i ${committee}` });
    await dialog.waitFor();
    await expectAccessible(page, 'assign dialog');
    await dialog.getByRole('button', { name: /Uppdrag/ }).click();
    await page.getByRole('option', { name: 'Säkerhetssamordnare' }).click();
    await dialog.getByRole('combobox', { name: 'Person' }).fill('Admin');
    await page.getByRole('option', { name: /Administratör/ }).click();
    await dialog.getByRole('button', { name: 'Tilldela', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'har tilldelats uppdraget som Säkerhetssamordnare' })
      .waitFor();
    const history = grid(page, 'Alla tilldelningar, den senaste först');
    await expect.poll(() => history.textContent()).toContain('Administratör');
    await expect.poll(() => history.textContent()).toContain('Pågår');
    await expectAccessible(page, 'organisation coordinators page after assigning');

    // Back on the list, only the crime-prevention coordinator is missing now.
    await page.getByRole('link', { name: 'Tillbaka till alla samordnare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Samordnare i nämnder och bolag' }).waitFor();
    const after = grid(page, 'Organisationer som saknar samordnare i dag')
      .getByRole('row')
      .filter({ hasText: committee });
    await expect.poll(() => after.count()).toBe(1);
    expect(await after.textContent()).toContain('Brottsförebyggande samordnare');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Coordinators in committees and companies' }).waitFor();
    await grid(page, 'Organisations that lack a coordinator today').waitFor();
    await expectAccessible(page, 'compliance page (en)');
    await context.close();
  });
});
