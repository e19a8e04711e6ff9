import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Stockholm's programme is loaded into the fresh data folder before the server starts.
  [server, browser] = await Promise.all([
    startTestServer({}, { before: [['programme', 'seed-stockholm']] }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const GOAL_AREAS = {
  sv: [
    'Individens trygghet och säkerhet',
    'Stadens funktionalitet',
    'Miljö och egendom',
    'Grundläggande värden',
  ],
  en: [
    "The individual's safety and security",
    "The city's functions",
    'Environment and property',
    'Fundamental values',
  ],
};
const FOCUS_AREAS = {
  sv: [
    'Förebygga olyckor',
    'Förebygga brott',
    'Förebygga otillåten påverkan samt hot och våld mot anställda',
    'Bygga motståndskraft och krishanteringsförmåga',
    'Bygga ett gott säkerhetsskydd',
  ],
  en: [
    'Prevent accidents',
    'Prevent crime',
    'Prevent undue influence, threats and violence against employees',
    'Build resilience and crisis-management capability',
    'Build good protective security',
  ],
};

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  // The account's saved language wins at sign-in (the administrator switches to English below).
  await page.getByRole('heading', { level: 1, name: /Välkommen|Welcome/ }).waitFor();
}

/** The level-3 headings inside the section named by its level-2 heading. */
async function headingsIn(page: Page, section: string): Promise<string[]> {
  const region = page.getByRole('region', { name: section, exact: true });
  return (await region.getByRole('heading', { level: 3 }).allTextContents()).map((s) => s.trim());
}

describe('the programme page', () => {
  it('shows 4 goal areas and 5 focus areas in Swedish and English, with relations and history; an administrator drafts, edits and adopts', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);

    await page.getByRole('navigation').getByRole('link', { name: 'Programmet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trygghets- och säkerhetsprogrammet' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Målområden' }).waitFor();
    expect(await headingsIn(page, 'Målområden')).toEqual(GOAL_AREAS.sv);
    expect(await headingsIn(page, 'Fokusområden')).toEqual(FOCUS_AREAS.sv);
    // Each focus area names the goal areas it serves and its communication part.
    const crime = page.getByRole('article', { name: 'Förebygga brott' });
    expect(
      (
        await crime.getByRole('list', { name: 'Tjänar målområdena' }).getByRole('listitem').allTextContents()
      ).sort(),
    ).toEqual(['Grundläggande värden', 'Individens trygghet och säkerhet', 'Miljö och egendom']);
    await crime.getByRole('heading', { level: 4, name: 'Kommunikation' }).waitFor();
    await crime.getByRole('table', { name: 'Indikatorer för Förebygga brott' }).waitFor();
    const relations = page.getByRole('region', { name: 'Relationer till andra styrdokument' });
    expect(await relations.textContent()).toContain(
      'Genomför Tillsammans mot brott – ett nationellt brottsförebyggande program (Regeringen, 2017, Skr. 2016/17:126)',
    );
    const history = page.getByRole('table', { name: 'Programmets versioner, den senaste först' });
    const earlier = history.getByRole('row', { name: /2013–2016/ });
    expect(await earlier.textContent()).toContain('Har upphört');
    expect(await earlier.textContent()).toContain('ersatt av 2018–2021');
    await expectAccessible(page, 'programme page (sv)');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'The safety and security programme' }).waitFor();
    expect(await headingsIn(page, 'Goal areas')).toEqual(GOAL_AREAS.en);
    expect(await headingsIn(page, 'Focus areas')).toEqual(FOCUS_AREAS.en);
    expect(
      await page.getByRole('region', { name: 'Relations to other steering documents' }).textContent(),
    ).toContain(
      'Implements Together against crime – a national crime-prevention programme (Government of Sweden, 2017, Skr. 2016/17:126)',
    );
    await expectAccessible(page, 'programme page (en)');

    // The administrator starts a draft from the version in force, with the keyboard where it matters.
    await page.getByRole('button', { name: 'Create a draft from the version in force' }).click();
    const createDialog = page.getByRole('dialog', { name: 'New draft' });
    await createDialog.getByRole('button', { name: 'Create draft' }).click();
    await createDialog.getByText('Fill in this field.').waitFor();
    await createDialog.getByLabel('Version label').fill('2022–2025');
    await createDialog.getByLabel('Version label').press('Enter');
    await page.getByRole('status').filter({ hasText: 'The draft 2022–2025 has been created.' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Draft 2022–2025' }).waitFor();

    await page.getByRole('button', { name: 'Edit Prevent crime' }).click();
    const editDialog = page.getByRole('dialog', { name: 'Edit focus area' });
    await expectAccessible(page, 'edit focus area dialog');
    await editDialog
      .getByLabel('Communication in English')
      .fill('Residents hear about the picture every quarter.');
    await editDialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Your changes are saved.' }).waitFor();
    expect(await editDialog.count()).toBe(0);

    await page.getByRole('button', { name: 'Adopt the draft' }).click();
    const adoptDialog = page.getByRole('dialog', { name: 'Adopt version 2022–2025' });
    expect(await adoptDialog.textContent()).toContain('Version 2018–2021 is retired on the same day');
    // en-GB types day, month, year.
    await adoptDialog.getByRole('spinbutton').first().click();
    await page.keyboard.type('13062022');
    await adoptDialog.getByLabel('Decision reference').fill('KF 2022-06-13 § 7');
    await adoptDialog.getByRole('button', { name: 'Adopt the draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2022–2025 is now in force.' }).waitFor();

    const crimeNow = page.getByRole('article', { name: 'Prevent crime' });
    await expect
      .poll(() => crimeNow.textContent())
      .toContain('Residents hear about the picture every quarter.');
    const historyEn = page.getByRole('table', { name: 'Versions of the programme, newest first' });
    await expect
      .poll(() => historyEn.getByRole('row', { name: /^2018–2021/ }).textContent())
      .toContain('13 June 2022, replaced by 2022–2025 (KF 2022-06-13 § 7)');
    await expectAccessible(page, 'programme page after adoption (en)');
    await context.close();
  });

  it('is there for every signed-in user, without the administrator’s tools', async () => {
    const adminContext = await newContext(browser, server.baseUrl);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, E2E_ADMIN.email, E2E_ADMIN.password);
    const employee = { email: 'anna@e2e.local', password: 'staff-secret-pass-2' };
    const status = await adminPage.evaluate(async (input) => {
      const session = await (await fetch('/api/session')).json();
      const res = await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          ...input,
          name: 'Anna Medarbetare',
          role: 'employee',
          organisationId: session.user.roles[0].organisationId,
        }),
      });
      return res.status;
    }, employee);
    expect(status).toBe(201);
    await adminContext.close();

    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, employee.email, employee.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Programmet' }).click();
    await page.getByRole('heading', { level: 2, name: 'Fokusområden' }).waitFor();
    expect(await headingsIn(page, 'Målområden')).toHaveLength(4);
    expect(await headingsIn(page, 'Fokusområden')).toHaveLength(5);
    expect(await page.getByRole('heading', { name: 'Ändra programmet' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /utkast/i }).count()).toBe(0);
    await expectAccessible(page, 'programme page for an employee');
    await context.close();
  });
});
