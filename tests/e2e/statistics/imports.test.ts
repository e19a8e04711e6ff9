import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signInOverApi } from '../incidents/support.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;
const analyst = { email: 'analytiker@e2e.local', password: 'Hemligt-ord-2026!' };

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
      features: [
        {
          type: 'Feature',
          properties: { name: 'RINKEBY' },
          geometry: { type: 'Polygon', coordinates: square(17.92, 59.38) },
        },
        {
          type: 'Feature',
          properties: { name: 'TENSTA' },
          geometry: { type: 'Polygon', coordinates: square(17.89, 59.39) },
        },
      ],
    }),
    level: 'neighbourhood',
    nameProperty: 'name',
  };
  const preview = await admin.expect<{ token: string }>(200, 'POST', '/api/areas/imports/preview', input);
  await admin.expect(201, 'POST', '/api/areas/imports', { ...input, previewToken: preview.token });
  await admin.expect(201, 'POST', '/api/users', {
    ...analyst,
    name: 'Ada Analytiker',
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

async function choose(page: Page, card: string, name: string, text: string) {
  await page
    .getByRole('region', { name: card })
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

describe('statistics imports in the browser', () => {
  it('an analyst uploads population with a bad row, sees the error on that line, fixes it and sees the summary and the history row', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, analyst);
    await page.goto('/statistics');
    await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor();
    await page.getByRole('heading', { name: 'Inga importer ännu' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /Polisens händelser/ }).count()).toBe(1);
    await expectAccessible(page, '/statistics (empty)');

    const population = page.getByRole('region', { name: 'Befolkning' });
    // The template is there to download.
    const template = await page.request.get('/api/statistics/templates/population');
    expect(template.status()).toBe(200);
    expect((await template.text()).startsWith('\ufeffyear;area;gender;age_band;count')).toBe(true);

    const bad =
      'year;area;gender;age_band;count\n2024;Rinkeby;kvinna;0-15;812\n2024;Rinkeby;man;0-15;åtta\n2024;TENSTA;woman;80+;97\n';
    await choose(page, 'Befolkning', 'befolkning.csv', bad);
    await expect.poll(() => population.getByText('befolkning.csv').count()).toBe(1);
    // Keyboard: the import button is reached and pressed without the mouse.
    await population.getByRole('button', { name: 'Importera befolkning' }).focus();
    await page.keyboard.press('Enter');
    const failed = population.getByRole('alert').filter({ hasText: 'Ingenting importerades' });
    await failed.waitFor();
    await expect.poll(() => failed.textContent()).toContain('Filen har 1 fel');
    const errors = population.getByRole('table', { name: 'Fel i befolkning.csv' });
    const errorRows = errors.getByRole('row');
    await expect.poll(() => errorRows.count()).toBe(2);
    expect(await errorRows.nth(1).getByRole('cell').allTextContents()).toEqual([
      '3',
      'count',
      'Write a whole number, 0 or more',
    ]);
    await expectAccessible(page, '/statistics (row errors)');

    // Fixed and uploaded again: the summary, and the import in the history.
    await choose(page, 'Befolkning', 'befolkning.csv', bad.replace(';åtta', ';799'));
    await population.getByRole('button', { name: 'Importera befolkning' }).click();
    const done = population.getByRole('status').filter({ hasText: 'Importen är klar' });
    await done.waitFor();
    expect(await done.textContent()).toContain('befolkning.csv: 3 rader – 3 nya, 0 ändrade, 0 oförändrade.');
    const history = page.getByRole('table', { name: 'Alla importer av statistik, senaste först' });
    await expect.poll(() => history.getByRole('row').count()).toBe(2);
    const cells = await history.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells.slice(1, 6)).toEqual(['Befolkning', 'befolkning.csv', 'Ada Analytiker', '3', '3 / 0 / 0']);
    const coverage = page.getByRole('table', { name: 'Importerad statistik per slag' });
    const populationRow = coverage.getByRole('row').filter({ hasText: 'Befolkning' });
    expect(await populationRow.getByRole('cell').nth(2).textContent()).toBe('3');
    await expectAccessible(page, '/statistics (done)');

    // The same page in English is accessible too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
    await expectAccessible(page, '/statistics (English)');
    await context.close();
  }, 120_000);
});
