import type { Count, GenderCounts, OwnFigureRow, PictureFigures } from '../../src/domain/api/pictures.ts';
import type { AreaGeometry } from '../../src/server/modules/areas/areas.tables.ts';

/**
 * A hand-made PictureFigures document for unit tests of everything that reads one (viewer, exports).
 * Suppression is applied (threshold 5): it holds 'small' cells (shown "<5") and 'hidden' cells
 * (secondary suppression, shown "•"), an extremism section, three areas with geometry and every
 * source kind. Known values the tests look for: own total 142 (women 81, men 57), police 310,
 * "Rån" by type with a 'small' count for women.
 */

export const SAMPLE_AREA_IDS = {
  centrum: '11111111-1111-4111-8111-111111111111',
  bredang: '22222222-2222-4222-8222-222222222222',
  satra: '33333333-3333-4333-8333-333333333333',
} as const;

const counts = (woman: Count, man: Count, other: Count, unknown: Count, total: Count): GenderCounts => ({
  woman,
  man,
  other,
  unknown,
  total,
});

function row(
  code: string,
  sv: string,
  en: string,
  group: string | null,
  current: GenderCounts,
  comparison: GenderCounts,
  rate: number | null,
  cityRate: number | null,
): OwnFigureRow {
  return {
    code,
    label: { sv, en },
    group,
    current,
    comparison,
    ratePer1000: rate,
    cityRatePer1000: cityRate,
  };
}

function months(last: string, n: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

const square = (lon: number, lat: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size / 2],
      [lon, lat + size / 2],
      [lon, lat],
    ],
  ],
});

/** GeoJSON geometries of the sample's areas (WGS84), keyed by area id. */
export function samplePictureGeometries(): Map<string, AreaGeometry> {
  return new Map<string, AreaGeometry>([
    [SAMPLE_AREA_IDS.centrum, square(17.94, 59.27, 0.02)],
    [SAMPLE_AREA_IDS.bredang, square(17.96, 59.27, 0.02)],
    [
      SAMPLE_AREA_IDS.satra,
      {
        type: 'MultiPolygon' as const,
        coordinates: [square(17.94, 59.28, 0.02).coordinates, square(17.97, 59.285, 0.01).coordinates],
      },
    ],
  ]);
}

