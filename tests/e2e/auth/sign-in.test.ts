import type { Browser, Page } from 'playwright-core';
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

async function signInWithForm(page: Page, email: string, password: string) {
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
}

describe('signing in with a local account', () => {
  it('signs in, shows the start page in Swedish, switches to English and back, and signs out', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Logga in');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await expectAccessible(page, 'sign-in page');

    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();
    expect(await page.title()).toContain('Trygg');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Administratör');
    await expectAccessible(page, 'start page (sv)');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page, 'start page (en)');

    // The choice is remembered across a reload (and saved for the user).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();

    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();

    await page.getByRole('button', { name: /Användarmeny|Administratör/ }).click();
    await page.getByRole('menuitem', { name: 'Logga ut' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await expectAccessible(page, 'sign-in page after sign-out');

    // The session is over on the server too.
    const session = await page.evaluate(async () => (await fetch('/api/session')).json());
    expect(session.user).toBeNull();
    await context.close();
  });

  it('shows a generic error for a wrong password, without revealing whether the account exists', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await signInWithForm(page, E2E_ADMIN.email, 'wrong-password-123');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Fel e-postadress eller lösenord');
    await expectAccessible(page, 'sign-in page with error');
    await context.close();
  });

  it('signs in with the keyboard alone', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    // The skip link is the first thing Tab reaches.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till huvudinnehållet');
    // Tab on to the e-mail field, type, Tab to the password, type, Enter.
    for (let i = 0; i < 20; i++) {
      const label = await page.evaluate(
        () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '',
      );
      if (label.startsWith('E-postadress')) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(E2E_ADMIN.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(E2E_ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();
    // Focus moved to the new page's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await context.close();
  });

  it('shows a not-found page for an unknown address', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();
    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
    await expectAccessible(page, 'not-found page');
    await page.getByRole('main').getByRole('link', { name: 'Till startsidan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();
    await context.close();
  });

  it('works on a narrow phone screen', async () => {
    const context = await newContext(browser, server.baseUrl, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'sign-in page at 320 px');
    await context.close();
  });
});

describe('the accessibility statement', () => {
  it('is reachable from the footer without signing in, in Swedish and English', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' }).waitFor();
    await expectAccessible(page, 'accessibility statement (sv)');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
    await expectAccessible(page, 'accessibility statement (en)');
    await context.close();
  });
});
