import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/server/db/embedded.ts';
import { type OidcProviderHandle, startOidcProvider } from '../../support/oidc-provider.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;
let provider: OidcProviderHandle;
const providerErrors: unknown[] = [];

beforeAll(async () => {
  const port = await freePort();
  provider = await startOidcProvider({
    clientId: 'trygg-e2e',
    clientSecret: 'trygg-e2e-secret-0123456789',
    redirectUris: [`http://127.0.0.1:${port}/api/auth/oidc/callback`],
    accounts: [
      { sub: 'anna-1', email: 'anna.andersson@stad.example', email_verified: true, name: 'Anna Andersson' },
    ],
    onError: (err) => providerErrors.push(err),
  });
  provider.setNextAccount('anna-1');
  [server, browser] = await Promise.all([
    startTestServer(
      {
        TRYGG_OIDC_ISSUER: provider.issuer,
        TRYGG_OIDC_CLIENT_ID: 'trygg-e2e',
        TRYGG_OIDC_CLIENT_SECRET: 'trygg-e2e-secret-0123456789',
        TRYGG_OIDC_LABEL: 'Testkommunens konto',
        TRYGG_OIDC_ALLOW_HTTP: 'true',
      },
      { port },
    ),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

describe("signing in with the city's identity provider", () => {
  it('signs in a new user through the provider and lands on the start page', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    const button = page
      .getByRole('link', { name: 'Logga in med Testkommunens konto' })
      .or(page.getByRole('button', { name: 'Logga in med Testkommunens konto' }));
    await button.waitFor();
    await expectAccessible(page, 'sign-in page with OIDC');
    await button.click();
    await page.getByRole('heading', { level: 1, name: 'Välkommen, Anna Andersson' }).waitFor();
    expect(new URL(page.url()).origin).toBe(server.baseUrl);
    // A new user has no roles until an administrator grants them.
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Du har inga roller');
    await expectAccessible(page, 'start page of a new OIDC user');
    expect(providerErrors).toEqual([]);
    await context.close();
  });

  it('shows a clear message when the sign-in comes back refused', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/login?error=oidc_state_mismatch');
    await expect
      .poll(() => page.getByRole('main').textContent())
      .toContain('Inloggningen kunde inte slutföras');
    await expectAccessible(page, 'sign-in page with OIDC error');
    await context.close();
  });
});
