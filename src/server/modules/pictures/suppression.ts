import type { Count, GenderCounts, PictureFigures } from '../../../domain/api/pictures.ts';
import { GENDER_KEYS } from '../../../domain/api/pictures.ts';

/**
 * Small-count protection (issue 5, part 5). Pure: no database, no clock.
 *
 * Rules:
 * - Primary: every count 1 … threshold−1 becomes 'small' ("<5"). Zero stays 0, as in official
 *   statistics: an empty cell reveals nobody, and hiding zeros would make every sparse table unreadable.
 * - Secondary: a table is a set of linear equations "total = sum of members" (a gender row with its
 *   total; a column of rows with the column's total; a trend's months of the period with the period's
 *   total; the heat map's cells with the period's total; the types of a focus area with the focus area's
 *   row). An equation with exactly one hidden cell would give that cell away, so the smallest other
 *   shown non-zero member is hidden too ('hidden'; the equation's total when no member is left), and
 *   this repeats over every equation until none has exactly one hidden cell. After that no hidden cell
 *   can be worked out by solving equations with a single unknown, however they are chained (checked
 *   by brute force in suppression.test.ts).
 * - Differences: the document carries no differences; a change is computed by the reader only when
 *   both counts are numbers, so a change never involves a hidden cell.
 * - Rates: null when their count is not a number.
 *
 * Equations are only set up where they really hold for the numbers (a total that also counts things
 * the rows do not is no equation an outsider could solve exactly).
 */

export type CellState = 'shown' | 'small' | 'hidden';

/** One count of a table: its true value and how it is shown. */
export interface Cell {
  value: number;
  state: CellState;
}

/** "total + sum of more = sum of members", by cell index (`more` is rarely needed). */
export interface Equation {
  total: number;
  members: number[];
  more?: number[];
}

/** Marks cells of `cells` (in place) so that no equation has exactly one hidden cell. */
export function suppressCells(cells: Cell[], equations: readonly Equation[], threshold: number): void {
  for (const cell of cells) {
    if (cell.value > 0 && cell.value < threshold) cell.state = 'small';
  }
  const hide = (index: number) => {
    const cell = cells[index]!;
    cell.state = cell.value > 0 && cell.value < threshold ? 'small' : 'hidden';
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const eq of equations) {
      const more = eq.more ?? [];
      const all = [eq.total, ...more, ...eq.members];
      let hidden = 0;
      for (const i of all) if (cells[i]!.state !== 'shown') hidden++;
      if (hidden !== 1) continue;
      // The next smallest shown non-zero member; else the total; else a shown zero member.
      let pick = -1;
      for (const i of eq.members) {
        const c = cells[i]!;
        if (c.state !== 'shown' || c.value === 0) continue;
        if (pick < 0 || c.value < cells[pick]!.value) pick = i;
      }
      if (pick < 0 && cells[eq.total]!.state === 'shown') pick = eq.total;
      if (pick < 0) pick = [...more, ...eq.members].find((i) => cells[i]!.state === 'shown') ?? -1;
      if (pick < 0) continue;
      hide(pick);
      changed = true;
    }
  }
}

/** The cell's count as the document shows it. */
export function shownCount(cell: Cell): Count {
  return cell.state === 'shown' ? cell.value : cell.state;
}

/**
 * Membership the document does not carry: which type rows make up each focus-area row (types may belong
 * to several focus areas, so focus areas are not a partition but each is a sum of its types).
 */
export interface FigureLinks {
  /** Own reports: focus area code → codes of the byType rows counted in it. */
  ownFocusTypes?: Record<string, string[]>;
  /** Police events: focus area code → police types counted in it. */
  policeFocusTypes?: Record<string, string[]>;
  /**
   * What the heat maps count beyond the own reports and observations (resp. the police section): the
   * period's violent-extremism reports and events, which the hour cells do not tell apart. Given when
   * the extremism section is withheld: they are then unknowns no shown figure may give away.
   */
  withheldInHeat?: { own: Record<(typeof GENDER_KEYS)[number] | 'total', number>; police: number };
}

type Holder = Record<string, unknown>;

/** Collects the document's counts as cells, the equations between them, and writes them back. */
class TableBuilder {
  readonly cells: Cell[] = [];
  readonly equations: Equation[] = [];
  private readonly refs: ({ holder: Holder; key: string; nullable: boolean } | null)[] = [];

  /** A figure the reader never sees (withheld), but which equations involve. */
  secret(value: number): number {
    this.refs.push(null);
    this.cells.push({ value, state: 'hidden' });
    return this.cells.length - 1;
  }

  /** Adds "total + sum(more) = sum(members)" when it holds for the true values. */
  equationMore(total: number, more: number[], members: number[]): void {
    if (total < 0 || more.some((m) => m < 0) || members.some((m) => m < 0) || members.length === 0) return;
    const left = [total, ...more].reduce((s, m) => s + this.cells[m]!.value, 0);
    const sum = members.reduce((s, m) => s + this.cells[m]!.value, 0);
    if (sum !== left) return;
    this.equations.push({ total, members, more });
  }

