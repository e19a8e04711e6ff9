import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../incidents/support.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { EXPECTED, type PictureCity, seedPictureCity } from './support/seed.ts';

let server: TestServer;
let browser: Browser;
let city: PictureCity;
let openContext: BrowserContext | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  city = await seedPictureCity(server);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function pdfText(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: bytes, verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += `${content.items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
  }
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  await pdf.destroy();
  return { text, info };
}

async function coordinatorPage(): Promise<{ page: Page; problems: string[] }> {
  // One context at a time: the previous test's page (and its polling) ends with it.
  await openContext?.close();
  const context = await newContext(browser, server.baseUrl);
  openContext = context;
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await signIn(page, city.prevention);
  return { page, problems };
}

describe('exporting a situational picture', () => {
  it('downloads the PDF from the explore page with the keyboard; it holds the three §4 headings', async () => {
    const { page, problems } = await coordinatorPage();
    const { period } = EXPECTED;
    await page.goto(`/pictures/explore?areas=${city.skarholmen.id}&from=${period.from}&to=${period.to}`);
    await page.getByRole('heading', { level: 2, name: '1. Kartläggning av brottsligheten' }).waitFor();

    const trigger = page.getByRole('button', { name: 'Exportera' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    // The menu is labelled by its trigger.
    const menu = page.getByRole('menu', { name: 'Exportera' });
    await menu.waitFor();
    for (const name of [
      'PDF för nämndmöte',
      'Excel (XLSX), alla tabeller',
      'CSV, en lång tabell',
      'GeoJSON, siffror per område',
      'Öppna data (zip, skyddade siffror)',
    ])
      await menu.getByRole('menuitem', { name }).waitFor();
    await expectAccessible(page, 'export menu open');

    const download = page.waitForEvent('download');
    // The first item (PDF) has focus when the menu opens from the keyboard.
    await expect
      .poll(() =>
        menu
          .getByRole('menuitem', { name: 'PDF för nämndmöte' })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);

    // The live region says it is ready and keeps a link for whoever missed the download.
    const status = page.getByRole('status').filter({ hasText: 'PDF är klar' });
    await status.waitFor();
    await status.getByRole('link', { name: /^Ladda ner .*\.pdf$/ }).waitFor();
    await expectAccessible(page, 'export done');

    const pdf = await pdfText(new Uint8Array(fs.readFileSync(await file.path())));
    for (const heading of ['1. Kartläggning av brottsligheten', '2. Annan relevant information', '3. Analys'])
      expect(pdf.text).toContain(heading);
    expect(pdf.text).toContain('Källor och täckning');
    expect(String(pdf.info.Title)).toMatch(/^Lägesbild/);
    expect(pdf.info.Language).toBe('sv-SE');
    // A suppressed cell prints as "<5" (Skärholmen's 3 reports of vandalism).
    expect(pdf.text).toContain('<5');
    expect(problems).toEqual([]);
  });

  it('downloads the spreadsheet with the mouse', async () => {
    const { page, problems } = await coordinatorPage();
    const { period } = EXPECTED;
    await page.goto(`/pictures/explore?areas=${city.skarholmen.id}&from=${period.from}&to=${period.to}`);
    await page.getByRole('heading', { level: 2, name: '1. Kartläggning av brottsligheten' }).waitFor();
    await page.getByRole('button', { name: 'Exportera' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Excel (XLSX), alla tabeller' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = fs.readFileSync(await file.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(problems).toEqual([]);
  });
});
