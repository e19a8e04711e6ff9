import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';
import {
  type City,
  connectToServerDatabase,
  createCity,
  grid,
  report,
  rowsMentioning,
  signIn,
  signInOverApi,
  typeIdOf,
} from './support.ts';

let smtp: TestSmtpServer;
let server: TestServer;
let browser: Browser;
let city: City;

beforeAll(async () => {
  smtp = await startSmtpServer();
  [server, browser] = await Promise.all([
    // Everything the server logs, so that "nothing in the logs" means something.
    startTestServer({ TRYGG_SMTP_URL: smtp.url, LOG_LEVEL: 'debug' }),
    launchBrowser(),
  ]);
  city = await createCity(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('threats are need-to-know', () => {
  it("refuses another committee's coordinator (plainly, and audited); its own grants and withdraws access", async () => {
    const { employee, coordinatorB, unitA } = city;
    const eva = await signInOverApi(server.baseUrl, employee.email, employee.password);
    const receipt = await report(eva, {
      typeId: await typeIdOf(eva, 'threat_employee'),
      organisationId: unitA,
      affectedSelf: true,
      description: 'Hot via telefon från en anhörig till en klient.',
    });

    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, coordinatorB);
    await page.goto(`/incidents/${receipt.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ingen behörighet' }).waitFor();
    await page.getByText('Du har inte behörighet att se den här händelsen.').waitFor();
    expect(await page.getByRole('main').textContent()).not.toContain('anhörig');
    await expectAccessible(page, 'forbidden incident');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
    await expectAccessible(page, 'forbidden incident (en)');
    await context.close();

    // The administrator finds the refused attempt in the audit log, with who made it.
    const adminContext = await newContext(browser, server.baseUrl);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, E2E_ADMIN);
    await adminPage.goto('/audit');
    await adminPage.getByLabel('Objektets id').fill(receipt.id);
    await adminPage.getByRole('button', { name: 'Filtrera' }).click();
    const log = grid(adminPage, 'Granskningshändelser');
    const denied = log.getByRole('row').filter({ hasText: 'incident.read_denied' });
    await expect.poll(() => denied.count()).toBe(1);
    expect(await denied.textContent()).toContain(coordinatorB.name);
    await adminContext.close();

    // Its own committee's coordinator grants HR access, with a reason; HR then reads it as a participant.
    const sam = await newContext(browser, server.baseUrl);
    const samPage = await sam.newPage();
    await signIn(samPage, city.coordinatorA);
    await samPage.goto(`/incidents/${receipt.id}`);
    await samPage.getByRole('heading', { level: 1, name: `Händelse ${receipt.reference}` }).waitFor();
    await samPage.getByRole('button', { name: 'Ge behörighet' }).click();
    const grant = samPage.getByRole('dialog', { name: 'Ge behörighet till händelsen' });
    await grant.waitFor();
    await grant.getByRole('combobox', { name: 'Person' }).fill('Lena');
    await samPage.getByRole('option', { name: /Lena Personal/ }).click();
    await grant.getByRole('textbox', { name: 'Skäl' }).fill('Stöd till medarbetaren från HR.');
    await expectAccessible(samPage, 'grant dialog');
    await grant.getByRole('button', { name: 'Ge behörighet' }).click();
    await samPage.getByRole('status').filter({ hasText: 'Lena Personal har fått behörighet.' }).waitFor();
    const access = samPage.getByRole('region', { name: 'Behörighet' });
    await expect.poll(() => access.textContent()).toContain('Skäl: Stöd till medarbetaren från HR.');

    const hr = await newContext(browser, server.baseUrl);
    const hrPage = await hr.newPage();
    await signIn(hrPage, city.hr);
    await hrPage.goto(`/incidents/${receipt.id}`);
    await hrPage.getByRole('heading', { level: 1, name: `Händelse ${receipt.reference}` }).waitFor();
    await hrPage.getByText('Hot via telefon från en anhörig till en klient.').waitFor();
    // A participant sees the report, not the handling.
    expect(await hrPage.getByRole('button', { name: 'Starta utredning' }).count()).toBe(0);
    expect(await hrPage.getByRole('region', { name: 'Behörighet' }).count()).toBe(0);
    await expectAccessible(hrPage, 'participant view');

    // Withdrawn again: HR is refused from then on.
    await access.getByRole('button', { name: 'Ta bort behörighet för Lena Personal' }).click();
    const revoke = samPage.getByRole('alertdialog', { name: 'Ta bort behörighet för Lena Personal?' });
    await revoke.getByRole('button', { name: 'Ta bort behörighet' }).click();
    await samPage
      .getByRole('status')
      .filter({ hasText: 'Lena Personal har inte längre behörighet.' })
      .waitFor();
    await sam.close();
    await hrPage.reload();
    await hrPage.getByRole('heading', { level: 1, name: 'Ingen behörighet' }).waitFor();
    await hr.close();
  }, 120_000);

  it('leaves no trace of an anonymous reporter in the database, the logs, the audit log or the e-mails', async () => {
    const { employee, manager, coordinatorA, unitA, admin } = city;
    const eva = await signInOverApi(server.baseUrl, employee.email, employee.password);
    const typeId = await typeIdOf(eva, 'bribery');
    const traces = [employee.id, employee.email, employee.name];
    const db = await connectToServerDatabase(server);
    try {
      // What mentions the reporter before the report: her account, roles, sessions, sign-ins.
      const before = new Set(await rowsMentioning(db, traces));
      const logFrom = server.output().length;
      const mailsFrom = smtp.messages.length;

      const receipt = await report(eva, {
        typeId,
        organisationId: unitA,
        anonymous: true,
        affectedKind: 'unknown',
        description: 'En leverantör erbjöd presentkort mot att vi valde deras anbud.',
      });
      expect(receipt.anonymous).toBe(true);
      const ref = receipt.reference;
      // Routed as usual: the manager and the coordinator are told.
      const toManager = await smtp.waitFor(
        (m) => m.envelope.to.includes(manager.email) && m.raw.includes(ref),
      );
      const toCoordinator = await smtp.waitFor(
        (m) => m.envelope.to.includes(coordinatorA.email) && m.raw.includes(ref),
      );

      // The database: no row was added or changed that names her (sessions aside: her own sign-in).
      const after = await rowsMentioning(db, traces);
      const added = after.filter((row) => !before.has(row) && !row.startsWith('sessions: '));
      expect(added).toEqual([]);
      const stored = await db.query('SELECT * FROM incidents WHERE id = $1', [receipt.id]);
      expect(stored.rows).toHaveLength(1);
      expect(JSON.stringify(stored.rows[0])).not.toMatch(new RegExp(traces.join('|'), 'i'));

      // The logs written since, at debug level.
      const log = server.output().slice(logFrom);
      for (const trace of traces) expect(log).not.toContain(trace);

      // The e-mails: none to her, and none that names her — in headers or body.
      const mails = smtp.messages.slice(mailsFrom);
      expect(mails).toContain(toManager);
      expect(mails).toContain(toCoordinator);
      for (const mail of mails) {
        expect(mail.envelope.to).not.toContain(employee.email);
        for (const trace of traces) expect(mail.raw).not.toContain(trace);
      }

      // The audit log: the report is recorded, by nobody.
      const audit = await admin.expect<{ items: { action: string; actorId: string | null }[] }>(
        200,
        'GET',
        `/api/audit-events?targetId=${receipt.id}`,
      );
      expect(audit.items.length).toBeGreaterThan(0);
      for (const entry of audit.items) expect(entry.actorId).not.toBe(employee.id);

      // The manager sees an anonymous report, with nobody to write back to (on a phone, here).
      const context = await newContext(browser, server.baseUrl, { viewport: { width: 375, height: 800 } });
      const page = await context.newPage();
      await signIn(page, manager);
      await page.goto(`/incidents/${receipt.id}`);
      await page.getByRole('heading', { level: 1, name: `Händelse ${ref}` }).waitFor();
      await page.getByText('Anonym – inga uppgifter om rapportören sparas').waitFor();
      expect(await page.getByRole('main').textContent()).not.toContain(employee.name);
      expect(await page.getByRole('radio', { name: /Meddelande till rapportören/ }).isDisabled()).toBe(true);
      await expectAccessible(page, 'anonymous incident');
      // Nothing wider than the phone's screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await context.close();
    } finally {
      await db.end();
    }
  });
});
