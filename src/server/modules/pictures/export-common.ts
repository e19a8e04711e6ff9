import type { Locale } from '../../../domain/api/common.ts';
import type {
  Analysis,
  Count,
  GenderCounts,
  GenderKey,
  OwnFigureRow,
  PictureFigures,
  SourceKind,
} from '../../../domain/api/pictures.ts';

/**
 * What every picture export shares: the texts that go with the figures, and the figures laid out as
 * tables (one model, written by the PDF, XLSX and CSV builders alike). Suppressed counts stay
 * 'small' / 'hidden' in the model; each format decides how to write them ("<5" and "•" as text).
 */

export interface ExportSnapshotInfo {
  version: number;
  status: 'frozen' | 'signed' | 'submitted';
  frozenAt: string;
  signedAt: string | null;
  signedBy: string | null;
  submittedAt: string | null;
}

/** The words that go with the figures: title, Brå's five questions, notes, and snapshot facts. */
export interface ExportTexts {
  title: string;
  analysis: Analysis | null;
  notes: string;
  /** Present only for a frozen version. */
  snapshot?: ExportSnapshotInfo | null;
}

export type SectionKey = 'mapping' | 'other' | 'extremism' | 'sources';

/** A value in a table: a count (possibly suppressed), a number (rate, percent), text or nothing. */
export type ExportValue = Count | number | string | null;

export interface ExportColumn {
  key: string;
  header: string;
  /** The measure without the gender, for the long CSV ('Perioden', 'Per 1 000 invånare'). */
  measure: string;
  gender: GenderKey | 'total' | null;
}

export interface ExportTable {
  key: string;
  section: SectionKey;
  title: string;
  rowHeader: string;
  columns: ExportColumn[];
  rows: { key: string; label: string; values: ExportValue[] }[];
}

export const TIME_ZONE = 'Europe/Stockholm';

