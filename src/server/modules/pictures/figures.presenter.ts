import type { GenderCounts, GenderKey, OwnFigureRow, PictureFigures } from '../../../domain/api/pictures.ts';
import { GENDER_KEYS } from '../../../domain/api/pictures.ts';
import { addMonths, firstDay, lastDay, monthRange } from '../../../domain/months.ts';
import type { AreaRow, FiguresRepository, PoliceMappingRow, TypeRow } from './figures.repository.ts';
import type { FigureLinks } from './suppression.ts';

/** Who and where the picture is of, resolved by the use case. */
export interface ResolvedScope {
  kind: 'city' | 'areas' | 'organisation';
  organisation: { id: string; name: string } | null;
  municipalityId: string;
  root: AreaRow;
  /** The areas of police events, population, surveys, reported crime (ancestors-free). */
  areaIds: string[];
  /** The scopes of own reports (the organisation, or the areas). */
  ownScopes: string[];
  /** True when the organisation answers for no area and the municipality's figures stand in. */
  municipalityAreas: boolean;
  tree: AreaRow[];
  byId: Map<string, AreaRow>;
}

export interface BuildParams {
  scope: ResolvedScope;
  period: { from: string; to: string };
  comparison: { from: string; to: string };
  now: Date;
  threshold: number;
  /** Whether small counts will be protected (city rates of small counts are left out then). */
  suppress: boolean;
  extremism: boolean;
  taxonomy: Awaited<ReturnType<FiguresRepository['taxonomy']>>;
}

type Mutable = { woman: number; man: number; other: number; unknown: number; total: number };
const gc = (): Mutable => ({ woman: 0, man: 0, other: 0, unknown: 0, total: 0 });
const genderKey = (g: string): GenderKey =>
  (GENDER_KEYS as readonly string[]).includes(g) ? (g as GenderKey) : 'unknown';
function addTo(c: Mutable, gender: string, n: number) {
  c[genderKey(gender)] += n;
  c.total += n;
}
function addAll(c: Mutable, other: Mutable) {
  for (const k of [...GENDER_KEYS, 'total'] as const) c[k] += other[k];
}
/** The map's value for `key`, made with `make` and stored when missing. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}
const asCounts = (c: Mutable): GenderCounts => ({ ...c });
const rate = (count: number, population: number | null) =>
  population && population > 0 ? Math.round((count / population) * 1000 * 100) / 100 : null;

/** Kinds of own types: the picture's own reports, observations near facilities, violent extremism. */
type OwnKind = 'own' | 'observation' | 'extremism';
const ownKind = (t: TypeRow | undefined, code: string): OwnKind =>
  t?.violent_extremism
    ? 'extremism'
    : (t?.group_code ?? code) === 'facility_observation'
      ? 'observation'
      : 'own';
/** Police types: counted in the police section, in extremism only, or not at all. */
type PoliceKind = 'police' | 'extremism' | 'skip';
const policeKind = (m: PoliceMappingRow | undefined): PoliceKind =>
  m && !m.counted ? 'skip' : m?.violent_extremism ? 'extremism' : 'police';

interface PerType {
  current: Mutable;
  comparison: Mutable;
  months: Map<string, Mutable>;
}
const perType = (): PerType => ({ current: gc(), comparison: gc(), months: new Map() });

