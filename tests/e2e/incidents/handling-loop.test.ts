import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../../support/smtp.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type City, createCity, grid, report, signIn, signInOverApi, typeIdOf } from './support.ts';

let smtp: TestSmtpServer;
let server: TestServer;
let browser: Browser;
let city: City;

beforeAll(async () => {
  smtp = await startSmtpServer();
  [server, browser] = await Promise.all([
    startTestServer({ TRYGG_SMTP_URL: smtp.url, TRYGG_MAIL_FROM: 'trygg@stad.example' }),
    launchBrowser(),
  ]);
  city = await createCity(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const to = (mail: ReceivedMail, email: string) => mail.envelope.to.includes(email);
const subject = (mail: ReceivedMail) => mail.parsed.subject ?? '';

/** Presses a control with the keyboard, as someone without a mouse would. */
async function pressByKeyboard(page: Page, control: ReturnType<Page['getByRole']>, key = 'Enter') {
  await control.focus();
  await page.keyboard.press(key);
}

describe('an incident from report to closure', () => {
  it('reaches the manager, who investigates, writes to the reporter and closes it; the reporter is told in the app and by e-mail', async () => {
    const { employee, manager, unitA } = city;
    const eva = await signInOverApi(server.baseUrl, employee.email, employee.password);
    const description =
      'En besökare hotade mig i receptionen och sa att han skulle vänta på mig efter jobbet.';
    const receipt = await report(eva, {
      typeId: await typeIdOf(eva, 'threat_employee'),
      organisationId: unitA,
      affectedSelf: true,
      affectedGender: 'woman',
      description,
      immediateAction: 'Larmade vakten.',
    });
    expect(receipt.routedToManager).toBe(true);
    expect(receipt.routedToCoordinator).toBe(true);
    const ref = receipt.reference;

    // The manager is told by e-mail, with a link into the app and nothing need-to-know in it.
    const received = await smtp.waitFor((m) => to(m, manager.email) && subject(m).includes(ref));
    expect(subject(received)).toMatch(new RegExp(`Ny rapport ${ref}$`));
    expect(received.parsed.text).toContain(`${server.baseUrl}/incidents/${receipt.id}`);
    expect(received.raw).not.toContain('receptionen');

    // The manager finds it among the incidents to handle and opens it.
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, manager);
    await page.getByRole('navigation').getByRole('link', { name: 'Ärenden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Händelser att hantera' }).waitFor();
    const table = grid(page, 'Händelser, den senaste först');
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: ref });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Hot mot anställd');
    expect(await row.textContent()).toContain('Behörighet krävs');
    await expectAccessible(page, 'incident list');

    await row.getByRole('link', { name: ref }).click();
    await page.getByRole('heading', { level: 1, name: `Händelse ${ref}` }).waitFor();
    await page.getByText('Behörighet krävs – varje läsning loggas').waitFor();
    await page.getByText(description).waitFor();
    await expectAccessible(page, 'incident page');

    // Start the investigation by keyboard; focus lands on the state section, which says so.
    await pressByKeyboard(page, page.getByRole('button', { name: 'Starta utredning' }));
    await page.getByRole('status').filter({ hasText: 'Utredningen har startats' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('incident-state-heading');
    const handling = page.getByRole('region', { name: 'Status och handläggning' });
    await expect.poll(() => handling.textContent()).toContain('Under utredning');

    // A message to the reporter, chosen and written by keyboard.
    const internal = page.getByRole('radio', { name: /Intern anteckning/ });
    await internal.focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.getByRole('radio', { name: /Meddelande till rapportören/ }).isChecked())
      .toBe(true);
    const message = 'Vi har pratat med vakterna och ordnar sällskap till bussen de närmaste veckorna.';
    await page.getByRole('textbox', { name: 'Kommentar' }).focus();
    await page.keyboard.type(message);
    await pressByKeyboard(page, page.getByRole('button', { name: 'Skicka till rapportören' }));
    await page.getByRole('status').filter({ hasText: 'Meddelandet är skickat till rapportören' }).waitFor();
    const timeline = page.getByRole('region', { name: 'Tidslinje och kommentarer' });
    await expect.poll(() => timeline.textContent()).toContain(message);
    expect(await timeline.textContent()).toContain('Syns för rapportören');

    // The support checklist: a talk with the affected person, recorded by keyboard with today's date.
    await pressByKeyboard(page, page.getByRole('button', { name: 'Registrera: Samtal med den drabbade' }));
    const supportDialog = page.getByRole('dialog', { name: 'Samtal med den drabbade' });
    await supportDialog.waitFor();
    await supportDialog.getByRole('textbox', { name: 'Anteckning' }).focus();
    await page.keyboard.type('Samtal i lugn miljö; erbjöds företagshälsovård.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Registrerat: Samtal med den drabbade' }).waitFor();
    const support = page.getByRole('region', { name: 'Stöd till den drabbade' });
    await expect.poll(() => support.textContent()).toContain('1 av 5 gjorda.');
    expect(await support.textContent()).toContain('registrerat av Maja Chef');

    // Assigned to the committee's security coordinator, chosen from the list by keyboard.
    await pressByKeyboard(page, page.getByRole('button', { name: /Handläggare/ }));
    await page.getByRole('listbox').waitFor();
    await page.keyboard.type('Sam');
    await page.keyboard.press('Enter');
    await pressByKeyboard(page, page.getByRole('button', { name: 'Spara handläggare' }));
    await page.getByRole('status').filter({ hasText: 'Sam Samordnare är nu handläggare.' }).waitFor();
    await expect.poll(() => timeline.textContent()).toContain('Sam Samordnare blev handläggare');
    const assigned = await smtp.waitFor(
      (m) => to(m, city.coordinatorA.email) && subject(m).endsWith(`Du har fått ärende ${ref}`),
    );
    expect(assigned.parsed.text).toContain(`${server.baseUrl}/incidents/${receipt.id}`);

    // Closing asks why, in a dialog; an empty reason is refused.
    await pressByKeyboard(page, page.getByRole('button', { name: 'Avsluta ärendet' }));
    const dialog = page.getByRole('dialog', { name: 'Avsluta ärendet' });
    await dialog.waitFor();
    await expectAccessible(page, 'close dialog');
    await pressByKeyboard(page, dialog.getByRole('button', { name: 'Avsluta ärendet' }));
    await dialog.getByText('Skriv en motivering.').waitFor();
    const reason = 'Åtgärder på plats och samtal genomfört; inget mer att utreda.';
    await dialog.getByRole('textbox', { name: /Varför avslutas ärendet/ }).focus();
    await page.keyboard.type(reason);
    await pressByKeyboard(page, dialog.getByRole('button', { name: 'Avsluta ärendet' }));
    await page.getByRole('status').filter({ hasText: 'Ärendet är avslutat' }).waitFor();
    await expect.poll(() => handling.textContent()).toContain('Avslutad');
    await page.getByRole('button', { name: 'Öppna igen' }).waitFor();
    expect(await page.getByRole('region', { name: 'Rapporten' }).textContent()).toContain(reason);
    await expectAccessible(page, 'closed incident');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Incident ${ref}` }).waitFor();
    await page.getByText('Need-to-know – every read is logged').waitFor();
    await expectAccessible(page, 'closed incident (en)');
    await context.close();

    // The reporter receives an e-mail for each change, in order, each linking to their own report.
    const mine = `${server.baseUrl}/my-reports/${receipt.id}`;
    const started = await smtp.waitFor(
      (m) => to(m, employee.email) && subject(m).endsWith(`${ref}: Under utredning`),
    );
    const commented = await smtp.waitFor(
      (m) => to(m, employee.email) && subject(m).endsWith(`Nytt meddelande om ${ref}`),
    );
    const closed = await smtp.waitFor(
      (m) => to(m, employee.email) && subject(m).endsWith(`${ref}: Avslutad`),
    );
    for (const mail of [started, commented, closed]) {
      expect(mail.envelope.to).toEqual([employee.email]);
      expect(mail.parsed.text).toContain(mine);
      expect(mail.parsed.html || '').toContain(mine);
      // What is need-to-know stays in the app.
      expect(mail.raw).not.toContain('sällskap');
      expect(mail.raw).not.toContain('inget mer att utreda');
    }

    // And sees each change in the app.
    const reporter = await newContext(browser, server.baseUrl);
    const evaPage = await reporter.newPage();
    await signIn(evaPage, employee);
    await evaPage.goto('/notifications');
    await evaPage.getByRole('heading', { level: 1, name: 'Meddelanden' }).waitFor();
    const main = evaPage.getByRole('main');
    await expect.poll(() => main.textContent()).toContain(`Nytt meddelande om din rapport ${ref}`);
    const notices = (await main.textContent()) ?? '';
    expect(notices).toMatch(new RegExp(`${ref}.*(utreds|Under utredning)`, 's'));
    expect(notices).toMatch(new RegExp(`${ref}.*(avslutad|Avslutad)`, 's'));

    await evaPage.goto(`/my-reports/${receipt.id}`);
    await expect.poll(() => main.textContent()).toContain(message);
    const own = (await main.textContent()) ?? '';
    expect(own).toContain('Avslutad');
    expect(own).toContain(reason);
    await reporter.close();
  }, 120_000);
});
