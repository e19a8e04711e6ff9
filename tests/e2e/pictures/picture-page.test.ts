import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signInOverApi } from '../incidents/support.ts';
import { expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { EXPECTED, type PictureCity, seedPictureCity } from './support/seed.ts';

let server: TestServer;
let browser: Browser;
let city: PictureCity;
let vandalismLabel: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  city = await seedPictureCity(server);
  const taxonomy = await city.admin.expect<{ types: { code: string; labelSv: string }[] }>(
    200,
    'GET',
    '/api/incident-taxonomy',
  );
  vandalismLabel = taxonomy.types.find((t) => t.code === 'vandalism')!.labelSv;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page signed in as the crime-prevention coordinator, failing the test on any console error. */
async function coordinatorPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  // The pages draw many charts; on a busy machine give them time.
  page.setDefaultTimeout(60_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await signIn(page, city.prevention);
  return { page, problems };
}

async function toEnglishAndBack(page: Page, label: string, heading: string | RegExp) {
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expectAccessible(page, `${label} (English)`);
  await page.getByRole('button', { name: 'Svenska' }).click();
  await page.locator('html[lang="sv"]').waitFor();
}

const { period } = EXPECTED;

describe('the situational picture', () => {
  it('lets a crime-prevention coordinator explore Skärholmen\'s picture: map, trend, gender breakdown, a chart\'s table and "<5"', async () => {
    const { page, problems } = await coordinatorPage();
    await page.goto(`/pictures/explore?areas=${city.skarholmen.id}&from=${period.from}&to=${period.to}`);
    await page.getByRole('heading', { level: 1, name: 'Utforska lägesbilden' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '1. Kartläggning av brottsligheten' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '2. Annan relevant information' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Källor och täckning' }).waitFor();
    // The choice is in the URL: the form shows it.
    await expect.poll(() => page.getByRole('radio', { name: 'Valda områden' }).isChecked()).toBe(true);

    // Gender breakdown with the gap: women 12 + 3, men 8 (Skärholmen's committee, 2025).
    const women = EXPECTED.theftWomen + EXPECTED.vandalismWomen;
    const men = EXPECTED.theftMen;
    const gender = page.getByRole('table', { name: 'Egna rapporter efter den drabbades kön' });
    await expect
      .poll(() => gender.getByRole('row', { name: /^Kvinnor/ }).textContent())
      .toContain(String(women));
    expect(await gender.getByRole('row', { name: /^Män/ }).textContent()).toContain(String(men));
    expect(await gender.getByRole('row', { name: /^Skillnad kvinnor − män/ }).textContent()).toContain(
      `+${women - men}`,
    );
    expect(await gender.getByRole('row', { name: /^Kvot kvinnor\/män/ }).textContent()).toContain('1,88');

    // Own reports and police events side by side, never added.
    const totals = page.getByRole('table', {
      name: 'Egna rapporter och polisens händelser, perioden och jämförelseperioden',
    });
    const current = await totals.getByRole('row', { name: /^Perioden/ }).textContent();
    expect(current).toContain(String(women + men));
    expect(current).toContain(String(EXPECTED.policeTheft));
    expect(current).not.toContain(String(women + men + EXPECTED.policeTheft));

    // A suppressed cell: 3 reports of vandalism show as "<5".
    const byType = page.getByRole('table', { name: 'Egna rapporter efter händelsetyp' });
    const vandalism = byType.getByRole('row', { name: new RegExp(`^${vandalismLabel}`) });
    expect(await vandalism.textContent()).toContain('<5');
    await page.getByText('Tal under 5 visas som ”<5”', { exact: false }).waitFor();

    // The trend chart is drawn (ECharts, SVG) and its table opens on request.
    const trend = page.getByRole('figure', { name: 'Egna rapporter per månad efter kön' });
    await trend.locator('svg').first().waitFor();
    await trend.getByRole('img', { name: /Egna rapporter per månad efter kön/ }).waitFor();
    const trendTable = trend.getByRole('table', { name: 'Egna rapporter per månad efter kön' });
    expect(await trendTable.isVisible()).toBe(false);
    await trend.getByText('Visa uppgifterna som tabell').click();
    await trendTable.waitFor({ state: 'visible' });
    expect(await trendTable.getByRole('row').count()).toBe(1 + 36);

    // The map: Skärholmen's neighbourhoods shaded, with a legend and a table.
    const map = page.getByRole('figure', { name: 'Egna rapporter per område' });
    await map.getByTestId('choropleth-map').locator('canvas').waitFor();
    await map.getByRole('listitem').filter({ hasText: 'Uppgift saknas eller dold' }).waitFor();
    await map.getByText('Visa uppgifterna som tabell').click();
    const mapTable = map.getByRole('table', { name: 'Egna rapporter och polisens händelser per område' });
    await mapTable.getByRole('row', { name: /^Skärholmen/i }).waitFor();

    // The heat map of weekday and hour.
    await page
      .getByRole('figure', { name: 'Egna rapporter efter veckodag och timme' })
      .locator('svg')
      .first()
      .waitFor();

    await expectAccessible(page, 'explore page');
    await toEnglishAndBack(page, 'explore page', 'Explore the situational picture');

    // On a phone nothing is wider than the screen: wide tables scroll inside their own box.
    await page.setViewportSize({ width: 390, height: 844 });
    const tooWide = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          // Only where the overflow starts (a wide table inside its scroll box does not count).
          .filter((el) => {
            const parent = el.parentElement;
            if (!parent || parent.getBoundingClientRect().right > window.innerWidth + 1) return false;
            const style = getComputedStyle(parent);
            return style.overflowX === 'visible';
          })
          .slice(0, 5)
          .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
      );
    await expect.poll(tooWide).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.getByRole('heading', { level: 2, name: '1. Kartläggning av brottsligheten' }).waitFor();
    expect(problems).toEqual([]);
  }, 240_000);

  it('lets the coordinator create a picture, write the analysis, save, reload and see it — and says when someone else saved first', async () => {
    const { page, problems } = await coordinatorPage();
    await page.goto('/pictures');
    await page.getByRole('heading', { level: 1, name: 'Lägesbilder' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Inga lägesbilder ännu' }).waitFor();
    await page.getByRole('link', { name: 'Utforska siffror utan att spara' }).waitFor();
    await expectAccessible(page, 'pictures page, empty');
    await toEnglishAndBack(page, 'pictures page', 'Situational pictures');

    // A new picture: the coordinator's only organisation is chosen already.
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Skapa lägesbild' }) });
    await form.getByRole('button', { name: 'Skapa lägesbild' }).click();
    await form.getByText('Fyll i titel.').waitFor(); // nothing sent without a title
    await form.getByRole('textbox', { name: 'Titel' }).fill('Lägesbild Skärholmen 2025');
    await form.getByRole('textbox', { name: 'År i årscykeln' }).fill('2025');
    await form.getByRole('textbox', { name: 'Period från (månad)' }).fill(period.from);
    await form.getByRole('textbox', { name: 'Period till (månad)' }).fill(period.to);
    await form.getByRole('button', { name: 'Skapa lägesbild' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lägesbild Skärholmen 2025' }).waitFor();
    const pictureUrl = page.url();
    expect(pictureUrl).toMatch(/\/pictures\/[0-9a-f-]{36}$/);
    const pictureId = pictureUrl.split('/').at(-1)!;

    // The live figures of the picture, with the three parts.
    await page.getByRole('heading', { level: 2, name: '1. Kartläggning av brottsligheten' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '3. Analys' }).waitFor();

    const where = page.getByRole('textbox', { name: 'Var är problemen störst?' });
    await where.fill('Stölder i Skärholmens centrum, främst kvällstid; kvinnor drabbas oftare.');
    await page.getByRole('textbox', { name: 'Slutsatser' }).fill('Fler trygghetsvandringar i centrum.');
    await page.getByText('Du har ändringar som inte är sparade.').waitFor();
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Sparat.').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Lägesbild Skärholmen 2025' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Var är problemen störst?' }).inputValue()).toBe(
      'Stölder i Skärholmens centrum, främst kvällstid; kvinnor drabbas oftare.',
    );
    expect(await page.getByRole('textbox', { name: 'Slutsatser' }).inputValue()).toBe(
      'Fler trygghetsvandringar i centrum.',
    );
    await page.getByRole('heading', { level: 2, name: '1. Kartläggning av brottsligheten' }).waitFor();
    // The coordinator holds extremism.read in the committee: its section and analysis are on the same template.
    await page.getByRole('heading', { level: 2, name: 'Våldsbejakande extremism' }).waitFor();
    await page.getByRole('textbox', { name: 'Analys av våldsbejakande extremism' }).waitFor();
    await expectAccessible(page, 'picture page');
    await toEnglishAndBack(page, 'picture page', 'Lägesbild Skärholmen 2025');

    // Someone else saves in between: a clear message, nothing overwritten.
    const other = await signInOverApi(server.baseUrl, city.security.email, city.security.password);
    const current = await other.expect<{ revision: number }>(200, 'GET', `/api/pictures/${pictureId}`);
    await other.expect(200, 'PATCH', `/api/pictures/${pictureId}`, {
      revision: current.revision,
      notes: 'Sunes anteckning',
    });
    await page
      .getByRole('textbox', { name: 'Vad betyder detta' })
      .or(page.getByRole('textbox', { name: 'Slutsatser' }))
      .fill('Min ändring');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Någon annan har sparat lägesbilden medan du skrev.', { exact: false }).waitFor();
    const after = await other.expect<{ notes: string; analysis: { conclusions: string } }>(
      200,
      'GET',
      `/api/pictures/${pictureId}`,
    );
    expect(after.notes).toBe('Sunes anteckning');
    expect(after.analysis.conclusions).toBe('Fler trygghetsvandringar i centrum.');
    await page.getByRole('button', { name: 'Ladda om lägesbilden' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('textbox', { name: 'Annan relevant information: samordnarens anteckningar' })
          .inputValue(),
      )
      .toBe('Sunes anteckning');

    // The list shows the picture.
    await page.goto('/pictures');
    await page.getByRole('link', { name: 'Lägesbild Skärholmen 2025' }).waitFor();
    await expectAccessible(page, 'pictures page with a picture');
    // The one expected failure: the stale save's 409.
    expect(problems).toEqual([
      'Failed to load resource: the server responded with a status of 409 (Conflict)',
    ]);
  }, 240_000);

  it('can be written with the keyboard only: the five questions in order, then Save', async () => {
    const { page, problems } = await coordinatorPage();
    const created = await signInOverApi(server.baseUrl, city.prevention.email, city.prevention.password).then(
      (api) =>
        api.expect<{ id: string }>(201, 'POST', '/api/pictures', {
          organisationId: city.committee,
          title: 'Tangentbordsbilden',
          cycleYear: 2025,
          period,
        }),
    );
    await page.goto(`/pictures/${created.id}`);
    await page.getByRole('heading', { level: 2, name: '3. Analys' }).waitFor();
    const questions = [
      'Var är problemen störst?',
      'Jämfört med vad?',
      'Hur har utvecklingen sett ut över tid?',
      'Vilka källor har använts och vilka inte – och hur begränsar det bilden?',
      'Slutsatser',
    ];
    const focusedLabel = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        const id = el.getAttribute('aria-labelledby')?.split(' ')[0];
        return (id ? document.getElementById(id)?.textContent : el.textContent)?.trim() ?? '';
      });
    // Start in the field before the analysis (the notes), as a keyboard user arriving there would.
    await page
      .getByRole('textbox', { name: 'Annan relevant information: samordnarens anteckningar' })
      .focus();
    for (const [i, question] of questions.entries()) {
      await page.keyboard.press('Tab');
      expect(await focusedLabel()).toContain(question);
      await page.keyboard.type(`Svar ${i + 1}`);
    }
    // On to Save (past any links in between), then Enter.
    let onSave = false;
    for (let i = 0; i < 80 && !onSave; i++) {
      await page.keyboard.press('Tab');
      onSave = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Spara');
    }
    expect(onSave).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Sparat.').waitFor();
    const api = await signInOverApi(server.baseUrl, city.prevention.email, city.prevention.password);
    const saved = await api.expect<{ analysis: Record<string, string> }>(
      200,
      'GET',
      `/api/pictures/${created.id}`,
    );
    expect(Object.values(saved.analysis)).toEqual(['Svar 1', 'Svar 2', 'Svar 3', 'Svar 4', 'Svar 5']);
    expect(problems).toEqual([]);
  }, 240_000);
});