/** Reads the cells and the statistics, folds them into the figures document (unsuppressed) and the links. */
export async function buildFigures(
  repo: FiguresRepository,
  p: BuildParams,
): Promise<{ document: PictureFigures; links: FigureLinks }> {
  const { scope, period, comparison } = p;
  const trendMonths = monthRange(addMonths(period.to, -35), period.to);
  const rangeFrom = [trendMonths[0]!, comparison.from, period.from].sort()[0]!;
  const rangeTo = [period.to, comparison.to].sort().at(-1)!;
  const endYear = Number(period.to.slice(0, 4));

  // Children for the map: the chosen areas' children, or the area itself when it has none.
  const childrenOf = new Map<string, AreaRow[]>();
  for (const a of scope.tree) {
    if (!a.parent_id) continue;
    const list = childrenOf.get(a.parent_id) ?? [];
    list.push(a);
    childrenOf.set(a.parent_id, list);
  }
  const mapAreas: AreaRow[] = [];
  for (const id of scope.areaIds) {
    const kids = childrenOf.get(id);
    if (kids && kids.length > 0) mapAreas.push(...kids);
    else mapAreas.push(scope.byId.get(id)!);
  }

  const { taxonomy } = p;
  const typeByCode = new Map(taxonomy.types.map((t) => [t.code, t]));
  const mappingByType = new Map(taxonomy.police.map((m) => [m.police_type, m]));
  const excludedOwn = taxonomy.types.filter((t) => ownKind(t, t.code) !== 'own').map((t) => t.code);
  const excludedPolice = taxonomy.police
    .filter((m) => policeKind(m) === 'extremism')
    .map((m) => m.police_type);

  const allAreaIds = scope.tree.map((a) => a.id);
  const statAreaIds = [...new Set([...scope.areaIds, scope.root.id])];
  const [cells, population, surveys, crime, sources] = await Promise.all([
    repo.cells({
      ownScopes: scope.ownScopes,
      policeScopes: scope.areaIds,
      childScopes: mapAreas.map((a) => a.id),
      rootAreaId: scope.root.id,
      rangeFrom: firstDay(rangeFrom),
      rangeTo: firstDay(rangeTo),
      periodFrom: firstDay(period.from),
      periodTo: firstDay(period.to),
      excludedOwn,
      excludedPolice,
    }),
    repo.population(allAreaIds, endYear),
    repo.surveys(statAreaIds, endYear),
    repo.reportedCrime(
      statAreaIds,
      firstDay([period.from, comparison.from].sort()[0]!),
      lastDay([period.to, comparison.to].sort().at(-1)!),
    ),
    repo.sources({
      municipalityId: scope.municipalityId,
      rootAreaId: scope.root.id,
      from: `${firstDay(period.from)} 00:00`,
      toExclusive: `${firstDay(addMonths(period.to, 1))} 00:00`,
    }),
  ]);

  const inPeriod = (m: string) => m >= period.from && m <= period.to;
  const inComparison = (m: string) => m >= comparison.from && m <= comparison.to;

  // ---- Fold the cells.
  const ownTypes = new Map<string, PerType>();
  const policeTypes = new Map<string, { current: number; comparison: number; months: Map<string, number> }>();
  const heatOwn = new Map<string, Mutable>();
  const heatPolice = new Map<string, number>();
  const children = new Map<string, { own: Mutable; police: number }>();
  const cityOwn = new Map<string, number>();
  const cityPolice = new Map<string, number>();
  for (const c of cells) {
    if (c.part === 'main' && c.month) {
      if (c.source === 'own') {
        const t = entry(ownTypes, c.category, () => perType());
        if (inPeriod(c.month)) addTo(t.current, c.gender, c.n);
        if (inComparison(c.month)) addTo(t.comparison, c.gender, c.n);
        const m = entry(t.months, c.month, () => gc());
        addTo(m, c.gender, c.n);
      } else {
        if (policeKind(mappingByType.get(c.category)) === 'skip') continue;
        const t = entry(policeTypes, c.category, () => ({ current: 0, comparison: 0, months: new Map() }));
        if (inPeriod(c.month)) t.current += c.n;
        if (inComparison(c.month)) t.comparison += c.n;
        t.months.set(c.month, (t.months.get(c.month) ?? 0) + c.n);
      }
    } else if (c.part === 'heat') {
      const key = `${c.weekday}:${c.hour}`;
      if (c.source === 'own') {
        // Hour cells may carry the type (or its group); left out what the own section leaves out.
        if (c.category !== '' && (excludedOwn.includes(c.category) || c.category === 'facility_observation'))
          continue;
        const h = entry(heatOwn, key, () => gc());
        addTo(h, c.gender, c.n);
      } else {
        if (c.category !== '' && policeKind(mappingByType.get(c.category)) !== 'police') continue;
        heatPolice.set(key, (heatPolice.get(key) ?? 0) + c.n);
      }
    } else if (c.part === 'child' && c.scope_id) {
      const ch = entry(children, c.scope_id, () => ({ own: gc(), police: 0 }));
      const sign = c.grain === 'total' ? 1 : -1;
      if (c.source === 'own') addTo(ch.own, c.gender, sign * c.n);
      else ch.police += sign * c.n;
    } else if (c.part === 'city') {
      const map = c.source === 'own' ? cityOwn : cityPolice;
      map.set(c.category, (map.get(c.category) ?? 0) + c.n);
    }
  }

  // ---- Population: an area's own rows, or the sum of its children's.
  const popRows = new Map<
    string,
    { woman: number; man: number; other: number; ages: Map<string, Mutable> }
  >();
  let popYear: number | null = null;
  for (const r of population) {
    popYear = r.year;
    const a = entry(popRows, r.area_id, () => ({ woman: 0, man: 0, other: 0, ages: new Map() }));
    a[r.gender as 'woman' | 'man' | 'other'] += r.count;
    const band = entry(a.ages, r.age_band, () => gc());
    addTo(band, r.gender, r.count);
  }
  const popCache = new Map<string, ReturnType<typeof popOfRaw>>();
  function popOfRaw(
    id: string,
  ): { woman: number; man: number; other: number; ages: Map<string, Mutable> } | null {
    const own = popRows.get(id);
    if (own) return own;
    const kids = childrenOf.get(id) ?? [];
    let sum: { woman: number; man: number; other: number; ages: Map<string, Mutable> } | null = null;
    for (const k of kids) {
      const kp = popOf(k.id);
      if (!kp) continue;
      sum ??= { woman: 0, man: 0, other: 0, ages: new Map() };
      sum.woman += kp.woman;
      sum.man += kp.man;
      sum.other += kp.other;
      for (const [band, c] of kp.ages) {
        const b = entry(sum.ages, band, () => gc());
        addAll(b, c);
      }
    }
    return sum;
  }
  function popOf(id: string) {
    if (!popCache.has(id)) popCache.set(id, popOfRaw(id));
    return popCache.get(id)!;
  }
  const popTotal = (id: string) => {
    const x = popOf(id);
    return x ? x.woman + x.man + x.other : null;
  };
  let scopePop: { woman: number; man: number; other: number; ages: Map<string, Mutable> } | null = null;
  for (const id of scope.areaIds) {
    const x = popOf(id);
    if (!x) continue;
    scopePop ??= { woman: 0, man: 0, other: 0, ages: new Map() };
    scopePop.woman += x.woman;
    scopePop.man += x.man;
    scopePop.other += x.other;
    for (const [band, c] of x.ages) {
      const b = entry(scopePop.ages, band, () => gc());
      addAll(b, c);
    }
  }
  const P = scopePop ? scopePop.woman + scopePop.man + scopePop.other : null;
  const cityP = popTotal(scope.root.id);
  /** A city rate; left out for a small city count when counts are protected (the rate would give it away). */
  const cityRate = (n: number) => (p.suppress && n > 0 && n < p.threshold ? null : rate(n, cityP));

  // ---- Own reports, observations and extremism by type.
  const label = (t: TypeRow | undefined, code: string) => ({
    sv: t?.label_sv ?? code,
    en: t?.label_en ?? code,
  });
  const sortedTypes = [...ownTypes.entries()].sort((a, b) => {
    const ta = typeByCode.get(a[0]);
    const tb = typeByCode.get(b[0]);
    return (ta?.sort_order ?? 1e9) - (tb?.sort_order ?? 1e9) || a[0].localeCompare(b[0]);
  });
  const section = (kind: OwnKind) => {
    const rows: OwnFigureRow[] = [];
    const total = { current: gc(), comparison: gc() };
    const trend = new Map(trendMonths.map((m) => [m, gc()]));
    for (const [code, t] of sortedTypes) {
      const type = typeByCode.get(code);
      if (ownKind(type, code) !== kind) continue;
      addAll(total.current, t.current);
      addAll(total.comparison, t.comparison);
      for (const [m, c] of t.months) {
        const tm = trend.get(m);
        if (tm) addAll(tm, c);
      }
      if (t.current.total === 0 && t.comparison.total === 0) continue;
      rows.push({
        code,
        label: label(type, code),
        group: type?.group_code ?? null,
        current: asCounts(t.current),
        comparison: asCounts(t.comparison),
        ratePer1000: rate(t.current.total, P),
        cityRatePer1000: cityRate(cityOwn.get(code) ?? 0),
      });
    }
    return { rows, total, trend };
  };
  const own = section('own');
  const observations = section('observation');

  const focusRows: OwnFigureRow[] = [];
  const ownFocusTypes: Record<string, string[]> = {};
  for (const f of taxonomy.focusAreas) {
    const cur = gc();
    const cmp = gc();
    let city = 0;
    const members: string[] = [];
    for (const row of own.rows) {
      const t = typeByCode.get(row.code);
      if (!t?.focus_areas.includes(f.code)) continue;
      members.push(row.code);
      const pt = ownTypes.get(row.code)!;
      addAll(cur, pt.current);
      addAll(cmp, pt.comparison);
    }
    for (const t of taxonomy.types)
      if (ownKind(t, t.code) === 'own' && t.focus_areas.includes(f.code)) city += cityOwn.get(t.code) ?? 0;
    ownFocusTypes[f.code] = members;
    focusRows.push({
      code: f.code,
      label: { sv: f.label_sv, en: f.label_en },
      group: null,
      current: asCounts(cur),
      comparison: asCounts(cmp),
      ratePer1000: rate(cur.total, P),
      cityRatePer1000: cityRate(city),
    });
  }

  const heatmap: PictureFigures['own']['heatmap'] = [];
  const policeHeat: PictureFigures['police']['heatmap'] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      heatmap.push({ weekday, hour, counts: asCounts(heatOwn.get(`${weekday}:${hour}`) ?? gc()) });
      policeHeat.push({ weekday, hour, count: heatPolice.get(`${weekday}:${hour}`) ?? 0 });
    }

  // ---- Police events.
  const policeSection = (kind: PoliceKind) => {
    const rows: PictureFigures['police']['byType'] = [];
    const total = { current: 0, comparison: 0 };
    const trend = new Map(trendMonths.map((m) => [m, 0]));
    const types = [...policeTypes.entries()].sort((a, b) => a[0].localeCompare(b[0], 'sv'));
    for (const [type, t] of types) {
      const m = mappingByType.get(type);
      if (policeKind(m) !== kind) continue;
      total.current += t.current;
      total.comparison += t.comparison;
      for (const [month, n] of t.months) if (trend.has(month)) trend.set(month, trend.get(month)! + n);
      if (t.current === 0 && t.comparison === 0) continue;
      rows.push({
        policeType: type,
        mapped: m !== undefined,
        incidentTypeCode: m?.incident_type_code ?? null,
        focusAreas: m?.focus_areas ?? [],
        current: t.current,
        comparison: t.comparison,
        ratePer1000: rate(t.current, P),
        cityRatePer1000: cityRate(cityPolice.get(type) ?? 0),
      });
    }
    return { rows, total, trend };
  };
  const police = policeSection('police');
  const policeFocusTypes: Record<string, string[]> = {};
  const policeByFocus = taxonomy.focusAreas.map((f) => {
    const members = police.rows.filter((r) => r.focusAreas.includes(f.code));
    policeFocusTypes[f.code] = members.map((r) => r.policeType);
    return {
      code: f.code,
      label: { sv: f.label_sv, en: f.label_en },
      current: members.reduce((s, r) => s + (r.current as number), 0),
      comparison: members.reduce((s, r) => s + (r.comparison as number), 0),
    };
  });

  // ---- Reported crime: the areas' own rows, or their children's where an area has none.
  const crimeByArea = new Map<string, typeof crime>();
  for (const r of crime) {
    const list = crimeByArea.get(r.area_id) ?? [];
    list.push(r);
    crimeByArea.set(r.area_id, list);
  }
  const crimeSums = (ids: string[]) => {
    const sums = new Map<string, { current: number; comparison: number }>();
    const from = firstDay(period.from);
    const to = lastDay(period.to);
    const cfrom = firstDay(comparison.from);
    const cto = lastDay(comparison.to);
    for (const id of ids)
      for (const r of crimeByArea.get(id) ?? []) {
        const s = entry(sums, r.crime_type, () => ({ current: 0, comparison: 0 }));
        if (r.period_start >= from && r.period_end <= to) s.current += r.count;
        if (r.period_start >= cfrom && r.period_end <= cto) s.comparison += r.count;
      }
    return sums;
  };
  const scopeCrime = crimeSums(scope.areaIds);
  const cityCrime = crimeSums([scope.root.id]);
  const reportedCrime: PictureFigures['reportedCrime'] = [...scopeCrime.entries()]
    .sort((a, b) => a[0].localeCompare(b[0], 'sv'))
    .map(([crimeType, s]) => ({
      crimeType,
      current: s.current,
      comparison: s.comparison,
      ratePer1000: rate(s.current, P),
      // No figures for the whole municipality itself: no reference (0 would read as "no crime").
      cityRatePer1000: cityCrime.has(crimeType) ? cityRate(cityCrime.get(crimeType)!.current) : null,
    }));

  // ---- Surveys: population-weighted over the picture's areas; the municipality's as reference.
  const surveyGroups = new Map<string, typeof surveys>();
  for (const r of surveys) {
    const key = `${r.question_code}\u0000${r.group_kind}\u0000${r.group_value}`;
    const list = surveyGroups.get(key) ?? [];
    list.push(r);
    surveyGroups.set(key, list);
  }
  const scopeAreaSet = new Set(scope.areaIds);
  const surveyRows: PictureFigures['surveys'] = [];
  let surveyRowsUsed = 0;
  for (const rows of surveyGroups.values()) {
    const first = rows[0]!;
    const mine = rows.filter((r) => scopeAreaSet.has(r.area_id));
    const city = rows.find((r) => r.area_id === scope.root.id);
    if (mine.length === 0 && !city) continue;
    surveyRowsUsed += mine.length;
    let value: number | null = null;
    if (mine.length === 1) value = Number(mine[0]!.value);
    else if (mine.length > 1) {
      const weights = mine.map((r) => popTotal(r.area_id));
      const weighted = weights.every((w) => w !== null && w > 0);
      const sumW = weighted ? weights.reduce<number>((s, w) => s + (w ?? 0), 0) : mine.length;
      value =
        Math.round(
          (mine.reduce((s, r, i) => s + Number(r.value) * (weighted ? (weights[i] ?? 0) : 1), 0) / sumW) *
            1000,
        ) / 1000;
    }
    const respondents = mine.some((r) => r.respondents !== null)
      ? mine.reduce((s, r) => s + (r.respondents ?? 0), 0)
      : null;
    surveyRows.push({
      year: first.year,
      questionCode: first.question_code,
      questionLabel: first.question_label,
      groupKind: first.group_kind,
      groupValue: first.group_value,
      value,
      respondents: mine.length > 0 ? respondents : null,
      cityValue: city ? Number(city.value) : null,
    });
  }
  surveyRows.sort(
    (a, b) =>
      a.questionCode.localeCompare(b.questionCode) ||
      (a.groupKind === 'all' ? -1 : b.groupKind === 'all' ? 1 : a.groupKind.localeCompare(b.groupKind)) ||
      a.groupValue.localeCompare(b.groupValue, 'sv', { numeric: true }),
  );

  // ---- The map's areas.
  const areas: PictureFigures['areas'] = mapAreas.map((a) => {
    const ch = children.get(a.id) ?? { own: gc(), police: 0 };
    const pop = popTotal(a.id);
    return {
      areaId: a.id,
      name: a.name,
      level: a.level,
      own: asCounts(ch.own),
      police: ch.police,
      population: pop,
      ownRatePer1000: rate(ch.own.total, pop),
      policeRatePer1000: rate(ch.police, pop),
    };
  });

  // ---- Sources and coverage.
  const note = (key: string, params: Record<string, string | number> = {}) => ({ key, params });
  const areaNote = scope.municipalityAreas ? [note('pictures.source.municipalityAreas')] : [];
  const unmapped = police.rows.filter((r) => !r.mapped).length;
  const yearFrom = (y: number | null) => (y === null ? null : `${y}-01-01`);
  const yearTo = (y: number | null) => (y === null ? null : `${y}-12-31`);
  const crimeCount = reportedCrime.reduce((s, r) => s + (r.current as number), 0);
  const sourcesList: PictureFigures['sources'] = [
    {
      kind: 'incidents',
      used: true,
      coverageFrom: sources.own_from,
      coverageTo: sources.own_to,
      count: own.total.current.total,
      lastImportedAt: null,
      notes: [],
    },
    {
      kind: 'observations',
      used: true,
      coverageFrom: sources.own_from,
      coverageTo: sources.own_to,
      count: observations.total.current.total,
      lastImportedAt: null,
      notes: [],
    },
    {
      kind: 'police_events',
      used: sources.police_from !== null,
      coverageFrom: sources.police_from,
      coverageTo: sources.police_to,
      count: police.total.current,
      lastImportedAt: isoOrNull(sources.imports.police_events),
      notes: [
        ...(sources.police_from === null ? [note('pictures.source.noPolice')] : []),
        ...(sources.unplaced > 0 ? [note('pictures.source.unplaced', { n: sources.unplaced })] : []),
        ...(unmapped > 0 ? [note('pictures.source.unmappedPolice', { n: unmapped })] : []),
        ...areaNote,
      ],
    },
    {
      kind: 'reported_crime',
      used: reportedCrime.length > 0,
      coverageFrom: sources.crime_from,
      coverageTo: sources.crime_to,
      count: reportedCrime.length > 0 ? crimeCount : null,
      lastImportedAt: isoOrNull(sources.imports.reported_crime),
      notes: [...(reportedCrime.length === 0 ? [note('pictures.source.noReportedCrime')] : []), ...areaNote],
    },
    {
      kind: 'survey',
      used: surveyRowsUsed > 0,
      coverageFrom: yearFrom(sources.survey_from),
      coverageTo: yearTo(sources.survey_to),
      count: surveyRowsUsed,
      lastImportedAt: isoOrNull(sources.imports.survey),
      notes: [...(surveyRowsUsed === 0 ? [note('pictures.source.noSurvey')] : []), ...areaNote],
    },
    {
      kind: 'population',
      used: P !== null,
      coverageFrom: yearFrom(sources.population_from),
      coverageTo: yearTo(sources.population_to),
      count: P,
      lastImportedAt: isoOrNull(sources.imports.population),
      notes: [...(P === null ? [note('pictures.source.noPopulation')] : []), ...areaNote],
    },
  ];

  // ---- Violent extremism.
  let extremism: PictureFigures['extremism'] = null;
  const ex = section('extremism');
  const exPolice = policeSection('extremism');
  if (p.extremism) {
    extremism = {
      own: { current: asCounts(ex.total.current), comparison: asCounts(ex.total.comparison) },
      ownByType: ex.rows,
      police: { current: exPolice.total.current, comparison: exPolice.total.comparison },
      policeByType: exPolice.rows,
      trend: trendMonths.map((month) => ({
        month,
        own: ex.trend.get(month)!.total,
        police: exPolice.trend.get(month)!,
      })),
      analysis: '',
    };
  }

  const areaList = scope.areaIds.map((id) => scope.byId.get(id)!);
  const document: PictureFigures = {
    scope: {
      kind: scope.kind,
      label:
        scope.organisation?.name ??
        (scope.kind === 'areas' ? areaList.map((a) => a.name).join(', ') : scope.root.name),
      organisation: scope.organisation,
      areas: areaList.map((a) => ({ id: a.id, name: a.name, level: a.level })),
    },
    period,
    comparison,
    generatedAt: p.now.toISOString(),
    suppression: { threshold: p.threshold, applied: false },
    population:
      scopePop && popYear !== null
        ? {
            year: popYear,
            total: scopePop.woman + scopePop.man + scopePop.other,
            woman: scopePop.woman,
            man: scopePop.man,
            other: scopePop.other,
            byAgeBand: [...scopePop.ages.entries()]
              .sort((a, b) => a[0].localeCompare(b[0], 'sv', { numeric: true }))
              .map(([ageBand, c]) => ({ ageBand, woman: c.woman, man: c.man })),
          }
        : null,
    own: {
      total: { current: asCounts(own.total.current), comparison: asCounts(own.total.comparison) },
      byFocusArea: focusRows,
      byType: own.rows,
      trend: trendMonths.map((month) => ({ month, counts: asCounts(own.trend.get(month)!) })),
      heatmap,
    },
    observations: {
      total: {
        current: asCounts(observations.total.current),
        comparison: asCounts(observations.total.comparison),
      },
      byType: observations.rows,
      trend: trendMonths.map((month) => ({ month, counts: asCounts(observations.trend.get(month)!) })),
    },
    police: {
      total: police.total,
      byType: police.rows,
      byFocusArea: policeByFocus,
      trend: trendMonths.map((month) => ({ month, count: police.trend.get(month)! })),
      heatmap: policeHeat,
      unplacedInMunicipality: sources.unplaced,
    },
    reportedCrime,
    surveys: surveyRows,
    areas,
    sources: sourcesList,
    extremism,
  };
  return {
    document,
    links: {
      ownFocusTypes,
      policeFocusTypes,
      ...(extremism
        ? {}
        : { withheldInHeat: { own: { ...ex.total.current }, police: exPolice.total.current } }),
    },
  };
}

function isoOrNull(v: string | undefined): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