const W = {
  sv: {
    mapping: '1. Kartläggning av brottsligheten',
    other: '2. Annan relevant information',
    analysis: '3. Analys',
    sources: 'Källor och täckning',
    extremism: 'Våldsbejakande extremism',
    notes: 'Anteckningar',
    woman: 'Kvinnor',
    man: 'Män',
    other_gender: 'Annat',
    unknown: 'Okänt',
    total: 'Totalt',
    current: 'Perioden',
    comparison: 'Jämförelseperioden',
    change: 'Förändring',
    rate: 'Per 1 000 invånare',
    cityRate: 'Staden per 1 000 invånare',
    focusArea: 'Fokusområde',
    type: 'Typ',
    area: 'Område',
    month: 'Månad',
    weekday: 'Veckodag',
    own: 'Egna rapporter',
    police: 'Polisens händelser',
    policeRate: 'Polisens händelser per 1 000 invånare',
    ownRate: 'Egna rapporter per 1 000 invånare',
    population: 'Befolkning',
    ageBand: 'Åldersgrupp',
    mapped: 'Kopplad till vår typindelning',
    yes: 'Ja',
    no: 'Nej',
    question: 'Fråga',
    year: 'År',
    group: 'Grupp',
    value: 'Värde',
    respondents: 'Svarande',
    cityValue: 'Staden',
    crimeType: 'Brottstyp',
    source: 'Källa',
    used: 'Använd',
    coverage: 'Täckning',
    count: 'Antal',
    lastImported: 'Senast importerad',
    sourceNotes: 'Anmärkningar',
    tOwnFocus: 'Egna rapporter per fokusområde',
    tOwnType: 'Egna rapporter per typ',
    tPoliceType: 'Polisens händelser per typ',
    tPoliceFocus: 'Polisens händelser per fokusområde',
    tAreas: 'Per område',
    tTrend: 'Utveckling per månad',
    tHeat: 'Egna rapporter per veckodag och timme',
    tReported: 'Anmälda brott',
    tObservations: 'Iakttagelser per typ',
    tPopulation: 'Befolkning per åldersgrupp',
    tSurveys: 'Trygghetsmätningar',
    tExtOwn: 'Våldsbejakande extremism: egna rapporter per typ',
    tExtPolice: 'Våldsbejakande extremism: polisens händelser per typ',
    tExtTrend: 'Våldsbejakande extremism per månad',
    tSources: 'Källor och täckning',
    smallNote: (t: number) =>
      `"<${t}": färre än ${t} – visas inte för att skydda enskilda. "•": dolt så att ett litet tal inte kan räknas fram ur summor eller skillnader.`,
    notAppliedNote: 'Alla tal visas utan skydd för små tal (behörighet att se dem).',
    unplaced: (n: number | string) => `${n} händelser i kommunen kunde inte placeras i ett område.`,
    sourceKinds: {
      incidents: 'Egna rapporter',
      observations: 'Iakttagelser',
      police_events: 'Polisens händelser',
      reported_crime: 'Anmälda brott (Brå)',
      survey: 'Trygghetsmätningar',
      population: 'Befolkning',
    } satisfies Record<SourceKind, string>,
    questions: {
      whereGreatest: 'Var är problemen störst?',
      comparedWith: 'Jämfört med vad?',
      trend: 'Hur ser utvecklingen ut över tid?',
      sourcesAndLimits: 'Vilka källor har använts och inte, och hur begränsar det bilden?',
      conclusions: 'Slutsatser',
    } satisfies Record<keyof Analysis, string>,
    weekdays: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
    period: 'Period',
    comparisonPeriod: 'Jämförelseperiod',
    scope: 'Omfattning',
    organisation: 'Organisation',
    generated: 'Framtagen',
    frozen: (n: number, signed: string | null, by: string | null) =>
      `Fryst version ${n}${signed ? `, undertecknad ${signed}${by ? ` av ${by}` : ''}` : ', ej undertecknad'}`,
    live: 'Aktuella siffror (inte en fryst version)',
    page: (n: number, of: number) => `Sida ${n} av ${of}`,
    noText: '(Ingen text skriven.)',
    empty: 'Inga uppgifter.',
    chartTrend: 'Diagram: egna rapporter och polisens händelser per månad',
    chartFocus: 'Diagram: egna rapporter per fokusområde, kvinnor och män',
    chartHeat: 'Diagram: egna rapporter per veckodag och timme',
    map: 'Karta: egna rapporter per 1 000 invånare per område',
    legend: 'Per 1 000 invånare',
    noData: 'Inga uppgifter',
  },
  en: {
    mapping: '1. Mapping of crime',
    other: '2. Other relevant information',
    analysis: '3. Analysis',
    sources: 'Sources and coverage',
    extremism: 'Violent extremism',
    notes: 'Notes',
    woman: 'Women',
    man: 'Men',
    other_gender: 'Other',
    unknown: 'Unknown',
    total: 'Total',
    current: 'Period',
    comparison: 'Comparison period',
    change: 'Change',
    rate: 'Per 1,000 inhabitants',
    cityRate: 'City per 1,000 inhabitants',
    focusArea: 'Focus area',
    type: 'Type',
    area: 'Area',
    month: 'Month',
    weekday: 'Weekday',
    own: 'Own reports',
    police: 'Police events',
    policeRate: 'Police events per 1,000 inhabitants',
    ownRate: 'Own reports per 1,000 inhabitants',
    population: 'Population',
    ageBand: 'Age band',
    mapped: 'Mapped to our types',
    yes: 'Yes',
    no: 'No',
    question: 'Question',
    year: 'Year',
    group: 'Group',
    value: 'Value',
    respondents: 'Respondents',
    cityValue: 'City',
    crimeType: 'Crime type',
    source: 'Source',
    used: 'Used',
    coverage: 'Coverage',
    count: 'Count',
    lastImported: 'Last imported',
    sourceNotes: 'Remarks',
    tOwnFocus: 'Own reports by focus area',
    tOwnType: 'Own reports by type',
    tPoliceType: 'Police events by type',
    tPoliceFocus: 'Police events by focus area',
    tAreas: 'By area',
    tTrend: 'Monthly trend',
    tHeat: 'Own reports by weekday and hour',
    tReported: 'Reported crime',
    tObservations: 'Observations by type',
    tPopulation: 'Population by age band',
    tSurveys: 'Safety surveys',
    tExtOwn: 'Violent extremism: own reports by type',
    tExtPolice: 'Violent extremism: police events by type',
    tExtTrend: 'Violent extremism by month',
    tSources: 'Sources and coverage',
    smallNote: (t: number) =>
      `"<${t}": fewer than ${t} – not shown to protect individuals. "•": hidden so that a small number cannot be worked out from totals or differences.`,
    notAppliedNote: 'Every figure is shown unprotected (the viewer may see small counts).',
    unplaced: (n: number | string) => `${n} events in the municipality could not be placed in an area.`,
    sourceKinds: {
      incidents: 'Own reports',
      observations: 'Observations',
      police_events: 'Police events',
      reported_crime: 'Reported crime (Brå)',
      survey: 'Safety surveys',
      population: 'Population',
    } satisfies Record<SourceKind, string>,
    questions: {
      whereGreatest: 'Where are the problems greatest?',
      comparedWith: 'Compared with what?',
      trend: 'What is the trend over time?',
      sourcesAndLimits: 'Which sources were used and not, and how does that limit the picture?',
      conclusions: 'Conclusions',
    } satisfies Record<keyof Analysis, string>,
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    period: 'Period',
    comparisonPeriod: 'Comparison period',
    scope: 'Scope',
    organisation: 'Organisation',
    generated: 'Generated',
    frozen: (n: number, signed: string | null, by: string | null) =>
      `Frozen version ${n}${signed ? `, signed ${signed}${by ? ` by ${by}` : ''}` : ', not signed'}`,
    live: 'Current figures (not a frozen version)',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    noText: '(No text written.)',
    empty: 'No data.',
    chartTrend: 'Chart: own reports and police events by month',
    chartFocus: 'Chart: own reports by focus area, women and men',
    chartHeat: 'Chart: own reports by weekday and hour',
    map: 'Map: own reports per 1,000 inhabitants by area',
    legend: 'Per 1,000 inhabitants',
    noData: 'No data',
  },
};

