import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { chooseRadio, createOrganisation, type Org, signIn, tabTo } from './support.ts';

let server: TestServer;
let browser: Browser;
let org: Org;

// A 1×1 PNG, and a text file pretending to be one.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const FAKE_PNG = Buffer.from('this is not a picture at all, only text with a .png name');

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const context = await newContext(browser, server.baseUrl);
  org = await createOrganisation(await context.newPage(), 'Rapport');
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const group = (page: Page, name: string) => page.getByRole('radiogroup', { name, exact: true });

/** Chooses an option by clicking its label (the input itself is hidden behind its drawn box). */
async function pick(radios: ReturnType<typeof group>, name: string) {
  await radios.getByText(name, { exact: true }).click();
  expect(await radios.getByRole('radio', { name, exact: true }).isChecked()).toBe(true);
}

async function openForm(page: Page) {
  await page.goto('/report');
  await page.getByRole('heading', { level: 1, name: 'Rapportera en händelse' }).waitFor();
  await group(page, 'Vilken sorts händelse?').waitFor();
}

describe('the report form', () => {
  it('takes a report on a phone by keyboard alone, with field errors from the form and the server, and gives a receipt', async () => {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'sv-SE',
      viewport: { width: 375, height: 812 },
      hasTouch: true,
      geolocation: { latitude: 59.3326, longitude: 18.0649, accuracy: 20 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.goto('/login');
    await signIn(page, org.employee.email);
    await openForm(page);
    await expectAccessible(page, 'report form (phone)');
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Sending an empty form: a summary at the top takes focus and links to each field.
    const submit = page.getByRole('button', { name: 'Skicka rapporten' });
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Rapporten kunde inte skickas' });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const summaryText = await summary.textContent();
    expect(summaryText).toContain('Välj vilken sorts händelse det var.');
    expect(summaryText).toContain('Ange var det hände');
    expect(summaryText).toContain('Välj vem som drabbades.');
    expect(summaryText).toContain('Beskriv vad som hände.');
    await expectAccessible(page, 'report form with errors (phone)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => group(page, 'Vilken sorts händelse?').evaluate((el) => el.contains(document.activeElement)))
      .toBe(true);

    await chooseRadio(
      page,
      group(page, 'Vilken sorts händelse?'),
      'Hot eller våld mot anställd eller förtroendevald',
    );
    await chooseRadio(page, group(page, 'Typ av händelse'), 'Hot mot anställd');

    // "Use my position", then a pin in the middle of the map instead.
    await tabTo(page, page.getByRole('button', { name: 'Använd min position' }));
    await page.keyboard.press('Enter');
    await page.getByText(/Din position är med: 59,33/).waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Sätt en nål på kartan' }));
    await page.keyboard.press('Enter');
    const pinCentre = page.getByRole('button', { name: 'Sätt nålen i kartans mitt' });
    await pinCentre.waitFor();
    await tabTo(page, pinCentre);
    await page.keyboard.press('Enter');
    await page.getByText(/Nålen på kartan är med/).waitFor();

    await chooseRadio(page, group(page, 'Den som drabbades var'), 'Anställd');
    await tabTo(page, page.getByRole('checkbox', { name: 'Det var jag som drabbades' }));
    await page.keyboard.press('Space');
    await chooseRadio(page, group(page, 'Den drabbades kön'), 'Kvinna');
    await tabTo(page, page.getByRole('textbox', { name: 'Beskriv vad som hände' }));
    await page.keyboard.type('En besökare hotade personalen i receptionen.');
    await tabTo(page, page.getByRole('textbox', { name: 'Vad gjordes direkt?' }));
    await page.keyboard.type('Vi bad personen gå och stängde receptionen.');
    await tabTo(page, page.getByRole('checkbox', { name: 'Polisen kontaktades' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('textbox', { name: 'Polisens diarienummer' }));
    await page.keyboard.type('5000-K123456-25');
    await tabTo(page, page.getByRole('checkbox', { name: 'Någon skadades' }));
    await page.keyboard.press('Space');
    await chooseRadio(page, group(page, 'Hur allvarlig var skadan?'), 'Lindrig');
    await page.getByText(/En skada i arbetet är en arbetsskada/).waitFor();
    // Threats against staff take a client's case reference, kept as a keyed code only…
    await tabTo(page, page.getByRole('textbox', { name: 'Klientens ärendenummer' }));
    await page.keyboard.type('ÄR-2025-0042');
    // …and never on the device: the draft holds everything else.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).toContain('En besökare hotade');
    expect(stored).not.toContain('ÄR-2025-0042');

    // The demo-less test city has no areas: the server refuses the pin, by field.
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    const refused = page.getByRole('alert').filter({ hasText: 'Platsen ligger utanför kommunen' });
    await refused.waitFor();
    await expect.poll(() => refused.evaluate((el) => el === document.activeElement)).toBe(true);

    // Remove the pin; choose the preschool instead, from the suggestions, by keyboard.
    await tabTo(page, page.getByRole('button', { name: 'Ta bort positionen' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('combobox', { name: 'Anläggning' }));
    await page.keyboard.type('Förskolan Rapp');
    await page.getByRole('option', { name: new RegExp(org.facilityName) }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Anläggning' }).inputValue())
      .toBe(org.facilityName);

    await tabTo(page, submit, 200);
    await page.keyboard.press('Enter');
    const receipt = page.getByRole('heading', { level: 2, name: 'Tack! Rapporten är skickad' });
    await receipt.waitFor();
    await expect.poll(() => receipt.evaluate((el) => el === document.activeElement)).toBe(true);
    const reference = (await page.locator('.report-receipt__reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/\S{5,}/);
    await page.getByText('Den ansvariga chefen har fått rapporten och följer upp den.').waitFor();
    await page.getByText('Organisationens säkerhetssamordnare har också fått den.').waitFor();
    await page.getByText('Eftersom någon skadades följer en arbetsskadeanmälan.').waitFor();
    await page.getByRole('link', { name: 'Visa rapporten' }).waitFor();
    await expectAccessible(page, 'receipt (phone)');

    // Sent: the draft is gone.
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('trygg.reportDraft'))),
    ).toEqual([]);
    await context.close();
  });

  it('keeps a draft with its uploads through a reload, refuses a disguised file, and discards on request', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await signIn(page, org.employee.email);
    await openForm(page);
    await pick(group(page, 'Vilken sorts händelse?'), 'Olycka');
    await pick(group(page, 'Typ av händelse'), 'Fall eller halka');
    await page.getByRole('textbox', { name: 'Beskriv vad som hände' }).fill('Halkade på isen vid entrén.');
    const files = page.locator('input[type="file"]');
    await files.setInputFiles([
      { name: 'entren.png', mimeType: 'image/png', buffer: PNG },
      { name: 'falsk.png', mimeType: 'image/png', buffer: FAKE_PNG },
    ]);
    const list = page.getByRole('list', { name: 'Bifogade filer' });
    await expect.poll(() => list.textContent()).toContain('uppladdad');
    await expect.poll(() => list.textContent()).toContain('Filen är inte en bild eller PDF');
    await expectAccessible(page, 'report form with attachments');
    await page.getByRole('button', { name: 'Ta bort falsk.png' }).click();
    await expect.poll(() => list.textContent()).not.toContain('falsk.png');

    await page.reload();
    await page.getByText('Ditt utkast är återställt').waitFor();
    expect(await page.getByRole('textbox', { name: 'Beskriv vad som hände' }).inputValue()).toBe(
      'Halkade på isen vid entrén.',
    );
    expect(
      await group(page, 'Typ av händelse').getByRole('radio', { name: 'Fall eller halka' }).isChecked(),
    ).toBe(true);
    await expect
      .poll(() => page.getByRole('list', { name: 'Bifogade filer' }).textContent())
      .toContain('entren.png');
    await expectAccessible(page, 'restored draft');

    await page.getByRole('button', { name: 'Släng utkastet' }).click();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Beskriv vad som hände' }).inputValue())
      .toBe('');
    await page.reload();
    await group(page, 'Vilken sorts händelse?').waitFor();
    expect(await page.getByText('Ditt utkast är återställt').count()).toBe(0);
    await context.close();
  });

  it('takes an anonymous report where the type allows it, saying what that means, in Swedish and English', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await signIn(page, org.employee.email);
    await openForm(page);
    await pick(group(page, 'Vilken sorts händelse?'), 'Olycka');
    await pick(group(page, 'Typ av händelse'), 'Fall eller halka');
    // Not offered where the type does not allow it.
    expect(await page.getByRole('checkbox', { name: 'Rapportera anonymt' }).count()).toBe(0);
    await pick(group(page, 'Vilken sorts händelse?'), 'Brott och ordningsstörning');
    await pick(group(page, 'Typ av händelse'), 'Skadegörelse eller klotter');
    await page.getByRole('textbox', { name: 'Adress eller plats' }).fill('Cykelparkeringen vid skolan');
    await pick(group(page, 'Den som drabbades var'), 'Vet inte eller ingen särskild');
    await page.getByRole('textbox', { name: 'Beskriv vad som hände' }).fill('Klotter på väggen.');
    await page.getByText('Rapportera anonymt', { exact: true }).click();
    await page.getByText(/kan du inte få besked om vad som händer med rapporten/).waitFor();
    await expectAccessible(page, 'anonymous report form');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report an incident' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Report anonymously' }).isChecked()).toBe(true);
    await expectAccessible(page, 'anonymous report form (en)');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByRole('heading', { level: 2, name: 'Thank you! The report has been sent' }).waitFor();
    await page
      .getByText('The report is anonymous: your name is not stored, so you cannot be told about it.')
      .waitFor();
    expect(await page.getByRole('link', { name: 'Show the report' }).count()).toBe(0);
    await expectAccessible(page, 'anonymous receipt (en)');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tack! Rapporten är skickad' }).waitFor();
    await context.close();
  });
});