  /**
   * Registers `holder[key]` (a number) as a cell; -1 when it is not a number (already hidden).
   * `nullable`: a plain number field, written back as null when hidden.
   */
  cell(holder: Holder, key: string, nullable = false): number {
    const v = holder[key];
    if (typeof v !== 'number') return -1;
    this.refs.push({ holder, key, nullable });
    this.cells.push({ value: v, state: 'shown' });
    return this.cells.length - 1;
  }

  /** A gender row: its five cells (woman, man, other, unknown, total). */
  gender(row: GenderCounts): Record<(typeof GENDER_KEYS)[number] | 'total', number> {
    const h = row as unknown as Holder;
    const ids = {
      woman: this.cell(h, 'woman'),
      man: this.cell(h, 'man'),
      other: this.cell(h, 'other'),
      unknown: this.cell(h, 'unknown'),
      total: this.cell(h, 'total'),
    };
    this.equation(
      ids.total,
      GENDER_KEYS.map((g) => ids[g]),
    );
    return ids;
  }

  /** Adds "total = sum(members)" when it holds for the true values. */
  equation(total: number, members: number[]): void {
    if (total < 0 || members.some((m) => m < 0) || members.length === 0) return;
    const sum = members.reduce((s, m) => s + this.cells[m]!.value, 0);
    if (sum !== this.cells[total]!.value) return;
    this.equations.push({ total, members });
  }

  /** Column equations between a total gender row and member gender rows. */
  genderColumns(total: ReturnType<TableBuilder['gender']>, rows: ReturnType<TableBuilder['gender']>[]) {
    if (rows.length === 0) return;
    for (const k of [...GENDER_KEYS, 'total'] as const) {
      this.equation(
        total[k],
        rows.map((r) => r[k]),
      );
    }
  }

  apply(threshold: number): void {
    suppressCells(this.cells, this.equations, threshold);
    this.refs.forEach((ref, i) => {
      if (!ref) return;
      const shown = shownCount(this.cells[i]!);
      ref.holder[ref.key] = ref.nullable && typeof shown !== 'number' ? null : shown;
    });
  }
}

const inRange = (month: string, from: string, to: string) => month >= from && month <= to;

/**
 * Returns a copy of the document with small counts protected (suppression.applied = true), or an
 * unchanged copy with applied = false when `apply` is false (viewers with need-to-know).
 */