export type Words = (typeof W)['sv'];
export function words(locale: Locale): Words {
  return W[locale];
}

export const ANALYSIS_ORDER = [
  'whereGreatest',
  'comparedWith',
  'trend',
  'sourcesAndLimits',
  'conclusions',
] as const satisfies readonly (keyof Analysis)[];

/** A count or number as shown in documents: "<5" for 'small', "•" for 'hidden'. */
export function formatValue(value: ExportValue, threshold: number, locale: Locale, empty = '–'): string {
  if (value === null) return empty;
  if (value === 'small') return `<${threshold}`;
  if (value === 'hidden') return '•';
  if (typeof value === 'string') return value;
  return formatNumber(value, locale);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    maximumFractionDigits: Number.isInteger(value) ? 0 : 2,
  }).format(value);
}

/** A count as a plain number, or null when suppressed. */
export const numeric = (value: Count | null | undefined): number | null =>
  typeof value === 'number' ? value : null;

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(iso));
}

export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export function periodText(p: { from: string; to: string }): string {
  return p.from === p.to ? p.from : `${p.from} – ${p.to}`;
}

/** The change from comparison to current, only when both are plain numbers (never reveals a hidden cell). */
export function change(current: Count, comparison: Count): ExportValue {
  if (typeof current !== 'number' || typeof comparison !== 'number') return 'hidden';
  return current - comparison;
}

