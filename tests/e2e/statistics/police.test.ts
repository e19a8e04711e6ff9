import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { feedEvent } from '../../support/police.ts';
import { signIn, signInOverApi } from '../incidents/support.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';

// A page with the mapping table of ~95 rows, an upload task and several reloads.
vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;
let browser: Browser;
const analyst = { email: 'polis-analytiker@e2e.local', password: 'Hemligt-ord-2026!' };

const square = (lon: number, lat: number) => [
  [
    [lon, lat],
    [lon + 0.02, lat],
    [lon + 0.02, lat + 0.01],
    [lon, lat + 0.01],
    [lon, lat],
  ],
];

/** Two neighbourhoods (Rinkeby, Tensta) and an analyst at the municipality, set up over the API. */
async function setUp(): Promise<void> {
  const admin = await signInOverApi(server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
  const session = await admin.expect<{ user: { roles: { role: string; organisationId: string }[] } }>(
    200,
    'GET',
    '/api/session',
  );
  const root = session.user.roles.find((r) => r.role === 'administrator')!.organisationId;
  const input = {
    fileName: 'stadsdelar.geojson',
    geojson: JSON.stringify({
      type: 'FeatureCollection',
      features: ['RINKEBY', 'TENSTA'].map((name, i) => ({
        type: 'Feature',
        properties: { name },
        geometry: { type: 'Polygon', coordinates: square(17.89 + i * 0.03, 59.38) },
      })),
    }),
    level: 'neighbourhood',
    nameProperty: 'name',
  };
  const preview = await admin.expect<{ token: string }>(200, 'POST', '/api/areas/imports/preview', input);
  await admin.expect(201, 'POST', '/api/areas/imports', { ...input, previewToken: preview.token });
  await admin.expect(201, 'POST', '/api/users', {
    ...analyst,
    name: 'Polly Analytiker',
    role: 'city_analyst',
    organisationId: root,
  });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  await setUp();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const slice = [
  feedEvent(301, { summary: 'Skottlossning vid Rinkeby torg.', type: 'Skottlossning' }),
  feedEvent(302, { summary: 'En man misshandlades i Tensta centrum.' }),
  feedEvent(303, { summary: 'Lugn natt i Tensta.', type: 'Sammanfattning natt' }),
  feedEvent(304, { summary: 'En cykel stals.', type: 'Cykelstöld på prov' }),
  feedEvent(305, { location: 'Uppsala', name: '12 mars 21.14, Brand, Uppsala', type: 'Brand' }),
];

describe('police events in the browser', () => {
  it('an analyst uploads a slice of the feed, sees the summary, reviews the placement and edits a mapping', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, analyst);
    await page.goto('/statistics/police');
    await page.getByRole('heading', { level: 1, name: 'Polisens händelser' }).waitFor();
    await page.getByRole('table', { name: 'Polisens händelsetyper och deras koppling' }).waitFor();
    await expectAccessible(page, '/statistics/police (empty)');

    const upload = page.getByRole('region', { name: 'Ladda upp en fil' });
    await upload.locator('input[type="file"]').setInputFiles({
      name: 'slice.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(slice)),
    });
    await expect.poll(() => upload.getByText('slice.json').count()).toBe(1);
    await upload.getByRole('button', { name: 'Importera händelserna' }).focus();
    await page.keyboard.press('Enter');
    const done = upload.getByRole('status').filter({ hasText: 'Importen är klar' });
    await done.waitFor();
    const text = await done.textContent();
    expect(text).toContain('slice.json: 5 händelser – 5 nya, 0 ändrade, 0 oförändrade.');
    expect(text).toContain('I kommunen: 4, varav 1 inte kunde placeras under kommunnivå.');
    expect(text).toContain('Cykelstöld på prov');

    // The unmapped type is listed, and the review shows where events were placed.
    const unmapped = page.getByRole('table', { name: 'Polisens typer utan koppling' });
    await expect.poll(() => unmapped.getByRole('row').count()).toBe(2);
    const review = page.getByRole('table', { name: 'Kommunens händelser och deras placering' });
    await expect.poll(() => review.getByRole('row').count()).toBe(5);
    await page.getByLabel('Nivå').selectOption('neighbourhood');
    await expect.poll(() => review.getByRole('row').count()).toBe(4);
    await expect.poll(() => review.getByRole('cell', { name: 'RINKEBY', exact: true }).count()).toBe(1);
    await expectAccessible(page, '/statistics/police (imported)');

    // "Sammanfattning natt" is not counted; the analyst makes it counted and saves.
    const row = page.getByRole('row', { name: /Sammanfattning natt/ });
    const counted = row.getByRole('checkbox', { name: 'Sammanfattning natt: Räknas' });
    expect(await counted.isChecked()).toBe(false);
    await counted.check({ force: true });
    await row.getByRole('button', { name: 'Spara Sammanfattning natt' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Kopplingen för Sammanfattning natt är sparad.' })
      .waitFor();
    await expect
      .poll(async () =>
        page
          .getByRole('row', { name: /Sammanfattning natt/ })
          .getByRole('checkbox', { name: 'Sammanfattning natt: Räknas' })
          .isChecked(),
      )
      .toBe(true);
    // Saved on the server too.
    const res = await page.request.get('/api/statistics/police/mappings');
    const mapping = ((await res.json()) as { items: { policeType: string; counted: boolean }[] }).items.find(
      (m) => m.policeType === 'Sammanfattning natt',
    );
    expect(mapping?.counted).toBe(true);
    await context.close();
  });
});
