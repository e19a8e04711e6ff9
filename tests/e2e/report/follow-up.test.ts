import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { api, createOrganisation, type Org, signIn } from './support.ts';

let server: TestServer;
let browser: Browser;
let org: Org;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const context = await newContext(browser, server.baseUrl);
  org = await createOrganisation(await context.newPage(), 'Uppfoljning');
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(email: string): Promise<Page> {
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  await page.goto('/login');
  await signIn(page, email);
  return page;
}

async function typeId(page: Page, code: string): Promise<string> {
  const taxonomy = await api<{ types: { id: string; code: string }[] }>(
    page,
    'GET',
    '/api/incident-taxonomy',
  );
  return taxonomy.types.find((t) => t.code === code)!.id;
}

describe("the reporter's follow-up", () => {
  it("lists my reports with their state in words, shows the handler's changes and messages, and takes my answer", async () => {
    const employee = await signedIn(org.employee.email);
    const receipt = await api<{ id: string; reference: string }>(employee, 'POST', '/api/incidents', {
      typeId: await typeId(employee, 'theft'),
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      facilityId: org.facilityId,
      affectedKind: 'employee',
      description: 'Min cykel stals från cykelstället.',
      policeCalled: false,
      injury: false,
    });

    const manager = await signedIn(org.manager.email);
    await api(manager, 'POST', `/api/incidents/${receipt.id}/transition`, { to: 'investigating' });
    await api(manager, 'POST', `/api/incidents/${receipt.id}/comments`, {
      body: 'Vi har pratat med vaktbolaget om kameran.',
      visibility: 'reporter',
    });
    await api(manager, 'POST', `/api/incidents/${receipt.id}/comments`, {
      body: 'Intern anteckning som reportern inte ska se.',
      visibility: 'internal',
    });
    await manager.context().close();

    await employee.goto('/my-reports');
    await employee.getByRole('heading', { level: 1, name: 'Mina rapporter' }).waitFor();
    const link = employee.getByRole('link', { name: new RegExp(`Stöld, ${receipt.reference}, Utreds`) });
    await link.waitFor();
    await employee.getByText('Antal visade rapporter: 1').waitFor();
    await expectAccessible(employee, 'my reports');

    await link.click();
    await employee.getByRole('heading', { level: 1, name: `Rapport ${receipt.reference}` }).waitFor();
    const timeline = employee.getByRole('region', { name: 'Vad har hänt sedan du rapporterade?' });
    await expect.poll(() => timeline.textContent()).toContain('Ändrad från Mottagen till Utreds');
    expect(await timeline.textContent()).toContain('Vi har pratat med vaktbolaget om kameran.');
    expect(await timeline.textContent()).not.toContain('Intern anteckning');
    expect(await employee.getByText('Min cykel stals från cykelstället.').count()).toBe(1);
    await expectAccessible(employee, 'my report');

    await employee.getByRole('textbox', { name: 'Ditt meddelande' }).fill('Tack! Cykeln var blå.');
    await employee.getByRole('button', { name: 'Skicka meddelandet' }).click();
    await employee.getByText('Ditt meddelande är skickat.').waitFor();
    await expect.poll(() => timeline.textContent()).toContain('Tack! Cykeln var blå.');

    await employee.getByRole('button', { name: 'English' }).click();
    await employee.getByRole('heading', { level: 1, name: `Report ${receipt.reference}` }).waitFor();
    const timelineEn = employee.getByRole('region', { name: 'What has happened since you reported?' });
    await expect
      .poll(() => timelineEn.textContent())
      .toContain('Changed from Received to Under investigation');
    await expectAccessible(employee, 'my report (en)');
    await employee.getByRole('link', { name: 'Back to my reports' }).click();
    await employee.getByRole('heading', { level: 1, name: 'My reports' }).waitFor();
    await expectAccessible(employee, 'my reports (en)');
    await employee.getByRole('button', { name: 'Svenska' }).click();
    await employee.context().close();
  });

  it("records an observation near a facility, which then shows on the facility's page", async () => {
    const page = await signedIn(org.employee.email);
    await page.goto('/observations/new');
    await page.getByRole('heading', { level: 1, name: 'Iakttagelse nära verksamheten' }).waitFor();
    await expectAccessible(page, 'observation form');
    await page.getByRole('button', { name: 'Spara iakttagelsen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Välj anläggningen.' }).waitFor();

    await page.getByRole('combobox', { name: 'Anläggning' }).fill('Förskolan Upp');
    await page.getByRole('option', { name: new RegExp(org.facilityName) }).click();
    const types = page.getByRole('radiogroup', { name: 'Vad såg du?' });
    await types.getByText('Öppen narkotikaförsäljning', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Kort beskrivning' }).fill('Två personer sålde vid grinden.');
    await page.getByRole('button', { name: 'Spara iakttagelsen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tack! Iakttagelsen är sparad' }).waitFor();
    await expectAccessible(page, 'observation receipt');

    await page.getByRole('link', { name: `Visa iakttagelserna nära ${org.facilityName}` }).click();
    await page.getByRole('heading', { level: 1, name: `Iakttagelser nära ${org.facilityName}` }).waitFor();
    await page.getByText('Antal iakttagelser under perioden: 1').waitFor();
    const list = page.getByRole('region', { name: 'Alla iakttagelser, senaste först' });
    await expect.poll(() => list.textContent()).toContain('Öppen narkotikaförsäljning');
    expect(await list.textContent()).toContain('Två personer sålde vid grinden.');
    const chart = page.getByRole('img', { name: /Iakttagelser per månad\. Totalt 1/ });
    await chart.waitFor();
    await page.getByText('Visa uppgifterna som tabell').click();
    await page.getByRole('table').getByRole('columnheader', { name: 'Öppen narkotikaförsäljning' }).waitFor();
    await expectAccessible(page, 'facility observations');

    // The facilities page links to it.
    await page.goto('/facilities');
    await page.getByRole('link', { name: `Iakttagelser nära ${org.facilityName}` }).click();
    await page.getByRole('heading', { level: 1, name: `Iakttagelser nära ${org.facilityName}` }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Observations near ${org.facilityName}` }).waitFor();
    await expectAccessible(page, 'facility observations (en)');
    await page.goto('/observations/new');
    await page.getByRole('heading', { level: 1, name: 'Observation near your workplace' }).waitFor();
    await expectAccessible(page, 'observation form (en)');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.context().close();
  });
});