const GENDER_ORDER: (GenderKey | 'total')[] = ['woman', 'man', 'other', 'unknown', 'total'];

function genderLabel(w: Words, g: GenderKey | 'total'): string {
  return g === 'other' ? w.other_gender : w[g];
}

function genderColumns(w: Words, measure: string, prefix: string): ExportColumn[] {
  return GENDER_ORDER.map((g) => ({
    key: `${prefix}_${g}`,
    header: `${measure}: ${genderLabel(w, g)}`,
    measure,
    gender: g,
  }));
}

const plain = (key: string, header: string): ExportColumn => ({ key, header, measure: header, gender: null });

const gv = (c: GenderCounts): ExportValue[] => GENDER_ORDER.map((g) => c[g]);

function ownRowsTable(
  w: Words,
  locale: Locale,
  key: string,
  section: SectionKey,
  title: string,
  rowHeader: string,
  rows: OwnFigureRow[],
  total?: { current: GenderCounts; comparison: GenderCounts },
): ExportTable {
  const columns = [
    ...genderColumns(w, w.current, 'current'),
    ...genderColumns(w, w.comparison, 'comparison'),
    plain('change', w.change),
    plain('rate', w.rate),
    plain('city_rate', w.cityRate),
  ];
  const out = rows.map((r) => ({
    key: r.code,
    label: r.label[locale],
    values: [
      ...gv(r.current),
      ...gv(r.comparison),
      change(r.current.total, r.comparison.total),
      r.ratePer1000,
      r.cityRatePer1000,
    ],
  }));
  if (total) {
    out.push({
      key: 'total',
      label: w.total,
      values: [
        ...gv(total.current),
        ...gv(total.comparison),
        change(total.current.total, total.comparison.total),
        null,
        null,
      ],
    });
  }
  return { key, section, title, rowHeader, columns, rows: out };
}

