import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DATA = path.resolve(REPO, '../shared/data/stockholm');
const GEOJSON = path.join(DATA, 'stadsdelar.geo.json');
const CSV = path.join(DATA, 'stadsdelar.csv');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  for (const file of [GEOJSON, CSV]) {
    if (!fs.existsSync(file))
      throw new Error(`The Stockholm test data is missing: ${file} (shared/data/stockholm)`);
  }
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('E-postadress').fill(E2E_ADMIN.email);
  await page.getByLabel('Lösenord').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();
}

describe('areas', () => {
  it('lets an administrator import the real areas file with its district areas, then shows all 117 on the map and in the list', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    await signIn(page);

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Områden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Områden' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Inga områden ännu' }).waitFor();
    await expectAccessible(page, 'areas page, empty');

    // A file with an error first: the preview lists it and offers no import.
    await page.getByLabel('GeoJSON-fil').setInputFiles({
      name: 'fel.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { name: 'ÖPPEN' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [18, 59.3],
                    [18.01, 59.3],
                    [18.01, 59.31],
                  ],
                ],
              },
            },
          ],
        }),
      ),
    });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Förhandsgranskning av fel.geojson' }).waitFor();
    const issues = page.getByRole('grid', { name: 'Fel och varningar i filen' });
    await expect.poll(() => issues.textContent()).toContain('ringen slutar inte där den börjar');
    expect(await page.getByRole('button', { name: 'Importera', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'areas import preview with errors');
    await page.getByRole('button', { name: 'Börja om' }).click();

    // The real file and its CSV.
    await page.getByLabel('GeoJSON-fil').setInputFiles(GEOJSON);
    await page.getByLabel('Fil med överordnade områden (valfri)').setInputFiles(CSV);
    await page.getByLabel('Nivå för de överordnade områdena').waitFor();
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Förhandsgranskning av stadsdelar.geo.json' }).waitFor();
    const main = page.getByRole('main');
    await expect.poll(() => main.textContent()).toContain('117 områden i filen: 117 nya');
    expect(await main.textContent()).toContain(
      '13 överordnade områden på nivån Stadsdelsområde, varav 13 nya',
    );
    await expectAccessible(page, 'areas import preview');

    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await page.getByText('Områdena är importerade').waitFor();
    await expect.poll(() => main.textContent()).toContain('117 nya, 0 ändrade');

    // The map (its canvas) and the list: 1 + 13 + 117 areas, 117 of them neighbourhoods.
    await page.locator('[data-testid="map-view"] canvas').waitFor();
    await expect.poll(() => main.textContent()).toContain('131 av 131 områden visas.');
    await page.getByRole('button', { name: /Nivå/ }).click();
    await page.getByRole('option', { name: 'Stadsdel', exact: true }).click();
    await expect.poll(() => main.textContent()).toContain('117 av 131 områden visas.');
    const list = page.getByRole('grid', { name: 'Områden' });
    // Header row plus one row per neighbourhood.
    await expect.poll(() => list.getByRole('row').count()).toBe(118);
    await expectAccessible(page, 'areas page with the map and the list');

    // Choosing a row highlights the area (announced); the keyboard reaches the list.
    await list.getByRole('row', { name: /^RINKEBY/ }).click();
    await expect.poll(() => main.textContent()).toContain('Valt område: RINKEBY (Stadsdel).');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the areas to a signed-in user in English, without the import', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto('/areas');
    await page.getByRole('heading', { level: 1, name: 'Areas' }).waitFor();
    await page.getByRole('grid', { name: 'Areas' }).waitFor();
    await page.locator('[data-testid="map-view"] canvas').waitFor();
    await expectAccessible(page, 'areas page (en)');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await context.close();
  });
});
