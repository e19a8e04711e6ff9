import {
  type GenderCounts,
  type PictureFigures,
  PictureFiguresSchema,
} from '../../../domain/api/pictures.ts';

/**
 * A valid `PictureFigures` for developing and testing views and exports without a server: one district
 * with two neighbourhoods, own reports by gender (one type below the threshold, one hidden by secondary
 * suppression), police events, a 36-month trend, a heat map, population, a survey and the sources.
 * Pass `overrides` to change any top-level part. Validated against the shared schema.
 */
export function buildPictureFigures(overrides: Partial<PictureFigures> = {}): PictureFigures {
  const g = (
    woman: GenderCounts['woman'],
    man: GenderCounts['man'],
    total: GenderCounts['total'],
  ): GenderCounts => ({
    woman,
    man,
    other: 0,
    unknown: 0,
    total,
  });
  const label = (sv: string, en: string) => ({ sv, en });
  const months = Array.from({ length: 36 }, (_, i) => {
    const index = 2023 * 12 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
  const ids = {
    district: '00000000-0000-4000-8000-000000000001',
    north: '00000000-0000-4000-8000-000000000002',
    south: '00000000-0000-4000-8000-000000000003',
    organisation: '00000000-0000-4000-8000-000000000004',
  };
  const figures: PictureFigures = {
    scope: {
      kind: 'organisation',
      label: 'Skärholmens stadsdelsnämnd',
      organisation: { id: ids.organisation, name: 'Skärholmens stadsdelsnämnd' },
      areas: [{ id: ids.district, name: 'Skärholmen', level: 'district_area' }],
    },
    period: { from: '2025-01', to: '2025-12' },
    comparison: { from: '2024-01', to: '2024-12' },
    generatedAt: '2026-01-15T09:00:00.000Z',
    suppression: { threshold: 5, applied: true },
    population: {
      year: 2024,
      total: 8000,
      woman: 4000,
      man: 4000,
      other: 0,
      byAgeBand: [
        { ageBand: '0-17', woman: 2000, man: 2000 },
        { ageBand: '18-64', woman: 2000, man: 2000 },
      ],
    },
    own: {
      total: { current: g(15, 8, 23), comparison: g(0, 10, 10) },
      byFocusArea: [
        {
          code: 'crime',
          label: label('Förebygga brott', 'Preventing crime'),
          group: null,
          current: g(15, 8, 23),
          comparison: g(0, 10, 10),
          ratePer1000: 2.875,
          cityRatePer1000: 1.2,
        },
      ],
      byType: [
        {
          code: 'theft',
          label: label('Stöld', 'Theft'),
          group: 'crime',
          current: g(12, 8, 20),
          comparison: g(0, 10, 10),
          ratePer1000: 2.5,
          cityRatePer1000: 1.1,
        },
        {
          code: 'vandalism',
          label: label('Skadegörelse', 'Vandalism'),
          group: 'crime',
          current: g('small', 0, 'small'),
          comparison: g(0, 0, 0),
          ratePer1000: null,
          cityRatePer1000: 0.1,
        },
      ],
      trend: months.map((month, i) => ({
        month,
        counts: i % 7 === 0 ? g('small', 'hidden', 'hidden') : g(i % 5, (i + 2) % 5, (i % 5) + ((i + 2) % 5)),
      })),
      heatmap: [
        { weekday: 1, hour: 18, counts: g(6, 5, 11) },
        { weekday: 5, hour: 22, counts: g('small', 'small', 'small') },
      ],
    },
    observations: { total: { current: g(0, 0, 0), comparison: g(0, 0, 0) }, byType: [], trend: [] },
    police: {
      total: { current: 7, comparison: 0 },
      byType: [
        {
          policeType: 'Stöld',
          mapped: true,
          incidentTypeCode: 'theft',
          focusAreas: ['crime'],
          current: 7,
          comparison: 0,
          ratePer1000: 0.875,
          cityRatePer1000: 0.5,
        },
      ],
      byFocusArea: [
        { code: 'crime', label: label('Förebygga brott', 'Preventing crime'), current: 7, comparison: 0 },
      ],
      trend: months.map((month) => ({ month, count: month.startsWith('2025') ? 'small' : 0 })),
      heatmap: [{ weekday: 2, hour: 20, count: 7 }],
      unplacedInMunicipality: 12,
    },
    reportedCrime: [],
    surveys: [
      {
        year: 2024,
        questionCode: 'worry',
        questionLabel: 'Oro för brott',
        groupKind: 'gender',
        groupValue: 'woman',
        value: 40,
        respondents: 200,
        cityValue: 33,
      },
      {
        year: 2024,
        questionCode: 'worry',
        questionLabel: 'Oro för brott',
        groupKind: 'gender',
        groupValue: 'man',
        value: 22,
        respondents: 190,
        cityValue: 20,
      },
    ],
    areas: [
      {
        areaId: ids.north,
        name: 'Skärholmen',
        level: 'neighbourhood',
        own: g(12, 8, 20),
        police: 7,
        population: 4000,
        ownRatePer1000: 5,
        policeRatePer1000: 1.75,
      },
      {
        areaId: ids.south,
        name: 'Vårberg',
        level: 'neighbourhood',
        own: g('small', 0, 'small'),
        police: 0,
        population: 4000,
        ownRatePer1000: null,
        policeRatePer1000: 0,
      },
    ],
    sources: [
      {
        kind: 'incidents',
        used: true,
        coverageFrom: '2023-01-01',
        coverageTo: '2025-12-31',
        count: 23,
        lastImportedAt: null,
        notes: [],
      },
      {
        kind: 'police_events',
        used: true,
        coverageFrom: '2022-01-01',
        coverageTo: '2025-12-31',
        count: 7,
        lastImportedAt: '2026-01-10T08:00:00.000Z',
        notes: [{ key: 'pictures.source.unplaced', params: { n: 12 } }],
      },
      {
        kind: 'reported_crime',
        used: false,
        coverageFrom: null,
        coverageTo: null,
        count: null,
        lastImportedAt: null,
        notes: [{ key: 'pictures.source.noReportedCrime', params: {} }],
      },
    ],
    extremism: null,
    ...overrides,
  };
  return PictureFiguresSchema.parse(figures);
}