export function suppressFigures(
  figures: PictureFigures,
  threshold: number,
  links: FigureLinks = {},
  apply = true,
): PictureFigures {
  const doc = structuredClone(figures);
  doc.suppression = { threshold, applied: apply };
  if (!apply) return doc;
  const b = new TableBuilder();
  const periods = [
    ['current', doc.period],
    ['comparison', doc.comparison],
  ] as const;
  /** The cells of a trend that cover exactly the months of `period`, or [] when the trend does not. */
  const monthsOf = <T>(trend: { month: string; ids: T }[], period: { from: string; to: string }): T[] => {
    const ms = trend.filter((m) => inRange(m.month, period.from, period.to));
    return ms.length === monthsBetween(period.from, period.to) ? ms.map((m) => m.ids) : [];
  };

  // Own reports, observations: gender tables.
  const currentTotals: ReturnType<TableBuilder['gender']>[] = [];
  let ownHeat: ReturnType<TableBuilder['gender']>[] = [];
  const ownLike = (
    total: { current: GenderCounts; comparison: GenderCounts },
    byType: PictureFigures['own']['byType'],
    byFocusArea: PictureFigures['own']['byFocusArea'],
    trend: PictureFigures['own']['trend'],
    heatmap: PictureFigures['own']['heatmap'],
  ) => {
    const trendIds = trend.map((m) => ({ month: m.month, ids: b.gender(m.counts) }));
    const heat = heatmap.map((c) => b.gender(c.counts));
    if (heat.length > 0) ownHeat = heat;
    for (const [p, period] of periods) {
      const t = b.gender(total[p]);
      if (p === 'current') {
        totalCells.push(t.total);
        currentTotals.push(t);
      }
      const types = byType.map((r) => ({ code: r.code, ids: b.gender(r[p]) }));
      b.genderColumns(
        t,
        types.map((r) => r.ids),
      );
      for (const f of byFocusArea) {
        const fIds = b.gender(f[p]);
        const members = links.ownFocusTypes?.[f.code];
        if (members)
          b.genderColumns(
            fIds,
            types.filter((r) => members.includes(r.code)).map((r) => r.ids),
          );
      }
      b.genderColumns(t, monthsOf(trendIds, period));
      if (p === 'current') b.genderColumns(t, heat);
    }
  };
  const totalCells: number[] = [];
  ownLike(doc.own.total, doc.own.byType, doc.own.byFocusArea, doc.own.trend, doc.own.heatmap);
  ownLike(doc.observations.total, doc.observations.byType, [], doc.observations.trend, []);
  const [ownTotalCell = -1, observationsTotalCell = -1] = totalCells;
  let policeTotalCell = -1;

  // Police events: single counts.
  const police = doc.police;
  const policeTrend = police.trend.map((m) => ({
    month: m.month,
    ids: b.cell(m as unknown as Holder, 'count'),
  }));
  const policeHeat = police.heatmap.map((c) => b.cell(c as unknown as Holder, 'count'));
  for (const [p, period] of periods) {
    const t = b.cell(police.total as unknown as Holder, p);
    if (p === 'current') policeTotalCell = t;
    const types = police.byType.map((r) => ({ type: r.policeType, id: b.cell(r as unknown as Holder, p) }));
    b.equation(
      t,
      types.map((r) => r.id),
    );
    for (const f of police.byFocusArea) {
      const id = b.cell(f as unknown as Holder, p);
      const members = links.policeFocusTypes?.[f.code];
      if (members)
        b.equation(
          id,
          types.filter((r) => members.includes(r.type)).map((r) => r.id),
        );
    }
    b.equation(t, monthsOf(policeTrend, period));
    if (p === 'current') b.equation(t, policeHeat);
  }

  const crimeCells: number[] = [];
  for (const r of doc.reportedCrime) {
    crimeCells.push(b.cell(r as unknown as Holder, 'current'));
    b.cell(r as unknown as Holder, 'comparison');
  }

  // The map's areas: where they add up to the picture's totals (every report placed in one of them),
  // the columns are equations too.
  const areaRows = doc.areas.map((a) => ({
    own: b.gender(a.own),
    police: b.cell(a as unknown as Holder, 'police'),
  }));

  const ex = doc.extremism;
  let exOwnCurrent: ReturnType<TableBuilder['gender']> | undefined;
  let exPoliceCurrent = -1;
  if (ex) {
    const trend = ex.trend.map((m) => ({
      month: m.month,
      ids: { own: b.cell(m as unknown as Holder, 'own'), police: b.cell(m as unknown as Holder, 'police') },
    }));
    for (const [p, period] of periods) {
      const t = b.gender(ex.own[p]);
      if (p === 'current') exOwnCurrent = t;
      b.genderColumns(
        t,
        ex.ownByType.map((r) => b.gender(r[p])),
      );
      const pt = b.cell(ex.police as unknown as Holder, p);
      if (p === 'current') exPoliceCurrent = pt;
      b.equation(
        pt,
        ex.policeByType.map((r) => b.cell(r as unknown as Holder, p)),
      );
      const ms = monthsOf(trend, period);
      b.equation(
        t.total,
        ms.map((m) => m.own),
      );
      b.equation(
        pt,
        ms.map((m) => m.police),
      );
    }
  }

  const [ownCurrent] = currentTotals;
  if (ownCurrent)
    b.genderColumns(
      ownCurrent,
      areaRows.map((r) => r.own),
    );
  b.equation(
    policeTotalCell,
    areaRows.map((r) => r.police),
  );

  // The heat maps count everything of the period: own reports + observations + violent extremism (the
  // section's figures, or withheld unknowns), and every police event of the section or of extremism.
  const [ownCur, obsCur] = currentTotals;
  const withheld = links.withheldInHeat;
  if (ownCur && obsCur && ownHeat.length > 0) {
    for (const k of [...GENDER_KEYS, 'total'] as const) {
      const extra = exOwnCurrent ? exOwnCurrent[k] : withheld ? b.secret(withheld.own[k]) : -1;
      b.equationMore(
        ownCur[k],
        extra >= 0 ? [obsCur[k], extra] : [obsCur[k]],
        ownHeat.map((h) => h[k]),
      );
    }
  }
  if (policeHeat.length > 0) {
    const extra = exPoliceCurrent >= 0 ? exPoliceCurrent : withheld ? b.secret(withheld.police) : -1;
    if (extra >= 0) b.equationMore(policeTotalCell, [extra], policeHeat);
  }

  // The sources' counts repeat totals of the tables: hidden together with them.
  const sourceTotals: Partial<Record<string, number[]>> = {
    incidents: [ownTotalCell],
    observations: [observationsTotalCell],
    police_events: [policeTotalCell],
    reported_crime: crimeCells,
  };
  for (const src of doc.sources) {
    const members = sourceTotals[src.kind];
    if (!members) continue;
    const id = b.cell(src as unknown as Holder, 'count', true);
    b.equation(id, members);
  }

  b.apply(threshold);

  // Rates follow their counts.
  const isNum = (c: Count) => typeof c === 'number';
  for (const rows of [doc.own.byType, doc.own.byFocusArea, doc.observations.byType, ex?.ownByType ?? []]) {
    for (const r of rows) if (!isNum(r.current.total)) r.ratePer1000 = null;
  }
  for (const r of [...police.byType, ...(ex?.policeByType ?? [])])
    if (!isNum(r.current)) r.ratePer1000 = null;
  for (const r of doc.reportedCrime) if (!isNum(r.current)) r.ratePer1000 = null;
  for (const a of doc.areas) {
    if (!isNum(a.own.total)) a.ownRatePer1000 = null;
    if (!isNum(a.police)) a.policeRatePer1000 = null;
  }
  return doc;
}

/** Number of months from `from` to `to` inclusive ('YYYY-MM'). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}