export function samplePictureFigures(overrides: Partial<PictureFigures> = {}): PictureFigures {
  const trendMonths = months('2025-12', 36);
  const base: PictureFigures = {
    scope: {
      kind: 'organisation',
      label: 'Skärholmens stadsdelsnämnd',
      organisation: { id: '44444444-4444-4444-8444-444444444444', name: 'Skärholmens stadsdelsnämnd' },
      areas: [
        { id: SAMPLE_AREA_IDS.centrum, name: 'Skärholmen centrum', level: 'neighbourhood' },
        { id: SAMPLE_AREA_IDS.bredang, name: 'Bredäng', level: 'neighbourhood' },
        { id: SAMPLE_AREA_IDS.satra, name: 'Sätra', level: 'neighbourhood' },
      ],
    },
    period: { from: '2025-01', to: '2025-12' },
    comparison: { from: '2024-01', to: '2024-12' },
    generatedAt: '2026-01-15T09:30:00.000Z',
    suppression: { threshold: 5, applied: true },
    population: {
      year: 2025,
      total: 38200,
      woman: 19000,
      man: 19100,
      other: 100,
      byAgeBand: [
        { ageBand: '0-17', woman: 4400, man: 4600 },
        { ageBand: '18-64', woman: 11600, man: 11800 },
        { ageBand: '65+', woman: 3000, man: 2700 },
      ],
    },
    own: {
      total: {
        current: counts(81, 57, 'small', 'hidden', 142),
        comparison: counts(70, 50, 'small', 'hidden', 125),
      },
      byFocusArea: [
        row(
          'violence',
          'Våld och hot',
          'Violence and threats',
          null,
          counts(30, 22, 'small', 'hidden', 55),
          counts(25, 20, 'small', 'hidden', 47),
          1.44,
          1.1,
        ),
        row(
          'property',
          'Skadegörelse och stöld',
          'Damage and theft',
          null,
          counts(51, 35, 0, 0, 86),
          counts(45, 30, 0, 0, 75),
          2.28,
          2.5,
        ),
      ],
      byType: [
        row(
          'threat',
          'Hot',
          'Threat',
          'violence',
          counts(22, 18, 'small', 'hidden', 45),
          counts(20, 16, 0, 0, 36),
          1.18,
          0.9,
        ),
        row(
          'robbery',
          'Rån',
          'Robbery',
          'violence',
          counts('small', 'hidden', 0, 0, 10),
          counts('small', 'small', 0, 0, 'small'),
          null,
          0.2,
        ),
        row(
          'vandalism',
          'Skadegörelse',
          'Vandalism',
          'property',
          counts(51, 35, 0, 0, 86),
          counts(45, 30, 0, 0, 75),
          2.28,
          2.5,
        ),
      ],
      trend: trendMonths.map((month, i) => ({
        month,
        counts:
          i % 7 === 0
            ? counts('small', 'hidden', 0, 0, 9)
            : counts(6 + (i % 5), 5 + (i % 3), 0, 0, 11 + (i % 5) + (i % 3)),
      })),
      heatmap: Array.from({ length: 7 * 24 }, (_, i) => {
        const weekday = Math.floor(i / 24) + 1;
        const hour = i % 24;
        const total = (hour >= 18 && hour <= 23 ? 6 : 1) + (weekday >= 5 ? 2 : 0);
        return {
          weekday,
          hour,
          counts:
            total < 5 ? counts('small', 'small', 0, 0, 'small') : counts('small', 'hidden', 0, 0, total),
        };
      }),
    },
    observations: {
      total: { current: counts(12, 9, 0, 0, 21), comparison: counts(10, 8, 0, 0, 18) },
      byType: [
        row(
          'observation_litter',
          'Nedskräpning',
          'Litter',
          null,
          counts(12, 9, 0, 0, 21),
          counts(10, 8, 0, 0, 18),
          0.55,
          0.6,
        ),
      ],
      trend: trendMonths
        .slice(-12)
        .map((month) => ({ month, counts: counts('small', 'small', 0, 0, 'small') })),
    },
    police: {
      total: { current: 310, comparison: 287 },
      byType: [
        {
          policeType: 'Misshandel',
          mapped: true,
          incidentTypeCode: 'assault',
          focusAreas: ['violence'],
          current: 120,
          comparison: 110,
          ratePer1000: 3.14,
          cityRatePer1000: 2.2,
        },
        {
          policeType: 'Stöld',
          mapped: true,
          incidentTypeCode: 'theft',
          focusAreas: ['property'],
          current: 187,
          comparison: 175,
          ratePer1000: 4.9,
          cityRatePer1000: 5.1,
        },
        {
          policeType: 'Övrigt',
          mapped: false,
          incidentTypeCode: null,
          focusAreas: [],
          current: 'small',
          comparison: 'small',
          ratePer1000: null,
          cityRatePer1000: 0.1,
        },
      ],
      byFocusArea: [
        {
          code: 'violence',
          label: { sv: 'Våld och hot', en: 'Violence and threats' },
          current: 120,
          comparison: 110,
        },
        {
          code: 'property',
          label: { sv: 'Skadegörelse och stöld', en: 'Damage and theft' },
          current: 187,
          comparison: 175,
        },
      ],
      trend: trendMonths.map((month, i) => ({ month, count: 20 + (i % 9) })),
      heatmap: Array.from({ length: 7 * 24 }, (_, i) => ({
        weekday: Math.floor(i / 24) + 1,
        hour: i % 24,
        count: i % 24 >= 20 ? 8 : ('small' as const),
      })),
      unplacedInMunicipality: 412,
    },
    reportedCrime: [
      { crimeType: 'Misshandel', current: 210, comparison: 198, ratePer1000: 5.5, cityRatePer1000: 4.1 },
      { crimeType: 'Mord', current: 'small', comparison: 'small', ratePer1000: null, cityRatePer1000: 0.02 },
    ],
    surveys: [
      {
        year: 2025,
        questionCode: 'worry_evening',
        questionLabel: 'Otrygg ute sent en kväll',
        groupKind: 'gender',
        groupValue: 'woman',
        value: 41.5,
        respondents: 820,
        cityValue: 33.2,
      },
      {
        year: 2025,
        questionCode: 'worry_evening',
        questionLabel: 'Otrygg ute sent en kväll',
        groupKind: 'gender',
        groupValue: 'man',
        value: 17.9,
        respondents: 790,
        cityValue: 14.1,
      },
    ],
    areas: [
      {
        areaId: SAMPLE_AREA_IDS.centrum,
        name: 'Skärholmen centrum',
        level: 'neighbourhood',
        own: counts(40, 30, 'small', 'hidden', 73),
        police: 150,
        population: 12000,
        ownRatePer1000: 6.08,
        policeRatePer1000: 12.5,
      },
      {
        areaId: SAMPLE_AREA_IDS.bredang,
        name: 'Bredäng',
        level: 'neighbourhood',
        own: counts(38, 25, 0, 0, 63),
        police: 140,
        population: 14000,
        ownRatePer1000: 4.5,
        policeRatePer1000: 10,
      },
      {
        areaId: SAMPLE_AREA_IDS.satra,
        name: 'Sätra',
        level: 'neighbourhood',
        own: counts('small', 'hidden', 0, 0, 6),
        police: 20,
        population: 12200,
        ownRatePer1000: 0.49,
        policeRatePer1000: 1.64,
      },
    ],
    sources: [
      {
        kind: 'incidents',
        used: true,
        coverageFrom: '2023-01-01',
        coverageTo: '2025-12-31',
        count: 142,
        lastImportedAt: null,
        notes: [],
      },
      {
        kind: 'police_events',
        used: true,
        coverageFrom: '2022-01-01',
        coverageTo: '2025-12-31',
        count: 310,
        lastImportedAt: '2026-01-10T08:00:00.000Z',
        notes: [{ key: 'pictures.source.unplaced', params: { n: 412 } }],
      },
      {
        kind: 'survey',
        used: true,
        coverageFrom: '2025-01-01',
        coverageTo: '2025-12-31',
        count: 2,
        lastImportedAt: '2026-01-05T08:00:00.000Z',
        notes: [],
      },
      {
        kind: 'reported_crime',
        used: false,
        coverageFrom: null,
        coverageTo: null,
        count: null,
        lastImportedAt: null,
        notes: [],
      },
    ],
    extremism: {
      own: { current: counts('small', 'hidden', 0, 0, 7), comparison: counts(0, 0, 0, 0, 0) },
      ownByType: [
        row(
          'violent_extremism_signs',
          'Tecken på våldsbejakande extremism',
          'Signs of violent extremism',
          'violence',
          counts('small', 'hidden', 0, 0, 7),
          counts(0, 0, 0, 0, 0),
          0.18,
          0.05,
        ),
      ],
      police: { current: 'small', comparison: 0 },
      policeByType: [],
      trend: trendMonths.slice(-12).map((month) => ({ month, own: 'small' as const, police: 0 })),
      analysis: 'EXTREMISM-HEMLIG-ANALYS',
    },
  };
  return { ...base, ...overrides };
}

/** The texts that go with the sample: Brå's five questions and the notes. */
export function samplePictureTexts() {
  return {
    title: 'Lägesbild Skärholmen 2025',
    analysis: {
      whereGreatest: 'Problemen är störst kring Skärholmens centrum på kvällar.',
      comparedWith: 'Jämfört med staden som helhet ligger hoten högre.',
      trend: 'Ökande trend sedan 2023.',
      sourcesAndLimits: 'Polisens händelser saknar exakt plats för en del händelser.',
      conclusions: 'Fler trygghetsvandringar i centrum.',
    },
    notes: 'Fritidsgården har haft kortare öppettider under hösten.',
  };
}
