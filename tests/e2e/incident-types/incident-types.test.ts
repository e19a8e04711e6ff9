import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grid, report, signIn, signInOverApi, typeIdOf } from '../incidents/support.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  // One theft report made under the first version of "Stöld", so that the history can count it.
  const admin = await signInOverApi(server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
  const session = await admin.expect<{ user: { roles: { role: string; organisationId: string }[] } }>(
    200,
    'GET',
    '/api/session',
  );
  const root = session.user.roles.find((r) => r.role === 'administrator')!.organisationId;
  const committee = (
    await admin.expect<{ id: string }>(201, 'POST', '/api/organisations', {
      name: 'Kulturnämnden',
      kind: 'committee',
      committeeType: 'specialist',
      parentId: root,
    })
  ).id;
  await admin.expect(201, 'POST', '/api/users', {
    email: 'eva@e2e.local',
    name: 'Eva Medarbetare',
    password: 'Hemligt-ord-2026!',
    role: 'employee',
    organisationId: committee,
  });
  const eva = await signInOverApi(server.baseUrl, 'eva@e2e.local', 'Hemligt-ord-2026!');
  await report(eva, {
    typeId: await typeIdOf(eva, 'theft'),
    organisationId: committee,
    affectedKind: 'unknown',
    description: 'En cykel stals från bibliotekets ställ.',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const row = (page: Page, table: string, text: string) =>
  grid(page, table).getByRole('row').filter({ hasText: text });

describe('the incident types page', () => {
  it('lets an administrator edit a type as a new version, see its history, add a type and deactivate it', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: 'Händelsetyper' }).click();
    await page.getByRole('heading', { level: 1, name: 'Händelsetyper' }).waitFor();
    await page
      .getByRole('heading', { level: 2, name: 'Hot eller våld mot anställd eller förtroendevald' })
      .waitFor();
    const threat = row(page, 'Hot eller våld mot anställd eller förtroendevald', 'Hot mot anställd');
    await expect.poll(() => threat.first().textContent()).toContain('Ärendenummer till hotregistret');
    await expectAccessible(page, 'incident types page');

    // Editing "Stöld" with the keyboard: open the dialog, change the name, press Enter to save.
    const theft = row(page, 'Brott och ordningsstörning', 'theft');
    // Tab stops: the add button, then each group's table; arrow keys move within a table.
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
      });
    await page.getByRole('button', { name: 'Lägg till typ' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^Stöldtheft/);
    for (let cell = 0; cell < 6; cell++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Ändra Stöld');
    await page.keyboard.press('Enter');
    const edit = page.getByRole('dialog', { name: 'Ändra Stöld' });
    await edit.waitFor();
    await edit
      .getByText('Ändringen sparas som version 2. Rapporter som redan finns behåller version 1.')
      .waitFor();
    await expectAccessible(page, 'edit type dialog');
    const name = edit.getByRole('textbox', { name: 'Benämning på svenska' });
    await name.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Stöld eller snatteri');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Stöld eller snatteri har sparats som version 2.' })
      .waitFor();
    await expect.poll(() => theft.textContent()).toContain('Stöld eller snatteri');

    await theft.getByRole('button', { name: 'Versioner av Stöld eller snatteri' }).click();
    const history = page.getByRole('dialog', { name: 'Versioner av Stöld eller snatteri' });
    await history.waitFor();
    const versions = grid(page, 'Versioner av Stöld eller snatteri');
    await expect.poll(() => versions.getByRole('row').count()).toBe(3);
    const rows = await versions.getByRole('row').allTextContents();
    expect(rows[1]).toMatch(/^2Stöld eller snatteri.*Admin.*0$/);
    expect(rows[2]).toMatch(/^1Stöld.*från början1$/);
    await expectAccessible(page, 'versions dialog');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });

    // Adding a type: the form says what is missing, then saves.
    await page.getByRole('button', { name: 'Lägg till typ' }).click();
    const add = page.getByRole('dialog', { name: 'Lägg till händelsetyp' });
    await add.waitFor();
    await add.getByRole('button', { name: 'Spara' }).click();
    await add.getByText('Välj minst ett fokusområde.').waitFor();
    expect(await add.getByText('Skriv en benämning.').count()).toBe(2);
    await add.getByRole('textbox', { name: 'Kod' }).fill('graffiti_school');
    await add.getByRole('button', { name: /Grupp/ }).click();
    await page.getByRole('option', { name: 'Brott och ordningsstörning' }).click();
    await add.getByRole('textbox', { name: 'Benämning på svenska' }).fill('Klotter på skola');
    await add.getByRole('textbox', { name: 'Benämning på engelska' }).fill('Graffiti at a school');
    for (const name of ['Förebygga brott', 'Får rapporteras anonymt']) {
      const box = add.getByRole('checkbox', { name });
      await box.focus();
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
    }
    await expectAccessible(page, 'add type dialog');
    await add.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: 'Klotter på skola har lagts till.' }).waitFor();
    const added = row(page, 'Brott och ordningsstörning', 'graffiti_school');
    await expect.poll(() => added.textContent()).toContain('Kan rapporteras anonymt');

    await added.getByRole('button', { name: 'Inaktivera Klotter på skola' }).click();
    await page.getByRole('status').filter({ hasText: 'Klotter på skola är inaktiverad' }).waitFor();
    await expect.poll(() => added.textContent()).toContain('Inaktiv');
    await added.getByRole('button', { name: 'Aktivera Klotter på skola' }).click();
    await page.getByRole('status').filter({ hasText: 'Klotter på skola är aktiverad' }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident types' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Crime and disorder' }).waitFor();
    await expectAccessible(page, 'incident types page (en)');
    await context.close();
  }, 180_000);
});
