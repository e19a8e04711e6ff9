import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GenderCounts, PictureFigures } from '../../../domain/api/pictures.ts';
import { type Cell, type Equation, monthsBetween, suppressCells, suppressFigures } from './suppression.ts';

const T = 5;

/** A rows × cols table with row totals, column totals and the grand total, as cells and equations. */
function crossTable(values: number[][]): { cells: Cell[]; equations: Equation[]; index: number[][] } {
  const rows = values.length;
  const cols = values[0]!.length;
  const cells: Cell[] = [];
  const add = (v: number) => cells.push({ value: v, state: 'shown' }) - 1;
  // index[r][c]; index[r][cols] row total; index[rows][c] column total; index[rows][cols] grand total.
  const index: number[][] = [];
  for (let r = 0; r < rows; r++) {
    index.push(values[r]!.map(add));
    index[r]!.push(add(values[r]!.reduce((s, v) => s + v, 0)));
  }
  const totals: number[] = [];
  for (let c = 0; c <= cols; c++) totals.push(add(index.reduce((s, row) => s + cells[row[c]!]!.value, 0)));
  index.push(totals);
  const equations: Equation[] = [];
  for (let r = 0; r <= rows; r++)
    equations.push({ total: index[r]![cols]!, members: index[r]!.slice(0, cols) });
  for (let c = 0; c <= cols; c++)
    equations.push({ total: index[rows]![c]!, members: index.slice(0, rows).map((row) => row[c]!) });
  return { cells, equations, index };
}

/**
 * The attacker: knows every shown value, solves every equation with a single unknown, and repeats
 * with what it learnt. Returns the indices of hidden cells it worked out.
 */
function derivable(cells: Cell[], equations: readonly Equation[]): number[] {
  const known = new Map<number, number>();
  cells.forEach((c, i) => {
    if (c.state === 'shown') known.set(i, c.value);
  });
  let learnt = true;
  while (learnt) {
    learnt = false;
    for (const eq of equations) {
      const all = [eq.total, ...eq.members];
      const unknown = all.filter((i) => !known.has(i));
      if (unknown.length !== 1) continue;
      const u = unknown[0]!;
      const sumMembers = eq.members.reduce((s, i) => s + (known.get(i) ?? 0), 0);
      known.set(u, u === eq.total ? sumMembers : known.get(eq.total)! - sumMembers);
      learnt = true;
    }
  }
  return cells.flatMap((c, i) => (c.state !== 'shown' && known.has(i) ? [i] : []));
}

