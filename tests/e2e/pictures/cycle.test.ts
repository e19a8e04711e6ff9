import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signInOverApi } from '../incidents/support.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { EXPECTED, type PictureCity, seedPictureCity } from './support/seed.ts';

let server: TestServer;
let browser: Browser;
let city: PictureCity;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    // The movable clock is refused in production; the server is otherwise the built app.
    startTestServer({ TRYGG_TEST_CLOCK: 'on', NODE_ENV: 'test' }),
    launchBrowser(),
  ]);
  city = await seedPictureCity(server);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const DAY_MINUTES = 24 * 60;
const swedishDay = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short' }).format(d);
const plusDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

async function pageAs(person: PictureCity['prevention']): Promise<{ page: Page; problems: string[] }> {
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  try {
    await signIn(page, person);
  } catch (e) {
    throw new Error(
      `sign-in failed: ${String(e)}\npage: ${await page.content()}\nproblems: ${problems.join('\n')}`,
    );
  }
  return { page, problems };
}

/** Confirms the open dialog with its primary button and waits for the panel's announcement. */
async function confirmIn(page: Page, dialogName: RegExp, button: string, announcement: string) {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: announcement }).waitFor();
}

describe('the yearly cycle of risk and situational pictures', () => {
  it('a coordinator freezes, signs off and submits; the executive board sees the submission and a late committee, and opens it', async () => {
    const analystApi = await signInOverApi(server.baseUrl, city.analyst.email, city.analyst.password);
    const coordinatorApi = await signInOverApi(
      server.baseUrl,
      city.prevention.email,
      city.prevention.password,
    );

    // This year's cycle, with a deadline a week from now set by the executive board.
    const start = await analystApi.expect<{ year: number }>(200, 'GET', '/api/pictures/cycle');
    const year = start.year;
    const deadline = plusDays(swedishDay(new Date()), 7);
    await analystApi.expect(200, 'PUT', `/api/pictures/cycle/${year}/deadline`, { deadline });

    const picture = await coordinatorApi.expect<{ id: string }>(201, 'POST', '/api/pictures', {
      organisationId: city.committee,
      title: `Risk- och lägesbild Skärholmen ${year}`,
      cycleYear: year,
      areaIds: [city.skarholmen.id],
      period: EXPECTED.period,
    });

    // The coordinator opens the picture and writes the analysis.
    const { page, problems } = await pageAs(city.prevention);
    await page.goto(`/pictures/${picture.id}`);
    await page.getByRole('heading', { level: 1, name: `Risk- och lägesbild Skärholmen ${year}` }).waitFor();
    await page.getByRole('heading', { level: 2, name: '3. Analys' }).waitFor();
    await page
      .getByRole('textbox', { name: 'Var är problemen störst?' })
      .fill('Stölder i Skärholmens centrum, främst kvällstid; kvinnor drabbas oftare.');
    await page
      .getByRole('textbox', { name: 'Slutsatser' })
      .fill('Belysning och trygghetsvandringar i centrum.');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Sparat.').waitFor();

    const panel = page.getByRole('region', { name: 'Versioner och inlämning' });
    await panel.getByText('Ingen version är fryst ännu.').waitFor();
    // Nothing to sign or submit yet: the buttons say why.
    expect(await panel.getByRole('button', { name: 'Skriv under' }).isDisabled()).toBe(true);
    await panel.getByText('Frys en version först – det är den som skrivs under.').waitFor();
    expect(await panel.getByRole('button', { name: 'Lämna in till kommunstyrelsen' }).isDisabled()).toBe(
      true,
    );

    // Freeze, by keyboard: the dialog explains what happens.
    await panel.getByRole('button', { name: 'Frys en version' }).focus();
    await page.keyboard.press('Enter');
    const freezeDialog = page.getByRole('dialog', { name: 'Frys en version av lägesbilden?' });
    await freezeDialog.getByText('Versionen ändras aldrig efteråt', { exact: false }).waitFor();
    await expectAccessible(page, 'freeze dialog');
    await confirmIn(page, /Frys en version/, 'Frys version 1', 'Version 1 är fryst.');
    const versions = panel.getByRole('grid', { name: 'Frysta versioner av lägesbilden' });
    await expect
      .poll(() => versions.getByRole('row').filter({ hasText: 'Version 1' }).textContent())
      .toContain('Fryst');
    expect(await versions.textContent()).toContain('Pia Förebyggare');

    // Sign off, then submit to the executive board.
    await panel.getByRole('button', { name: 'Skriv under' }).click();
    await confirmIn(page, /Skriva under version 1/, 'Skriv under version 1', 'Version 1 är underskriven.');
    await panel.getByRole('button', { name: 'Lämna in till kommunstyrelsen' }).click();
    await confirmIn(
      page,
      /Lämna in version 1 till kommunstyrelsen/,
      'Lämna in version 1',
      'Version 1 är inlämnad till kommunstyrelsen.',
    );
    await expect
      .poll(() => versions.getByRole('row').filter({ hasText: 'Version 1' }).textContent())
      .toContain('Inlämnad');
    await expectAccessible(page, 'picture page with a submitted version');
    expect(problems).toEqual([]);

    const submitted = await coordinatorApi.expect<{ snapshots: { id: string; status: string }[] }>(
      200,
      'GET',
      `/api/pictures/${picture.id}`,
    );
    expect(submitted.snapshots.map((s) => s.status)).toEqual(['submitted']);
    const snapshotId = submitted.snapshots[0]!.id;

    // Past the deadline: Hägersten-Älvsjö's committee, which has not started, is late.
    await city.admin.expect(200, 'POST', '/api/test/clock', { advanceMinutes: 8 * DAY_MINUTES });

    const board = await pageAs(city.analyst);
    const bp = board.page;
    await bp.goto(`/pictures/cycle?year=${year}`);
    await bp.getByRole('heading', { level: 1, name: 'Årets risk- och lägesbilder' }).waitFor();
    const table = bp.getByRole('grid', {
      name: `Nämnder och bolag och deras risk- och lägesbild för ${year}`,
    });
    const skarholmen = table.getByRole('row').filter({ hasText: 'Skärholmens stadsdelsnämnd' });
    const hagersten = table.getByRole('row').filter({ hasText: 'Hägersten-Älvsjö stadsdelsnämnd' });
    await expect.poll(() => skarholmen.textContent()).toContain('Inlämnad');
    expect(await skarholmen.textContent()).not.toContain('Sen');
    expect(await hagersten.textContent()).toContain('Inte påbörjad');
    expect(await hagersten.textContent()).toContain('Sen');
    expect(await bp.getByTestId('cycle-count-submitted').textContent()).toBe('1');
    expect(await bp.getByTestId('cycle-count-late').textContent()).toBe('1');
    expect(await bp.getByTestId('cycle-deadline').textContent()).toContain(deadline);
    await expectAccessible(bp, 'cycle page');
    await bp.getByRole('button', { name: 'English' }).click();
    await bp.getByRole('heading', { level: 1, name: 'This year’s risk and situational pictures' }).waitFor();
    await expect
      .poll(() => bp.getByRole('row').filter({ hasText: 'Skärholmens stadsdelsnämnd' }).textContent())
      .toContain('Submitted');
    await expectAccessible(bp, 'cycle page (English)');
    await bp.getByRole('button', { name: 'Svenska' }).click();
    await bp.locator('html[lang="sv"]').waitFor();

    // Only the late: Skärholmen drops out of the table.
    // By keyboard: focus the box and press Space.
    const onlyLate = bp.getByRole('checkbox', { name: 'Visa bara sena' });
    await onlyLate.focus();
    await bp.keyboard.press('Space');
    await expect.poll(() => onlyLate.isChecked()).toBe(true);
    await expect.poll(() => skarholmen.count()).toBe(0);
    expect(await hagersten.count()).toBe(1);
    await bp.keyboard.press('Space');
    await expect.poll(() => skarholmen.count()).toBe(1);

    // The submission opens as frozen: its analysis and figures.
    await skarholmen.getByRole('link', { name: 'Öppna inlämningen från Skärholmens stadsdelsnämnd' }).click();
    await bp.waitForURL(`**/pictures/snapshots/${snapshotId}`);
    await bp
      .getByRole('heading', { level: 1, name: `Risk- och lägesbild Skärholmen ${year} – version 1` })
      .waitFor();
    await bp.getByRole('heading', { level: 2, name: '1. Kartläggning av brottsligheten' }).waitFor();
    await bp.getByText('Stölder i Skärholmens centrum, främst kvällstid; kvinnor drabbas oftare.').waitFor();
    const facts = await bp.getByRole('region', { name: 'Uppgifter om versionen' }).textContent();
    expect(facts).toContain('Skärholmens stadsdelsnämnd');
    expect(facts).toContain('Inlämnad');
    await expectAccessible(bp, 'snapshot page');
    expect(board.problems).toEqual([]);
  }, 240_000);
});
