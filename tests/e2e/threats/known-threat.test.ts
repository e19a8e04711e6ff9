import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp.ts';
import {
  type ApiSession,
  connectToServerDatabase,
  grid,
  type Person,
  report,
  rowsMentioning,
  signIn,
  signInOverApi,
  typeIdOf,
} from '../incidents/support.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { E2E_ADMIN, startTestServer, type TestServer } from '../support/server.ts';

let smtp: TestSmtpServer;
let server: TestServer;
let browser: Browser;
let people: Record<'hanna' | 'omar' | 'nora' | 'sam', Person>;
let unitA: string;

const REFERENCE = 'ÄR-2026-0042';
/** The forms the reference is typed in here; none may be stored or logged. */
const TRACES = [REFERENCE, 'ÄR20260042', 'är 2026-0042', 'ÄR 2026 0042'];
const PHONE = { width: 375, height: 740 };

async function createPeople(): Promise<void> {
  const admin = await signInOverApi(server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
  const session = await admin.expect<{ user: { roles: { role: string; organisationId: string }[] } }>(
    200,
    'GET',
    '/api/session',
  );
  const root = session.user.roles.find((r) => r.role === 'administrator')!.organisationId;
  const org = async (body: Record<string, unknown>) =>
    (await admin.expect<{ id: string }>(201, 'POST', '/api/organisations', body)).id;
  const committeeA = await org({
    name: 'Socialnämnden',
    kind: 'committee',
    committeeType: 'specialist',
    parentId: root,
  });
  unitA = await org({ name: 'Försörjningsstöd', kind: 'unit', parentId: committeeA });
  const committeeB = await org({
    name: 'Stadsdelsnämnden Norr',
    kind: 'committee',
    committeeType: 'district',
    parentId: root,
  });
  const person = async (key: string, name: string, role: string, organisationId: string) => {
    const email = `${key}@e2e.local`;
    const password = 'Hemligt-ord-2026!';
    const created = await admin.expect<{ id: string }>(201, 'POST', '/api/users', {
      email,
      name,
      password,
      role,
      organisationId,
    });
    return { id: created.id, name, email, password };
  };
  people = {
    hanna: await person('hanna', 'Hanna Handläggare', 'case_worker', unitA),
    omar: await person('omar', 'Omar Handläggare', 'case_worker', committeeA),
    nora: await person('nora', 'Nora Handläggare', 'case_worker', committeeB),
    sam: await person('sam', 'Sam Samordnare', 'security_coordinator', committeeA),
  };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  [server, browser] = await Promise.all([
    // Everything the server logs, so that "not in the logs" means something.
    startTestServer({ TRYGG_SMTP_URL: smtp.url, LOG_LEVEL: 'debug' }),
    launchBrowser(),
  ]);
  await createPeople();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** The day in Stockholm, as the Swedish page writes it. */
const swedishDay = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(at);

/** Checks a case reference on /threats with the keyboard only, as a case worker on a phone would. */
async function checkByKeyboard(page: Page, reference: string) {
  await page.goto('/threats');
  await page.getByRole('heading', { level: 1, name: 'Varningar om hot i mina ärenden' }).waitFor();
  const field = page.getByRole('textbox', { name: 'Ärendenummer' });
  await field.waitFor();
  // From the page heading, Tab reaches the reference field first.
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('Tab');
  await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(reference);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ansökan om bistånd');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'Resultat för ärendet' }).waitFor();
  // Focus moves to the result, so that it is read out and the next Tab starts there.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')))
    .toBe('threats-result');
}

describe('the known-threat register', () => {
  it('warns the next case worker in the same committee, and not one of another committee', async () => {
    const occurredAt = new Date(Date.now() - 2 * 3_600_000);
    const hanna: ApiSession = await signInOverApi(server.baseUrl, people.hanna.email, people.hanna.password);
    const receipt = await report(hanna, {
      typeId: await typeIdOf(hanna, 'threat_employee'),
      organisationId: unitA,
      occurredAt: occurredAt.toISOString(),
      affectedSelf: true,
      description: 'Klienten hotade mig vid besöket och sa att han vet var jag bor.',
      caseReference: REFERENCE,
    });
    const logFrom = server.output().length;

    // Omar, another case worker of the same committee, on his phone and with the keyboard only.
    const omarContext = await newContext(browser, server.baseUrl, { viewport: PHONE });
    const omar = await omarContext.newPage();
    await signIn(omar, people.omar);
    await omar.goto('/threats');
    await omar.getByRole('heading', { level: 3, name: 'Du bevakar inga ärenden ännu' }).waitFor();
    await expectAccessible(omar, 'threats page, empty');
    await checkByKeyboard(omar, 'är 2026-0042');
    const warning = `Hot mot personal har registrerats: ${swedishDay(occurredAt)}, Hot mot anställd`;
    const result = omar.getByRole('region', { name: 'Resultat för ärendet' });
    await result.getByText('Varning: hot mot personal har registrerats i det här ärendet').waitFor();
    await result.getByText(warning).waitFor();
    // Nothing more than the date and type: not the description, not the report.
    const main = omar.getByRole('main');
    expect(await main.textContent()).not.toContain('vet var jag bor');
    expect(await main.textContent()).not.toContain(receipt.reference);
    expect(await omar.getByRole('link', { name: /Läs rapporten/ }).count()).toBe(0);
    // Whom to ask for more.
    await omar.getByText('Säkerhetssamordnare i Socialnämnden:').waitFor();
    await omar.getByRole('link', { name: people.sam.email }).waitFor();
    // The case stays in the list, with the warning.
    const cases = omar.getByRole('region', { name: 'Ärenden jag bevakar' });
    await cases.getByRole('heading', { level: 3, name: 'Ansökan om bistånd' }).waitFor();
    await cases.getByText(warning).waitFor();
    await expectAccessible(omar, 'threats page with a warning');
    const width = await omar.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no sideways scrolling on a phone').toBeLessThanOrEqual(PHONE.width);

    await omar.getByRole('button', { name: 'English' }).click();
    await omar.getByRole('heading', { level: 1, name: 'Threat warnings for my cases' }).waitFor();
    await omar
      .getByText(/Threats against staff recorded: .*, Threat against an employee/)
      .first()
      .waitFor();
    await expectAccessible(omar, 'threats page (en)');
    await omar.getByRole('button', { name: 'Svenska' }).click();
    await omar.getByRole('heading', { level: 1, name: 'Varningar om hot i mina ärenden' }).waitFor();

    // Nora works for another committee: secrecy applies between committees, so no warning.
    const noraContext = await newContext(browser, server.baseUrl, { viewport: PHONE });
    const nora = await noraContext.newPage();
    await signIn(nora, people.nora);
    await checkByKeyboard(nora, REFERENCE);
    await nora
      .getByRole('region', { name: 'Resultat för ärendet' })
      .getByText('Inga hot mot personal är registrerade i det här ärendet')
      .waitFor();
    expect(await nora.getByRole('main').textContent()).not.toContain('Hot mot personal har registrerats');
    await expectAccessible(nora, 'threats page without a warning');
    await noraContext.close();

    // The security coordinator sees who follows the same case, and grants Omar access to the report.
    const samContext = await newContext(browser, server.baseUrl);
    const sam = await samContext.newPage();
    await signIn(sam, people.sam);
    await sam.getByRole('navigation').getByRole('link', { name: 'Hotregistret' }).click();
    await sam.getByRole('heading', { level: 1, name: 'Register över kända hot' }).waitFor();
    const table = grid(sam, 'Register över kända hot');
    const row = table.getByRole('row').filter({ hasText: receipt.reference });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Omar Handläggare');
    expect(await row.textContent()).not.toContain('Nora');
    await expectAccessible(sam, 'threat register');
    await row.getByRole('button', { name: 'Ge Omar Handläggare tillgång till rapporten' }).click();
    const dialog = sam.getByRole('dialog', { name: 'Ge Omar Handläggare tillgång till rapporten' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Skäl' }).fill('Ska träffa klienten ensam på torsdag');
    await expectAccessible(sam, 'grant dialog');
    await dialog.getByRole('button', { name: 'Ge tillgång' }).click();
    await sam
      .getByRole('status')
      .filter({ hasText: 'Omar Handläggare har fått tillgång till rapporten' })
      .waitFor();
    await expect.poll(() => row.textContent()).toContain('Omar Handläggare – har tillgång');
    await samContext.close();
    await smtp.waitFor((m) => m.envelope.to.includes(people.omar.email));

    // Now Omar can open the report from his warning.
    await omar.reload();
    const open = omar.getByRole('link', { name: `Läs rapporten från ${swedishDay(occurredAt)}` }).first();
    await open.waitFor();
    await open.click();
    await omar.waitForURL(`**/incidents/${receipt.id}`);
    await omar.getByText('vet var jag bor').waitFor();
    await omarContext.close();

    // The reference was never stored, in any form, nor written to the log.
    const db = await connectToServerDatabase(server);
    try {
      expect(await rowsMentioning(db, TRACES)).toEqual([]);
      const hashes = await db.query('SELECT case_ref_hmac FROM threat_register_cases');
      expect(hashes.rows.length).toBe(2);
    } finally {
      await db.end();
    }
    const log = server.output().slice(logFrom);
    for (const trace of TRACES) expect(log.toLowerCase()).not.toContain(trace.toLowerCase());
  }, 180_000);

  it('lets a case worker stop following a case, after confirming', async () => {
    const context = await newContext(browser, server.baseUrl, { viewport: PHONE });
    const page = await context.newPage();
    await signIn(page, people.hanna);
    await checkByKeyboard(page, 'BM-7781');
    const cases = page.getByRole('region', { name: 'Ärenden jag bevakar' });
    await cases.getByRole('heading', { level: 3, name: 'Ansökan om bistånd' }).waitFor();
    await cases.getByRole('button', { name: 'Sluta bevaka Ansökan om bistånd' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Sluta bevaka ärendet?' });
    await confirm.waitFor();
    await expectAccessible(page, 'stop following dialog');
    await confirm.getByRole('button', { name: 'Sluta bevaka' }).click();
    await page.getByRole('status').filter({ hasText: 'Ärendet bevakas inte längre.' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Du bevakar inga ärenden ännu' }).waitFor();
    await context.close();
  }, 180_000);
});
