import type { Browser } from 'playwright-core';
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
    // The movable clock is refused in production; the server is otherwise the built app.
    startTestServer({ TRYGG_SMTP_URL: smtp.url, TRYGG_TEST_CLOCK: 'on', NODE_ENV: 'test' }),
    launchBrowser(),
  ]);
  city = await createCity(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const subject = (mail: ReceivedMail) => mail.parsed.subject ?? '';

describe("a serious event's 24-hour deadline", () => {
  it('reminds the manager before it runs out, lists it as overdue after, and takes the report by keyboard', async () => {
    const { employee, manager, unitA, admin } = city;
    const eva = await signInOverApi(server.baseUrl, employee.email, employee.password);
    const receipt = await report(eva, {
      typeId: await typeIdOf(eva, 'violence_employee'),
      organisationId: unitA,
      affectedSelf: true,
      description: 'En klient slog mig i ansiktet under ett möte; jag fick åka till akuten.',
      injury: true,
      injurySeverity: 'serious',
      workEnvironmentKind: 'work_injury',
    });
    expect(receipt.serious).toBe(true);
    const ref = receipt.reference;

    // Before the clock moves: the deadline is a day away, no reminder yet.
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, manager);
    await page.goto(`/incidents/${receipt.id}`);
    await page.getByRole('heading', { level: 1, name: `Händelse ${ref}` }).waitFor();
    const panel = page.getByRole('region', { name: /Allvarlig händelse – anmälan till Arbetsmiljöverket/ });
    await expect.poll(() => panel.textContent()).toMatch(/(2[0-3]|1\d) timmar.* kvar/);
    expect(smtp.messages.some((m) => subject(m).includes('Påminnelse'))).toBe(false);

    // 21 hours later the reminder goes out: in the app and by e-mail to the manager.
    const moved = await admin.expect<{ now: string }>(200, 'POST', '/api/test/clock', {
      advanceMinutes: 21 * 60,
    });
    expect(new Date(moved.now).getTime() - Date.now()).toBeGreaterThan(20 * 3_600_000);
    const reminder = await smtp.waitFor(
      (m) => m.envelope.to.includes(manager.email) && subject(m).includes(`Påminnelse: anmäl ${ref}`),
    );
    expect(reminder.parsed.text).toContain(`${server.baseUrl}/incidents/${receipt.id}`);
    await page.goto('/notifications');
    await page.getByRole('heading', { level: 1, name: 'Meddelanden' }).waitFor();
    await expect.poll(() => page.getByRole('main').textContent()).toMatch(new RegExp(`Påminnelse: ${ref}`));
    await page.goto(`/incidents/${receipt.id}`);
    await expect
      .poll(() => page.getByRole('region', { name: 'Tidslinje och kommentarer' }).textContent())
      .toContain('Påminnelse: anmälan till Arbetsmiljöverket');

    // Past 24 hours it is overdue, first on the deadlines page.
    await admin.expect(200, 'POST', '/api/test/clock', { advanceMinutes: 4 * 60 });
    await smtp.waitFor(
      (m) => m.envelope.to.includes(manager.email) && subject(m).includes(`Försenad anmälan: ${ref}`),
    );
    await page.goto('/incidents/deadlines');
    await page
      .getByRole('heading', { level: 1, name: 'Allvarliga händelser – anmälan till Arbetsmiljöverket' })
      .waitFor();
    const table = grid(page, 'Allvarliga händelser, försenade först');
    await table.waitFor();
    const first = table.getByRole('row').nth(1);
    await expect.poll(() => first.textContent()).toContain(ref);
    expect(await first.textContent()).toContain('Anmälan försenad');
    await page.getByRole('status').filter({ hasText: 'Allvarliga händelser: 1. Försenade: 1.' }).waitFor();
    await expectAccessible(page, 'deadlines page');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /Serious events/ }).waitFor();
    const firstEn = grid(page, 'Serious events, overdue first').getByRole('row').nth(1);
    await expect.poll(() => firstEn.textContent()).toContain('Report overdue');
    await expectAccessible(page, 'deadlines page (en)');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await table.waitFor();

    // The incident warns, and the report to the Authority is recorded by keyboard.
    await first.getByRole('link', { name: ref }).click();
    await page.getByRole('heading', { level: 1, name: `Händelse ${ref}` }).waitFor();
    await panel.getByText('Tidsfristen har gått ut').first().waitFor();
    await expectAccessible(page, 'overdue incident');
    await panel.getByRole('textbox', { name: 'Arbetsmiljöverkets diarienummer' }).focus();
    await page.keyboard.type('2026/012345');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Anmälan till Arbetsmiljöverket är registrerad' })
      .waitFor();
    await expect.poll(() => panel.textContent()).toContain('diarienummer 2026/012345');

    await page.goto('/incidents/deadlines');
    await expect
      .poll(() => table.getByRole('row').filter({ hasText: ref }).textContent())
      .toContain('Anmäld');
    await page.getByRole('status').filter({ hasText: 'Allvarliga händelser: 1. Försenade: 0.' }).waitFor();
    await context.close();
  }, 180_000);
});
