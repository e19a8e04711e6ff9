import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type City, createCity, grid, signIn, signInOverApi } from './support.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DATA = path.resolve(REPO, '../shared/data/stockholm');
const GEOJSON = path.join(DATA, 'stadsdelar.geo.json');
const CSV = path.join(DATA, 'stadsdelar.csv');

let server: TestServer;
let browser: Browser;
let city: City;

beforeAll(async () => {
  for (const file of [GEOJSON, CSV]) {
    if (!fs.existsSync(file))
      throw new Error(`The Stockholm test data is missing: ${file} (shared/data/stockholm)`);
  }
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  city = await createCity(server);
  await importAreas();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Stockholm's districts, through the API as an administrator would import them. */
async function importAreas() {
  const input = {
    fileName: 'stadsdelar.geo.json',
    geojson: fs.readFileSync(GEOJSON, 'utf8'),
    level: 'neighbourhood',
    nameProperty: 'name',
    parentCsv: fs.readFileSync(CSV, 'utf8'),
    parentFileName: 'stadsdelar.csv',
  };
  const preview = await city.admin.expect<{ token: string; valid: boolean }>(
    200,
    'POST',
    '/api/areas/imports/preview',
    input,
  );
  expect(preview.valid).toBe(true);
  await city.admin.expect(201, 'POST', '/api/areas/imports', { ...input, previewToken: preview.token });
}

const THEFTS = 53;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** 53 thefts, graffiti at a preschool and a threat, the last two with a place on the map. */
async function seedIncidents(): Promise<{ graffiti: string; threat: string }> {
  const sam = await signInOverApi(server.baseUrl, city.coordinatorA.email, city.coordinatorA.password);
  const areas = await sam.expect<{
    features: { properties: { name: string; labelPoint: [number, number] } }[];
  }>(200, 'GET', '/api/areas/geojson?level=neighbourhood');
  const [first, second] = areas.features.map((f) => f.properties.labelPoint);
  expect(first && second).toBeTruthy();
  const base = { organisationId: city.committeeA, unitId: city.unitA, affectedKind: 'unknown' };
  const reports = [
    ...Array.from({ length: THEFTS }, (_, i) => ({
      ...base,
      externalId: `stold-${i}`,
      typeCode: 'theft',
      occurredAt: hoursAgo(100 + i),
      description: `Stöld av cykel nummer ${i + 1} vid personalingången.`,
    })),
    {
      ...base,
      externalId: 'klotter',
      typeCode: 'vandalism',
      occurredAt: hoursAgo(2),
      location: { lat: first![1], lon: first![0] },
      description: 'Klotter på förskolan Ängens staket och en krossad ruta.',
    },
    {
      ...base,
      externalId: 'hot',
      typeCode: 'threat_employee',
      occurredAt: hoursAgo(3),
      affectedKind: 'employee',
      location: { lat: second![1], lon: second![0] },
      description: 'Hot mot personal i receptionen av en besökare.',
    },
  ];
  const result = await sam.expect<{ items: { externalId: string; reference: string }[] }>(
    200,
    'POST',
    '/api/incidents/batch',
    { system: 'e2e', reports },
  );
  const ref = (id: string) => result.items.find((i) => i.externalId === id)!.reference;
  return { graffiti: ref('klotter'), threat: ref('hot') };
}

const summary = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

describe('the incident list, search, map and export', () => {
  it('pages, searches in Swedish, keeps the filter in the address, maps and exports', async () => {
    const refs = await seedIncidents();
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, city.coordinatorA);
    await page.getByRole('link', { name: 'Till händelserna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Händelser att hantera' }).waitFor();
    const table = grid(page, 'Händelser, den senaste först');

    // A page of 50, then the rest.
    await summary(page, 'Visar 50 händelser. Det finns fler.').waitFor();
    expect(await table.getByRole('row').count()).toBe(51);
    await expectAccessible(page, 'incident list');
    await page.getByRole('button', { name: 'Visa fler' }).click();
    await summary(page, `Visar ${THEFTS + 2} händelser. Alla visas.`).waitFor();
    expect(await page.getByRole('button', { name: 'Visa fler' }).count()).toBe(0);

    // Free text: accents do not matter ("angens" finds "Ängens").
    const search = page.getByRole('searchbox', { name: 'Sök i texten' });
    await search.fill('angens');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await summary(page, 'Visar 1 händelse. Alla visas.').waitFor();
    const row = table.getByRole('row').filter({ hasText: refs.graffiti });
    expect(await row.textContent()).toContain('Skadegörelse eller klotter');
    expect(new URL(page.url()).searchParams.get('q')).toBe('angens');

    // A small misspelling is found too, and the filter survives a reload (it lives in the address).
    await search.fill('klottter');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('klottter');
    await page.reload();
    await summary(page, 'Visar 1 händelse. Alla visas.').waitFor();
    expect(await search.inputValue()).toBe('klottter');
    await table.getByRole('row').filter({ hasText: refs.graffiti }).waitFor();

    // Nothing closed: the empty state says what to do.
    await search.fill('');
    const closed = page.getByRole('checkbox', { name: 'Avslutad' });
    await closed.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => closed.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByRole('heading', { name: 'Inga händelser' }).waitFor();
    await page.getByText('Inga händelser matchar filtret. Ändra eller rensa filtret.').waitFor();
    await expectAccessible(page, 'incident list, empty');
    expect(new URL(page.url()).searchParams.get('state')).toBe('closed');
    await page.goBack();
    await summary(page, 'Visar 1 händelse. Alla visas.').waitFor();
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await summary(page, 'Visar 50 händelser. Det finns fler.').waitFor();

    // The need-to-know ones, from the start page's card.
    await page.getByRole('link', { name: 'Trygg – till startsidan' }).click();
    await page.getByRole('link', { name: 'Till händelser som kräver behörighet' }).click();
    await summary(page, 'Visar 1 händelse. Alla visas.').waitFor();
    const threat = table.getByRole('row').filter({ hasText: refs.threat });
    expect(await threat.textContent()).toContain('Behörighet krävs');

    // Export what the filter shows; the page says exports are logged.
    await page.getByText('Varje export registreras i loggen.').waitFor();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ladda ner CSV' }).click(),
    ]);
    expect(csv.url()).toContain('needToKnow=true');
    const csvText = fs.readFileSync((await csv.path())!, 'utf8');
    const lines = csvText.trim().split(/\r?\n/);
    expect(lines[0]).toContain('Referens');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(refs.threat);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ladda ner Excel (XLSX)' }).click(),
    ]);
    expect(
      fs
        .readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const exports = await city.admin.expect<{ items: { action: string }[] }>(
      200,
      'GET',
      '/api/audit-events?action=incidents.exported',
    );
    expect(exports.items).toHaveLength(2);

    // The same filter on the map, with the points as a table too.
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await page.getByRole('tab', { name: 'Karta' }).click();
    await summary(page, '2 händelser med position visas på kartan.').waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('map');
    await page.getByTestId('map-view').waitFor();
    await page.getByText('Visa kartans händelser som tabell').click();
    const points = page.getByRole('table', { name: 'Händelserna på kartan' });
    await expect.poll(() => points.getByRole('row').count()).toBe(3);
    expect(await points.textContent()).toContain('Skadegörelse eller klotter');
    await expectAccessible(page, 'incident map');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Incidents to handle' }).waitFor();
    await summary(page, '2 incidents with a position are shown on the map.').waitFor();
    await expectAccessible(page, 'incident map (en)');
    await page.getByRole('tab', { name: 'List' }).click();
    await summary(page, 'Showing 50 incidents. There are more.').waitFor();
    await expectAccessible(page, 'incident list (en)');
    await context.close();
  }, 120_000);
});