export function noteText(w: Words, note: { key: string; params: Record<string, string | number> }): string {
  if (note.key.endsWith('unplaced')) return w.unplaced(note.params.n ?? note.params.count ?? '?');
  const params = Object.entries(note.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return params ? `${note.key} (${params})` : note.key;
}

/**
 * Every table of the picture, in document order. `includeExtremism` false drops that section even
 * when the figures hold it (open data never carries it).
 */
export function pictureTables(
  figures: PictureFigures,
  locale: Locale,
  opts: { includeExtremism?: boolean; includeSources?: boolean } = {},
): ExportTable[] {
  const w = words(locale);
  const tables: ExportTable[] = [];
  const own = figures.own;
  tables.push(
    ownRowsTable(
      w,
      locale,
      'own_by_focus_area',
      'mapping',
      w.tOwnFocus,
      w.focusArea,
      own.byFocusArea,
      own.total,
    ),
  );
  tables.push(ownRowsTable(w, locale, 'own_by_type', 'mapping', w.tOwnType, w.type, own.byType));
  tables.push({
    key: 'police_by_type',
    section: 'mapping',
    title: w.tPoliceType,
    rowHeader: w.type,
    columns: [
      plain('current', w.current),
      plain('comparison', w.comparison),
      plain('change', w.change),
      plain('rate', w.rate),
      plain('city_rate', w.cityRate),
      plain('mapped', w.mapped),
    ],
    rows: [
      ...figures.police.byType.map((r) => ({
        key: r.policeType,
        label: r.policeType,
        values: [
          r.current,
          r.comparison,
          change(r.current, r.comparison),
          r.ratePer1000,
          r.cityRatePer1000,
          r.mapped ? w.yes : w.no,
        ] as ExportValue[],
      })),
      {
        key: 'total',
        label: w.total,
        values: [
          figures.police.total.current,
          figures.police.total.comparison,
          change(figures.police.total.current, figures.police.total.comparison),
          null,
          null,
          null,
        ],
      },
    ],
  });
  tables.push({
    key: 'police_by_focus_area',
    section: 'mapping',
    title: w.tPoliceFocus,
    rowHeader: w.focusArea,
    columns: [plain('current', w.current), plain('comparison', w.comparison), plain('change', w.change)],
    rows: figures.police.byFocusArea.map((r) => ({
      key: r.code,
      label: r.label[locale],
      values: [r.current, r.comparison, change(r.current, r.comparison)],
    })),
  });
  tables.push({
    key: 'areas',
    section: 'mapping',
    title: w.tAreas,
    rowHeader: w.area,
    columns: [
      ...genderColumns(w, w.own, 'own'),
      plain('own_rate', w.ownRate),
      plain('police', w.police),
      plain('police_rate', w.policeRate),
      plain('population', w.population),
    ],
    rows: figures.areas.map((a) => ({
      key: a.areaId,
      label: a.name,
      values: [...gv(a.own), a.ownRatePer1000, a.police, a.policeRatePer1000, a.population],
    })),
  });
  const policeByMonth = new Map(figures.police.trend.map((p) => [p.month, p.count]));
  const months = [...new Set([...own.trend.map((p) => p.month), ...policeByMonth.keys()])].sort();
  const ownByMonth = new Map(own.trend.map((p) => [p.month, p.counts]));
  tables.push({
    key: 'trend',
    section: 'mapping',
    title: w.tTrend,
    rowHeader: w.month,
    columns: [...genderColumns(w, w.own, 'own'), plain('police', w.police)],
    rows: months.map((m) => {
      const c = ownByMonth.get(m);
      return {
        key: m,
        label: m,
        values: [...(c ? gv(c) : [null, null, null, null, null]), policeByMonth.get(m) ?? null],
      };
    }),
  });
  const heat = new Map(own.heatmap.map((c) => [`${c.weekday}-${c.hour}`, c.counts.total]));
  tables.push({
    key: 'heatmap',
    section: 'mapping',
    title: w.tHeat,
    rowHeader: w.weekday,
    columns: Array.from({ length: 24 }, (_, h) => ({
      key: `h${h}`,
      header: String(h).padStart(2, '0'),
      measure: `${String(h).padStart(2, '0')}:00`,
      gender: 'total' as const,
    })),
    rows: w.weekdays.map((name, i) => ({
      key: String(i + 1),
      label: name,
      values: Array.from({ length: 24 }, (_, h) => heat.get(`${i + 1}-${h}`) ?? null),
    })),
  });
  tables.push({
    key: 'reported_crime',
    section: 'mapping',
    title: w.tReported,
    rowHeader: w.crimeType,
    columns: [
      plain('current', w.current),
      plain('comparison', w.comparison),
      plain('change', w.change),
      plain('rate', w.rate),
      plain('city_rate', w.cityRate),
    ],
    rows: figures.reportedCrime.map((r) => ({
      key: r.crimeType,
      label: r.crimeType,
      values: [r.current, r.comparison, change(r.current, r.comparison), r.ratePer1000, r.cityRatePer1000],
    })),
  });

  // 2. Other relevant information
  tables.push(
    ownRowsTable(
      w,
      locale,
      'observations',
      'other',
      w.tObservations,
      w.type,
      figures.observations.byType,
      figures.observations.total,
    ),
  );
  const pop = figures.population;
  tables.push({
    key: 'population',
    section: 'other',
    title: pop ? `${w.tPopulation} (${pop.year})` : w.tPopulation,
    rowHeader: w.ageBand,
    columns: [
      { key: 'woman', header: w.woman, measure: w.population, gender: 'woman' },
      { key: 'man', header: w.man, measure: w.population, gender: 'man' },
      { key: 'total', header: w.total, measure: w.population, gender: 'total' },
    ],
    rows: pop
      ? [
          ...pop.byAgeBand.map((b) => ({
            key: b.ageBand,
            label: b.ageBand,
            values: [b.woman, b.man, b.woman + b.man] as ExportValue[],
          })),
          { key: 'total', label: w.total, values: [pop.woman, pop.man, pop.total] },
        ]
      : [],
  });
  tables.push({
    key: 'surveys',
    section: 'other',
    title: w.tSurveys,
    rowHeader: w.question,
    columns: [
      plain('year', w.year),
      plain('group', w.group),
      plain('value', w.value),
      plain('respondents', w.respondents),
      plain('city_value', w.cityValue),
    ],
    rows: figures.surveys.map((s) => ({
      key: `${s.year}:${s.questionCode}:${s.groupKind}:${s.groupValue}`,
      label: s.questionLabel,
      values: [s.year, `${s.groupKind}: ${s.groupValue}`, s.value, s.respondents, s.cityValue],
    })),
  });

  const ext = opts.includeExtremism === false ? null : figures.extremism;
  if (ext) {
    tables.push(
      ownRowsTable(
        w,
        locale,
        'extremism_own_by_type',
        'extremism',
        w.tExtOwn,
        w.type,
        ext.ownByType,
        ext.own,
      ),
    );
    tables.push({
      key: 'extremism_police_by_type',
      section: 'extremism',
      title: w.tExtPolice,
      rowHeader: w.type,
      columns: [plain('current', w.current), plain('comparison', w.comparison), plain('change', w.change)],
      rows: [
        ...ext.policeByType.map((r) => ({
          key: r.policeType,
          label: r.policeType,
          values: [r.current, r.comparison, change(r.current, r.comparison)],
        })),
        {
          key: 'total',
          label: w.total,
          values: [
            ext.police.current,
            ext.police.comparison,
            change(ext.police.current, ext.police.comparison),
          ],
        },
      ],
    });
    tables.push({
      key: 'extremism_trend',
      section: 'extremism',
      title: w.tExtTrend,
      rowHeader: w.month,
      columns: [plain('own', w.own), plain('police', w.police)],
      rows: ext.trend.map((p) => ({ key: p.month, label: p.month, values: [p.own, p.police] })),
    });
  }

  if (opts.includeSources !== false) tables.push(sourcesTable(figures, locale));
  return tables;
}

export function sourcesTable(figures: PictureFigures, locale: Locale): ExportTable {
  const w = words(locale);
  return {
    key: 'sources',
    section: 'sources',
    title: w.tSources,
    rowHeader: w.source,
    columns: [
      plain('used', w.used),
      plain('coverage', w.coverage),
      plain('count', w.count),
      plain('last_imported', w.lastImported),
      plain('notes', w.sourceNotes),
    ],
    rows: figures.sources.map((s) => ({
      key: s.kind,
      label: w.sourceKinds[s.kind] ?? s.kind,
      values: [
        s.used ? w.yes : w.no,
        s.coverageFrom || s.coverageTo ? `${s.coverageFrom ?? '…'} – ${s.coverageTo ?? '…'}` : null,
        s.count,
        s.lastImportedAt ? s.lastImportedAt.slice(0, 10) : null,
        s.notes.map((n) => noteText(w, n)).join(' ') || null,
      ],
    })),
  };
}

/** The document's title line for a picture without a saved title (live queries). */
export function defaultTitle(figures: PictureFigures, locale: Locale): string {
  return locale === 'sv'
    ? `Lägesbild: ${figures.scope.label} ${periodText(figures.period)}`
    : `Situational picture: ${figures.scope.label} ${periodText(figures.period)}`;
}

/** A file name without odd characters: "lagesbild-skarholmen-2025.pdf". */
export function fileStem(title: string): string {
  const stem = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return stem === '' ? 'lagesbild' : stem;
}

/** Formula-injection guard shared by the CSV writers (as incidents/export.ts). */
export function csvField(value: string | null): string {
  if (value === null) return '""';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
