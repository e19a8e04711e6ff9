import type { Browser, Locator, Page } from 'playwright-core';
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

/** Calls the API from the signed-in page (session cookie and CSRF token as the app sends them). */
async function api(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = await (await fetch('/api/session')).json();
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    { method, url, body },
  );
}

/** Types a day into a React Aria date field, segment by segment (year, month, day in Swedish). */
async function typeDay(field: Locator, day: string): Promise<void> {
  await field.getByRole('spinbutton').first().click();
  await field.page().keyboard.type(day.replaceAll('-', ''));
}

const treeRow = (page: Page, name: string) =>
  page.getByRole('treegrid', { name: 'Organisationer' }).getByRole('row', { name, exact: true });

describe('the organisations page', () => {
  it('shows the tree; an administrator creates a unit, merges two committees and follows the history', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill(E2E_ADMIN.email);
    await page.getByLabel('Lösenord').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();

    const session = (await (await page.request.get('/api/session')).json()) as {
      user: { roles: { organisationId: string }[] };
    };
    const rootId = session.user.roles[0]!.organisationId;
    for (const [name, code] of [
      ['Hägersten-Liljeholmens stadsdelsnämnd', 'HL'],
      ['Älvsjö stadsdelsnämnd', 'ALV'],
    ]) {
      const created = await api(page, 'POST', '/api/organisations', {
        name,
        code,
        kind: 'committee',
        committeeType: 'district',
        parentId: rootId,
        validFrom: '2007-01-01',
      });
      expect(created.status).toBe(201);
    }

    await page.getByRole('navigation').getByRole('link', { name: 'Organisationer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
    const tree = page.getByRole('treegrid', { name: 'Organisationer' });
    await tree.waitFor();
    await treeRow(page, 'Stockholms stad').waitFor();
    await treeRow(page, 'Kommunstyrelsen').waitFor();
    await treeRow(page, 'Hägersten-Liljeholmens stadsdelsnämnd').waitFor();
    await expectAccessible(page, 'organisations page');

    // Create a unit in a committee.
    await treeRow(page, 'Hägersten-Liljeholmens stadsdelsnämnd').click();
    const details = page.getByRole('region', { name: 'Hägersten-Liljeholmens stadsdelsnämnd' });
    await details.getByText('Stadsdelsnämnd', { exact: true }).waitFor();
    await details.getByRole('button', { name: 'Ny organisation under den här' }).click();
    const createDialog = page.getByRole('dialog', {
      name: 'Ny organisation under Hägersten-Liljeholmens stadsdelsnämnd',
    });
    await createDialog.waitFor();
    await expectAccessible(page, 'create dialog');
    // Saving without a name or kind shows what is missing.
    await createDialog.getByRole('button', { name: 'Spara' }).click();
    await createDialog.getByText('Fyll i ett namn.').waitFor();
    await createDialog.getByText('Välj typ av organisation.').waitFor();
    await createDialog.getByRole('button', { name: /Typ av organisation/ }).click();
    await page.getByRole('option', { name: 'Enhet' }).click();
    await createDialog.getByRole('textbox', { name: 'Namn' }).fill('Äldreomsorg');
    // The start defaults to today; this unit has existed since 2010.
    await typeDay(createDialog.getByRole('group', { name: 'Gäller från och med' }), '2010-01-01');
    await createDialog.getByRole('button', { name: 'Spara' }).click();
    await createDialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Äldreomsorg har skapats.' }).waitFor();
    await treeRow(page, 'Äldreomsorg').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Äldreomsorg' }).waitFor();

    // Merge the two district committees on 2020-07-01.
    await treeRow(page, 'Hägersten-Liljeholmens stadsdelsnämnd').click();
    await details.getByRole('button', { name: 'Slå ihop med andra' }).click();
    const mergeDialog = page.getByRole('dialog', {
      name: 'Slå ihop Hägersten-Liljeholmens stadsdelsnämnd med andra',
    });
    await mergeDialog.waitFor();
    await mergeDialog.getByText('Älvsjö stadsdelsnämnd', { exact: true }).click();
    expect(await mergeDialog.getByRole('checkbox', { name: 'Älvsjö stadsdelsnämnd' }).isChecked()).toBe(true);
    await typeDay(
      mergeDialog.getByRole('group', { name: 'Den nya organisationen gäller från och med' }),
      '2020-07-01',
    );
    await mergeDialog
      .getByRole('textbox', { name: 'Namn på den nya organisationen' })
      .fill('Hägersten-Älvsjö stadsdelsnämnd');
    await expectAccessible(page, 'merge dialog');
    await mergeDialog.getByRole('button', { name: 'Slå ihop' }).click();
    await mergeDialog.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: 'Hägersten-Älvsjö stadsdelsnämnd har bildats.' })
      .waitFor();

    // The successor is shown with its history; the predecessors have left today's tree.
    const successor = page.getByRole('region', { name: 'Hägersten-Älvsjö stadsdelsnämnd' });
    await successor.getByText('Bildades 2020-07-01 genom sammanslagning av:').waitFor();
    await expect.poll(() => treeRow(page, 'Älvsjö stadsdelsnämnd').count()).toBe(0);
    await expectAccessible(page, 'organisations page after the merge');

    await successor.getByRole('button', { name: 'Älvsjö stadsdelsnämnd' }).click();
    const predecessor = page.getByRole('region', { name: 'Älvsjö stadsdelsnämnd' });
    await predecessor.getByText('Slogs ihop 2020-07-01 till:').waitFor();
    await predecessor.getByText('Avslutad', { exact: true }).waitFor();
    await expect.poll(() => predecessor.getByText('2007-01-01 – 2020-06-30').count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Visa även avslutade organisationer' }).isChecked()).toBe(
      true,
    );
    await treeRow(page, 'Älvsjö stadsdelsnämnd').waitFor();
    await expectAccessible(page, 'an ended organisation');

    // Keyboard: the tree is reached with Tab and walked with the arrow keys.
    await treeRow(page, 'Stockholms stad').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Kommunstyrelsen' }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await expectAccessible(page, 'organisations page (en)');
    // The choice is saved to the account: switch back for the next test.
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
    await context.close();
  });
  it('imports a CSV file with a per-row error report, then edits, splits and ends what it made', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill(E2E_ADMIN.email);
    await page.getByLabel('Lösenord').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Välkommen|Welcome/ }).waitFor();
    // The first test may have left English saved on the account.
    if ((await page.getByRole('button', { name: 'Svenska' }).count()) > 0)
      await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('link', { name: 'Öppna organisationerna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();

    await page.getByRole('button', { name: 'Importera från CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importera organisationer från CSV' });
    await dialog.waitFor();
    const choose = async (name: string, text: string) => {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        dialog.getByRole('button', { name: 'Välj fil' }).click(),
      ]);
      await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await dialog.getByText(name).waitFor();
    };
    await choose(
      'fel.csv',
      'name;kind;committee_type;parent;code\nKulturnämnden;nämnd;;;KN\nIdrott;avdelning;;;\n',
    );
    await dialog.getByRole('button', { name: 'Kontrollera' }).click();
    await dialog.getByText('Filen har 2 fel. Ingenting har importerats.').waitFor();
    const errors = dialog.getByRole('table', { name: 'Fel i filen' });
    await expect.poll(() => errors.getByRole('row').count()).toBe(3);
    await expectAccessible(page, 'import dialog with errors');

    await choose(
      'ratt.csv',
      'name;kind;committee_type;parent;code\nKulturnämnden;nämnd;facknämnd;;KN\nBiblioteken;enhet;;KN;BIB\n',
    );
    await dialog.getByRole('button', { name: 'Kontrollera' }).click();
    await dialog
      .getByText('Filen är giltig: 2 nya, 0 ändrade, 0 oförändrade. Inget har sparats än.')
      .waitFor();
    await dialog.getByRole('button', { name: 'Importera', exact: true }).click();
    await dialog.getByText('Importen är klar: 2 nya, 0 ändrade, 0 oförändrade.').waitFor();
    await dialog.getByRole('button', { name: 'Stäng' }).click();
    await treeRow(page, 'Kulturnämnden').click();
    await page.keyboard.press('ArrowRight');
    await treeRow(page, 'Biblioteken').click();

    // Edit: a new name.
    const details = page.getByRole('region', { name: 'Biblioteken' });
    await details.getByRole('button', { name: 'Ändra uppgifter' }).click();
    const edit = page.getByRole('dialog', { name: 'Ändra Biblioteken' });
    await edit.getByRole('textbox', { name: 'Namn' }).fill('Stadsbiblioteket');
    await edit.getByRole('button', { name: 'Spara' }).click();
    await edit.waitFor({ state: 'detached' });
    await treeRow(page, 'Stadsbiblioteket').waitFor();

    // Split it from 2030-01-01 into two.
    await page
      .getByRole('region', { name: 'Stadsbiblioteket' })
      .getByRole('button', { name: 'Dela' })
      .click();
    const split = page.getByRole('dialog', { name: 'Dela Stadsbiblioteket' });
    await typeDay(
      split.getByRole('group', { name: 'De nya organisationerna gäller från och med' }),
      '2030-01-01',
    );
    await split.getByRole('textbox', { name: 'Namn på ny organisation 1' }).fill('Bibliotek Nord');
    await split.getByRole('textbox', { name: 'Namn på ny organisation 2' }).fill('Bibliotek Syd');
    await expectAccessible(page, 'split dialog');
    await split.getByRole('button', { name: 'Dela', exact: true }).click();
    await split.waitFor({ state: 'detached' });
    const north = page.getByRole('region', { name: 'Bibliotek Nord' });
    await north.getByText('Bildades 2030-01-01 genom delning av:').waitFor();
    await north.getByText('Har inte börjat gälla').waitFor();
    await treeRow(page, 'Bibliotek Syd').waitFor();

    // End one of them; an end before its start is refused before anything is sent.
    await treeRow(page, 'Bibliotek Syd').click();
    await page
      .getByRole('region', { name: 'Bibliotek Syd' })
      .getByRole('button', { name: 'Avsluta' })
      .click();
    const end = page.getByRole('dialog', { name: 'Avsluta Bibliotek Syd' });
    await end.getByText('Slutdatumet kan inte vara före startdatumet.').waitFor();
    await typeDay(end.getByRole('group', { name: 'Sista dag' }), '2030-12-31');
    await end.getByRole('button', { name: 'Avsluta organisationen' }).click();
    await end.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Bibliotek Syd' }).getByText('2030-01-01 – 2030-12-31').waitFor();
    await expectAccessible(page, 'organisations after split and end');
    await context.close();
  });
});