describe('suppressCells on crafted tables', () => {
  it('hides counts 1–4 as small, keeps 0 and counts ≥ 5', () => {
    const cells: Cell[] = [0, 1, 4, 5, 100].map((v) => ({ value: v, state: 'shown' }));
    suppressCells(cells, [], T);
    expect(cells.map((c) => c.state)).toEqual(['shown', 'small', 'small', 'shown', 'shown']);
  });

  it('hides the next smallest cell of a row whose total is shown', () => {
    // woman 3, man 10, other 0, unknown 7, total 20: 3 is small; 7 (next smallest non-zero) is hidden.
    const { cells, equations } = crossTable([[3, 10, 0, 7]]);
    suppressCells(cells, equations, T);
    const states = cells.map((c) => c.state);
    expect(states.slice(0, 5)).toEqual(['small', 'shown', 'shown', 'hidden', 'shown']);
    expect(derivable(cells, equations)).toEqual([]);
  });

  it('hides the total when the only other members are zeros', () => {
    // One row: [2, 0, 0] total 2 — the total is small too; fine. Two rows where a column forces it:
    const cells: Cell[] = [
      { value: 9, state: 'shown' },
      { value: 0, state: 'shown' },
      { value: 9, state: 'shown' },
    ];
    cells[0]!.state = 'hidden'; // hidden by another table
    suppressCells(cells, [{ total: 2, members: [0, 1] }], T);
    expect(cells[2]!.state).toBe('hidden');
    expect(cells[1]!.state).toBe('shown');
  });

  it('protects a 3 × 3 table in both directions, repeating until stable', () => {
    const { cells, equations, index } = crossTable([
      [2, 20, 30],
      [15, 25, 35],
      [40, 45, 50],
    ]);
    suppressCells(cells, equations, T);
    expect(cells[index[0]![0]!]!.state).toBe('small');
    // Row 0 needs a second hidden cell (20), column 0 too (15); then row 1 and column 1 need one each…
    expect(cells[index[0]![1]!]!.state).toBe('hidden');
    expect(cells[index[1]![0]!]!.state).toBe('hidden');
    for (const eq of equations) {
      const hidden = [eq.total, ...eq.members].filter((i) => cells[i]!.state !== 'shown').length;
      expect(hidden).not.toBe(1);
    }
    expect(derivable(cells, equations)).toEqual([]);
  });

  it('brute force: no hidden cell of a random small table can be derived', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((rows) =>
          fc.integer({ min: 1, max: 5 }).chain((cols) =>
            fc.array(
              fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
                minLength: cols,
                maxLength: cols,
              }),
              { minLength: rows, maxLength: rows },
            ),
          ),
        ),
        (values) => {
          const { cells, equations } = crossTable(values);
          suppressCells(cells, equations, T);
          // Primary: nothing between 1 and 4 is shown.
          for (const c of cells) if (c.state === 'shown') expect(c.value === 0 || c.value >= T).toBe(true);
          // Secondary: nothing hidden can be worked out.
          expect(derivable(cells, equations)).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------

const g = (woman: number, man: number, other = 0, unknown = 0): GenderCounts => ({
  woman,
  man,
  other,
  unknown,
  total: woman + man + other + unknown,
});
const zero = () => g(0, 0);
const add = (a: GenderCounts, b: GenderCounts): GenderCounts =>
  g(
    (a.woman as number) + (b.woman as number),
    (a.man as number) + (b.man as number),
    (a.other as number) + (b.other as number),
    (a.unknown as number) + (b.unknown as number),
  );

function months(from: string, n: number): string[] {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** A small but complete document: two types in one focus area, a trend and a heat map. */
function craftedDocument(): PictureFigures {
  const theftCur = g(2, 10);
  const vandalCur = g(8, 9);
  const theftCmp = g(6, 6);
  const vandalCmp = g(1, 0);
  const trendMonths = months('2023-01', 36);
  const trend = trendMonths.map((month) => ({ month, counts: zero() }));
  // Put the current period's figures in two months of the trend, the comparison's in one.
  trend.find((m) => m.month === '2025-03')!.counts = theftCur;
  trend.find((m) => m.month === '2025-06')!.counts = vandalCur;
  trend.find((m) => m.month === '2024-05')!.counts = add(theftCmp, vandalCmp);
  const row = (code: string, current: GenderCounts, comparison: GenderCounts) => ({
    code,
    label: { sv: code, en: code },
    group: 'crime',
    current,
    comparison,
    ratePer1000: 1.5,
    cityRatePer1000: 1,
  });
  return {
    scope: { kind: 'city', label: 'Staden', organisation: null, areas: [] },
    period: { from: '2025-01', to: '2025-12' },
    comparison: { from: '2024-01', to: '2024-12' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    suppression: { threshold: T, applied: false },
    population: null,
    own: {
      total: { current: add(theftCur, vandalCur), comparison: add(theftCmp, vandalCmp) },
      byType: [row('theft', theftCur, theftCmp), row('vandalism', vandalCur, vandalCmp)],
      byFocusArea: [
        row('crime', add(theftCur, vandalCur), add(theftCmp, vandalCmp)),
        row('accidents', theftCur, theftCmp),
      ],
      trend,
      heatmap: [
        { weekday: 1, hour: 8, counts: theftCur },
        { weekday: 5, hour: 22, counts: vandalCur },
      ],
    },
    observations: {
      total: { current: g(3, 0), comparison: zero() },
      byType: [row('loitering', g(3, 0), zero())],
      trend: [],
    },
    police: {
      total: { current: 23, comparison: 40 },
      byType: [
        {
          policeType: 'Stöld',
          mapped: true,
          incidentTypeCode: 'theft',
          focusAreas: ['crime'],
          current: 3,
          comparison: 20,
          ratePer1000: 0.3,
          cityRatePer1000: 0.2,
        },
        {
          policeType: 'Rån',
          mapped: false,
          incidentTypeCode: null,
          focusAreas: [],
          current: 20,
          comparison: 20,
          ratePer1000: 2,
          cityRatePer1000: 1,
        },
      ],
      byFocusArea: [{ code: 'crime', label: { sv: 'Brott', en: 'Crime' }, current: 3, comparison: 20 }],
      trend: trendMonths.map((month) => ({ month, count: month === '2025-02' ? 23 : 0 })),
      heatmap: [],
      unplacedInMunicipality: 2,
    },
    reportedCrime: [{ crimeType: 'Rån', current: 4, comparison: 12, ratePer1000: 0.4, cityRatePer1000: 1 }],
    surveys: [],
    areas: [
      {
        areaId: '00000000-0000-4000-8000-000000000001',
        name: 'Rinkeby',
        level: 'neighbourhood',
        own: g(1, 30),
        police: 2,
        population: 1000,
        ownRatePer1000: 31,
        policeRatePer1000: 2,
      },
    ],
    sources: [],
    extremism: null,
  };
}

/** Every equation the document holds, by path, for the attacker (independent of suppression.ts). */
function documentEquations(doc: PictureFigures): { cells: Map<string, number | string>; eqs: string[][] } {
  const cells = new Map<string, number | string>();
  const eqs: string[][] = [];
  const put = (path: string, v: number | string) => cells.set(path, v);
  const gender = (path: string, c: GenderCounts) => {
    for (const k of ['woman', 'man', 'other', 'unknown', 'total'] as const) put(`${path}.${k}`, c[k]);
    eqs.push([`${path}.total`, `${path}.woman`, `${path}.man`, `${path}.other`, `${path}.unknown`]);
  };
  const keys = ['woman', 'man', 'other', 'unknown', 'total'] as const;
  for (const p of ['current', 'comparison'] as const) {
    gender(`own.total.${p}`, doc.own.total[p]);
    for (const [i, r] of doc.own.byType.entries()) gender(`own.type${i}.${p}`, r[p]);
    for (const [i, r] of doc.own.byFocusArea.entries()) gender(`own.focus${i}.${p}`, r[p]);
    for (const k of keys) {
      eqs.push([`own.total.${p}.${k}`, ...doc.own.byType.map((_, i) => `own.type${i}.${p}.${k}`)]);
      // crime = theft + vandalism; accidents = theft.
      eqs.push([`own.focus0.${p}.${k}`, `own.type0.${p}.${k}`, `own.type1.${p}.${k}`]);
      eqs.push([`own.focus1.${p}.${k}`, `own.type0.${p}.${k}`]);
    }
  }
  for (const m of doc.own.trend) gender(`own.trend.${m.month}`, m.counts);
  for (const [i, c] of doc.own.heatmap.entries()) gender(`own.heat${i}`, c.counts);
  for (const k of keys) {
    const inPeriod = (from: string, to: string) =>
      doc.own.trend.filter((m) => m.month >= from && m.month <= to).map((m) => `own.trend.${m.month}.${k}`);
    eqs.push([`own.total.current.${k}`, ...inPeriod(doc.period.from, doc.period.to)]);
    eqs.push([`own.total.comparison.${k}`, ...inPeriod(doc.comparison.from, doc.comparison.to)]);
    eqs.push([`own.total.current.${k}`, ...doc.own.heatmap.map((_, i) => `own.heat${i}.${k}`)]);
  }
  for (const p of ['current', 'comparison'] as const) {
    put(`police.total.${p}`, doc.police.total[p]);
    for (const [i, r] of doc.police.byType.entries()) put(`police.type${i}.${p}`, r[p]);
    eqs.push([`police.total.${p}`, ...doc.police.byType.map((_, i) => `police.type${i}.${p}`)]);
    put(`police.focus0.${p}`, doc.police.byFocusArea[0]![p]);
    eqs.push([`police.focus0.${p}`, `police.type0.${p}`]);
  }
  for (const m of doc.police.trend) put(`police.trend.${m.month}`, m.count);
  eqs.push([
    'police.total.current',
    ...doc.police.trend.filter((m) => m.month >= '2025-01').map((m) => `police.trend.${m.month}`),
  ]);
  return { cells, eqs };
}

describe('suppressFigures on a crafted document', () => {
  const links = {
    ownFocusTypes: { crime: ['theft', 'vandalism'], accidents: ['theft'] },
    policeFocusTypes: { crime: ['Stöld'] },
  };

  it('leaves everything as numbers for viewers with need-to-know', () => {
    const doc = craftedDocument();
    const out = suppressFigures(doc, T, links, false);
    expect(out.suppression).toEqual({ threshold: T, applied: false });
    expect(out.own.byType[0]!.current.woman).toBe(2);
    expect(doc.suppression.applied).toBe(false);
  });

  it('shows small counts as "small", hides a second cell of each table and nulls the rates', () => {
    const doc = craftedDocument();
    const out = suppressFigures(doc, T, links);
    expect(out.suppression.applied).toBe(true);
    // The 2 women of the theft row are small; the row total 12 is shown, so a second cell is hidden.
    expect(out.own.byType[0]!.current.woman).toBe('small');
    expect(out.own.byType[0]!.current.total).toBe(12);
    expect(out.own.byType[0]!.current.man).toBe('hidden');
    // Zeros stay zeros.
    expect(out.own.byType[0]!.current.other).toBe(0);
    // Police: 3 is small; the total is shown, so Rån (20) is hidden; the focus area (= Stöld) is small.
    expect(out.police.byType[0]!.current).toBe('small');
    expect(out.police.byType[0]!.ratePer1000).toBeNull();
    expect(out.police.byFocusArea[0]!.current).toBe('small');
    expect(out.police.byType[1]!.current).not.toBe(20);
    expect(out.reportedCrime[0]!.current).toBe('small');
    expect(out.reportedCrime[0]!.ratePer1000).toBeNull();
    expect(out.reportedCrime[0]!.comparison).toBe(12);
    // The area: 1 woman → small, and the 30 men hidden (total 31 shown); the police count 2 is small.
    expect(out.areas[0]!.own.woman).toBe('small');
    expect(out.areas[0]!.own.man).toBe('hidden');
    expect(out.areas[0]!.police).toBe('small');
    expect(out.areas[0]!.policeRatePer1000).toBeNull();
    // Observations: 3 women, total 3: both small; the rate goes.
    expect(out.observations.total.current.total).toBe('small');
    expect(out.observations.byType[0]!.ratePer1000).toBeNull();
    // The input is untouched.
    expect(doc.own.byType[0]!.current.woman).toBe(2);
  });

  it('leaves no hidden figure that the totals, focus areas, trend or heat map would give away', () => {
    const out = suppressFigures(craftedDocument(), T, links);
    const truth = documentEquations(craftedDocument());
    const shown = documentEquations(out);
    const known = new Map<string, number>();
    for (const [path, v] of shown.cells) if (typeof v === 'number') known.set(path, v);
    let learnt = true;
    while (learnt) {
      learnt = false;
      for (const [total, ...members] of truth.eqs) {
        const unknown = [total!, ...members].filter((p) => !known.has(p));
        if (unknown.length !== 1) continue;
        const u = unknown[0]!;
        const sum = members.reduce((s, p) => s + (known.get(p) ?? 0), 0);
        known.set(u, u === total ? sum : known.get(total!)! - sum);
        learnt = true;
      }
    }
    const leaked = [...shown.cells].filter(([path, v]) => typeof v !== 'number' && known.has(path));
    expect(leaked).toEqual([]);
    // And the attacker's arithmetic agrees with the truth for everything it knows.
    for (const [path, v] of known) expect(v).toBe(truth.cells.get(path));
  });

  it('does not let the heat map give away withheld violent-extremism reports', () => {
    // The heat map counts every report of the period: the own reports (29), the observations (7) and 2
    // reports of violent extremism that this reader may not see: 12 + 17 + 9 = 38.
    const withExtremismInHeat = () => {
      const doc = craftedDocument();
      doc.observations.total.current = g(7, 0);
      doc.observations.byType[0]!.current = g(7, 0);
      doc.own.heatmap.push({ weekday: 3, hour: 3, counts: g(9, 0) });
      return doc;
    };
    const totals = (out: PictureFigures) => [
      out.own.total.current.total,
      out.observations.total.current.total,
      ...out.own.heatmap.map((c) => c.counts.total),
    ];
    // Told nothing, the totals all show, and 38 − 29 − 7 = 2 would give the withheld reports away…
    expect(totals(suppressFigures(withExtremismInHeat(), T, links)).every((v) => typeof v === 'number')).toBe(
      true,
    );
    // …told what the heat map holds beyond the shown sections, one more total is hidden.
    const withheld = { woman: 2, man: 0, other: 0, unknown: 0, total: 2 };
    const out = suppressFigures(withExtremismInHeat(), T, {
      ...links,
      withheldInHeat: { own: withheld, police: 0 },
    });
    expect(totals(out).filter((v) => typeof v !== 'number').length).toBeGreaterThanOrEqual(1);
  });

  it('counts months inclusively', () => {
    expect(monthsBetween('2025-01', '2025-12')).toBe(12);
    expect(monthsBetween('2024-11', '2025-02')).toBe(4);
  });
});
