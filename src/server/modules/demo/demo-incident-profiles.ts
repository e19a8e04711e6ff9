/**
 * The demo incidents' model (issue 4, part 10): how often each incident type happens relative to
 * the others, by month, weekday and hour; where (which units, facilities or public places, and
 * which districts: by population, or weighted for crime or for threats against staff); who is
 * affected; how often the police are called and someone is injured; and how late reports come.
 * Figures are plausible for Stockholm, not official statistics.
 */
export type Weights = readonly number[];

// Month factors, January first.
const FLAT: Weights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const WINTER: Weights = [1.9, 1.8, 1.3, 0.9, 0.7, 0.6, 0.55, 0.6, 0.75, 1.0, 1.3, 1.7];
const WINTER_ROADS: Weights = [1.3, 1.25, 1.1, 0.9, 0.85, 0.85, 0.8, 0.85, 0.95, 1.05, 1.2, 1.3];
const SUMMER: Weights = [0.6, 0.6, 0.75, 0.95, 1.2, 1.45, 1.5, 1.4, 1.1, 0.85, 0.7, 0.7];
const SUMMER_MILD: Weights = [0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.2, 1.15, 1.05, 0.95, 0.9, 0.85];
const DARK: Weights = [1.25, 1.1, 1.0, 0.85, 0.8, 0.8, 1.05, 0.9, 0.9, 1.1, 1.25, 1.3];
const WORK: Weights = [1.05, 1.1, 1.1, 1.0, 1.05, 0.85, 0.45, 0.85, 1.15, 1.15, 1.1, 0.9];
const FIRE: Weights = [1.2, 1.0, 1.0, 1.1, 1.1, 1.0, 0.9, 0.8, 0.8, 0.9, 1.0, 1.6];

// Weekday factors, Monday first.
export const WORKDAYS: Weights = [1.2, 1.2, 1.2, 1.15, 1.05, 0.35, 0.3];
export const MOSTLY_WORK: Weights = [1.1, 1.1, 1.1, 1.1, 1.0, 0.75, 0.7];
const NIGHTLIFE: Weights = [0.75, 0.75, 0.8, 0.95, 1.3, 1.5, 1.0];
const EVERY_DAY: Weights = [1, 1, 1, 1, 1, 1, 1];

// Hour-of-day profiles (local time), midnight first.
const OFFICE: Weights = [0, 0, 0, 0, 0, 0.1, 1, 4, 8, 10, 10, 9, 8, 9, 9, 8, 6, 3, 1, 1, 0.5, 0.5, 0.3, 0.2];
const CARE: Weights = [0.5, 0.5, 0.4, 0.4, 0.5, 1, 4, 8, 9, 9, 8, 7, 6, 6, 6, 6, 6, 6, 5, 4, 3, 2, 1, 0.6];
const DAYTIME: Weights = [
  0.3, 0.2, 0.2, 0.2, 0.3, 0.8, 2, 4, 6, 7, 7, 7, 7, 7, 7, 7, 7, 6, 5, 4, 3, 2, 1, 0.5,
];
const FALLS: Weights = [
  0.2, 0.2, 0.2, 0.3, 0.4, 1, 4, 8, 7, 6, 5, 5, 5, 5, 5, 6, 6, 5, 3, 2, 1.5, 1, 0.5, 0.3,
];
const EVENING: Weights = [
  4, 3, 2, 1.2, 0.6, 0.3, 0.3, 0.4, 0.6, 0.8, 1, 1.2, 1.5, 1.8, 2.2, 3, 3.5, 4.5, 6, 7.5, 8, 8, 7, 5.5,
];
const NIGHT: Weights = [
  6, 6.5, 6, 5, 4, 2.5, 1.5, 1, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1, 1, 1.2, 1.5, 2, 3, 4, 5,
];
const OBSERVING: Weights = [
  0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 2, 5, 6, 5, 4, 4, 4, 5, 6, 6, 5, 4, 3, 2.5, 2, 1.5, 1, 0.7,
];

export type AffectedKind = 'employee' | 'elected_official' | 'resident' | 'client' | 'unknown';
export type DistrictMode = 'population' | 'crime' | 'threat';

/** Where an incident of a type happens: a unit of the district committee, a facility, a hotspot… */
export type PlaceOption =
  | { kind: 'unit'; weight: number; units: Record<string, number>; atFacility?: number }
  | { kind: 'facility'; weight: number; types: readonly string[] }
  | { kind: 'hotspot'; weight: number }
  | { kind: 'public'; weight: number }
  | { kind: 'committee'; weight: number };

export interface Profile {
  /** Relative share of all incidents (per mille, roughly). */
  share: number;
  season: Weights;
  week: Weights;
  hours: Weights;
  district: DistrictMode;
  places: readonly PlaceOption[];
  affected: readonly [AffectedKind, number][];
  police: number;
  injury?: number;
  /** Share of injuries that are serious. */
  seriousInjury?: number;
  /** How late reports come: 'fast' (within hours), 'normal', 'slow' (threats: days or weeks). */
  delay: 'fast' | 'normal' | 'slow';
  /** Reacts to New Year's Eve, Walpurgis Night and Midsummer. */
  festive?: number;
}

const ALL_UNITS: Record<string, number> = {
  'Förskoleenhet Nord': 10,
  'Förskoleenhet Syd': 10,
  Hemtjänsten: 12,
  'Vård- och omsorgsboende': 12,
  'Barn och unga': 8,
  Vuxenenheten: 8,
  Fritidsgårdar: 8,
  Parklekar: 5,
  'Administrativa avdelningen': 6,
};
const SOCIAL_SERVICES = { Vuxenenheten: 55, 'Barn och unga': 35, 'Administrativa avdelningen': 10 };

export const INCIDENT_PROFILES: Record<string, Profile> = {
  fall_slip: {
    share: 120,
    season: WINTER,
    week: MOSTLY_WORK,
    hours: FALLS,
    district: 'population',
    places: [
      {
        kind: 'unit',
        weight: 0.75,
        atFacility: 0.5,
        units: {
          Hemtjänsten: 30,
          'Vård- och omsorgsboende': 25,
          'Förskoleenhet Nord': 10,
          'Förskoleenhet Syd': 10,
          Parklekar: 3,
          Fritidsgårdar: 3,
          'Administrativa avdelningen': 5,
        },
      },
      { kind: 'public', weight: 0.25 },
    ],
    affected: [
      ['employee', 55],
      ['client', 25],
      ['resident', 15],
      ['unknown', 5],
    ],
    police: 0,
    injury: 0.45,
    seriousInjury: 0.06,
    delay: 'fast',
  },
  traffic_accident: {
    share: 30,
    season: WINTER_ROADS,
    week: MOSTLY_WORK,
    hours: DAYTIME,
    district: 'population',
    places: [
      {
        kind: 'unit',
        weight: 0.5,
        units: { Hemtjänsten: 60, 'Administrativa avdelningen': 10, Fritidsgårdar: 5 },
      },
      { kind: 'public', weight: 0.5 },
    ],
    affected: [
      ['employee', 40],
      ['resident', 40],
      ['unknown', 20],
    ],
    police: 0.4,
    injury: 0.3,
    seriousInjury: 0.1,
    delay: 'fast',
  },
  fire: {
    share: 20,
    season: FIRE,
    week: EVERY_DAY,
    hours: DAYTIME,
    district: 'population',
    places: [
      {
        kind: 'unit',
        weight: 0.5,
        atFacility: 0.7,
        units: {
          'Vård- och omsorgsboende': 30,
          Hemtjänsten: 20,
          'Förskoleenhet Nord': 10,
          'Förskoleenhet Syd': 10,
          Fritidsgårdar: 10,
        },
      },
      { kind: 'facility', weight: 0.5, types: ['school', 'housing', 'care_home', 'preschool'] },
    ],
    affected: [
      ['unknown', 75],
      ['employee', 15],
      ['resident', 10],
    ],
    police: 0.15,
    injury: 0.05,
    seriousInjury: 0.2,
    delay: 'fast',
    festive: 3,
  },
  work_injury_other: {
    share: 80,
    season: WORK,
    week: WORKDAYS,
    hours: CARE,
    district: 'population',
    places: [
      {
        kind: 'unit',
        weight: 1,
        atFacility: 0.4,
        units: {
          Hemtjänsten: 30,
          'Vård- och omsorgsboende': 30,
          'Förskoleenhet Nord': 12,
          'Förskoleenhet Syd': 12,
          Fritidsgårdar: 5,
          Parklekar: 4,
          'Barn och unga': 3,
          Vuxenenheten: 2,
          'Administrativa avdelningen': 4,
        },
      },
    ],
    affected: [['employee', 1]],
    police: 0,
    injury: 1,
    seriousInjury: 0.05,
    delay: 'normal',
  },
  risk_observation: {
    share: 80,
    season: FLAT,
    week: WORKDAYS,
    hours: OFFICE,
    district: 'population',
    places: [
      { kind: 'unit', weight: 0.7, atFacility: 0.6, units: ALL_UNITS },
      { kind: 'facility', weight: 0.3, types: ['preschool', 'playground', 'school', 'youth_centre'] },
    ],
    affected: [
      ['unknown', 85],
      ['employee', 15],
    ],
    police: 0,
    delay: 'normal',
  },
  theft: {
    share: 110,
    season: DARK,
    week: MOSTLY_WORK,
    hours: DAYTIME,
    district: 'crime',
    places: [
      {
        kind: 'facility',
        weight: 0.5,
        types: ['school', 'library', 'preschool', 'housing', 'other', 'youth_centre', 'care_home'],
      },
      { kind: 'unit', weight: 0.25, atFacility: 0.5, units: ALL_UNITS },
      { kind: 'public', weight: 0.25 },
    ],
    affected: [
      ['unknown', 45],
      ['employee', 35],
      ['resident', 20],
    ],
    police: 0.6,
    delay: 'normal',
  },
  burglary: {
    share: 40,
    season: DARK,
    week: EVERY_DAY,
    hours: NIGHT,
    district: 'crime',
    places: [
      {
        kind: 'facility',
        weight: 0.75,
        types: ['school', 'preschool', 'youth_centre', 'housing', 'other', 'library'],
      },
      {
        kind: 'unit',
        weight: 0.25,
        atFacility: 1,
        units: {
          'Administrativa avdelningen': 1,
          'Förskoleenhet Nord': 2,
          'Förskoleenhet Syd': 2,
          Fritidsgårdar: 2,
          Parklekar: 2,
        },
      },
    ],
    affected: [['unknown', 1]],
    police: 0.9,
    delay: 'fast',
  },
  vandalism: {
    share: 110,
    season: SUMMER,
    week: NIGHTLIFE,
    hours: EVENING,
    district: 'crime',
    places: [
      {
        kind: 'facility',
        weight: 0.65,
        types: ['school', 'preschool', 'playground', 'youth_centre', 'housing', 'library', 'other'],
      },
      { kind: 'public', weight: 0.35 },
    ],
    affected: [['unknown', 1]],
    police: 0.35,
    delay: 'normal',
    festive: 1.5,
  },
  arson: {
    share: 15,
    season: SUMMER_MILD,
    week: NIGHTLIFE,
    hours: NIGHT,
    district: 'crime',
    places: [
      { kind: 'facility', weight: 0.6, types: ['school', 'preschool', 'housing', 'youth_centre'] },
      { kind: 'public', weight: 0.4 },
    ],
    affected: [['unknown', 1]],
    police: 0.95,
    delay: 'fast',
    festive: 2.5,
  },
  disorder: {
    share: 80,
    season: SUMMER,
    week: NIGHTLIFE,
    hours: EVENING,
    district: 'crime',
    places: [
      { kind: 'public', weight: 0.6 },
      { kind: 'facility', weight: 0.25, types: ['housing', 'youth_centre', 'library', 'other', 'school'] },
      {
        kind: 'unit',
        weight: 0.15,
        atFacility: 0.5,
        units: { Fritidsgårdar: 5, 'Administrativa avdelningen': 1, Vuxenenheten: 1 },
      },
    ],
    affected: [
      ['unknown', 55],
      ['resident', 35],
      ['employee', 10],
    ],
    police: 0.45,
    delay: 'fast',
    festive: 2.5,
  },
  threat_employee: {
    share: 75,
    season: WORK,
    week: WORKDAYS,
    hours: OFFICE,
    district: 'threat',
    places: [
      {
        kind: 'unit',
        weight: 1,
        atFacility: 0.2,
        units: {
          Vuxenenheten: 45,
          'Barn och unga': 25,
          Hemtjänsten: 7,
          'Vård- och omsorgsboende': 6,
          Fritidsgårdar: 7,
          'Förskoleenhet Nord': 2,
          'Förskoleenhet Syd': 2,
          'Administrativa avdelningen': 3,
          Parklekar: 1,
        },
      },
    ],
    affected: [['employee', 1]],
    police: 0.3,
    delay: 'slow',
  },
  violence_employee: {
    share: 35,
    season: WORK,
    week: MOSTLY_WORK,
    hours: CARE,
    district: 'threat',
    places: [
      {
        kind: 'unit',
        weight: 1,
        atFacility: 0.3,
        units: {
          'Vård- och omsorgsboende': 30,
          Hemtjänsten: 15,
          Vuxenenheten: 15,
          'Barn och unga': 12,
          Fritidsgårdar: 12,
          'Förskoleenhet Nord': 4,
          'Förskoleenhet Syd': 4,
          Parklekar: 2,
        },
      },
    ],
    affected: [['employee', 1]],
    police: 0.5,
    injury: 0.5,
    seriousInjury: 0.1,
    delay: 'normal',
  },
  threat_elected: {
    share: 10,
    season: FLAT,
    week: EVERY_DAY,
    hours: DAYTIME,
    district: 'threat',
    places: [{ kind: 'committee', weight: 1 }],
    affected: [['elected_official', 1]],
    police: 0.5,
    delay: 'slow',
  },
  violence_elected: {
    share: 1,
    season: FLAT,
    week: EVERY_DAY,
    hours: EVENING,
    district: 'threat',
    places: [{ kind: 'committee', weight: 1 }],
    affected: [['elected_official', 1]],
    police: 0.9,
    injury: 0.5,
    seriousInjury: 0.3,
    delay: 'fast',
  },
  harassment: {
    share: 15,
    season: WORK,
    week: WORKDAYS,
    hours: OFFICE,
    district: 'threat',
    places: [
      {
        kind: 'unit',
        weight: 0.85,
        units: {
          Vuxenenheten: 40,
          'Barn och unga': 30,
          'Administrativa avdelningen': 10,
          Hemtjänsten: 10,
          Fritidsgårdar: 10,
        },
      },
      { kind: 'committee', weight: 0.15 },
    ],
    affected: [['employee', 1]],
    police: 0.2,
    delay: 'slow',
  },
  undue_threat: {
    share: 8,
    season: WORK,
    week: WORKDAYS,
    hours: OFFICE,
    district: 'threat',
    places: [
      { kind: 'unit', weight: 0.9, units: SOCIAL_SERVICES },
      { kind: 'committee', weight: 0.1 },
    ],
    affected: [['employee', 1]],
    police: 0.3,
    delay: 'slow',
  },
  undue_violence: {
    share: 2,
    season: WORK,
    week: WORKDAYS,
    hours: OFFICE,
    district: 'threat',
    places: [{ kind: 'unit', weight: 1, units: { Vuxenenheten: 60, 'Barn och unga': 40 } }],
    affected: [['employee', 1]],
    police: 0.9,
    injury: 0.6,
    seriousInjury: 0.2,
    delay: 'fast',
  },
  undue_damage: {
    share: 4,
    season: FLAT,
    week: EVERY_DAY,
    hours: NIGHT,
    district: 'threat',
    places: [{ kind: 'unit', weight: 1, units: SOCIAL_SERVICES }],
    affected: [['employee', 1]],
    police: 0.7,
    delay: 'normal',
  },
  bribery: {
    share: 5,
    season: WORK,
    week: WORKDAYS,
    hours: OFFICE,
    district: 'population',
    places: [
      {
        kind: 'unit',
        weight: 1,
        units: { 'Administrativa avdelningen': 60, Vuxenenheten: 20, 'Vård- och omsorgsboende': 20 },
      },
    ],
    affected: [
      ['employee', 60],
      ['unknown', 40],
    ],
    police: 0.2,
    delay: 'normal',
  },
  infiltration: {
    share: 2,
    season: FLAT,
    week: WORKDAYS,
    hours: OFFICE,
    district: 'threat',
    places: [
      {
        kind: 'unit',
        weight: 1,
        units: { 'Administrativa avdelningen': 40, Fritidsgårdar: 30, Vuxenenheten: 30 },
      },
    ],
    affected: [['unknown', 1]],
    police: 0.1,
    delay: 'slow',
  },
  open_drug_dealing: {
    share: 35,
    season: SUMMER_MILD,
    week: EVERY_DAY,
    hours: OBSERVING,
    district: 'crime',
    places: [{ kind: 'hotspot', weight: 1 }],
    affected: [['unknown', 1]],
    police: 0.35,
    delay: 'fast',
  },
  weapons: {
    share: 8,
    season: FLAT,
    week: EVERY_DAY,
    hours: OBSERVING,
    district: 'crime',
    places: [{ kind: 'hotspot', weight: 1 }],
    affected: [['unknown', 1]],
    police: 0.8,
    delay: 'fast',
  },
  gatherings: {
    share: 40,
    season: SUMMER,
    week: NIGHTLIFE,
    hours: OBSERVING,
    district: 'crime',
    places: [{ kind: 'hotspot', weight: 1 }],
    affected: [['unknown', 1]],
    police: 0.15,
    delay: 'fast',
  },
  observed_disorder: {
    share: 35,
    season: SUMMER,
    week: NIGHTLIFE,
    hours: OBSERVING,
    district: 'crime',
    places: [{ kind: 'hotspot', weight: 1 }],
    affected: [['unknown', 1]],
    police: 0.25,
    delay: 'fast',
    festive: 2,
  },
  information_security: {
    share: 28,
    season: WORK,
    week: WORKDAYS,
    hours: OFFICE,
    district: 'population',
    places: [
      {
        kind: 'unit',
        weight: 1,
        units: {
          'Administrativa avdelningen': 35,
          Vuxenenheten: 25,
          'Barn och unga': 20,
          Hemtjänsten: 10,
          'Vård- och omsorgsboende': 5,
          'Förskoleenhet Nord': 3,
          'Förskoleenhet Syd': 2,
        },
      },
    ],
    affected: [
      ['unknown', 60],
      ['employee', 40],
    ],
    police: 0.05,
    delay: 'normal',
  },
  physical_security: {
    share: 12,
    season: WORK,
    week: MOSTLY_WORK,
    hours: DAYTIME,
    district: 'population',
    places: [
      {
        kind: 'unit',
        weight: 1,
        atFacility: 0.7,
        units: {
          'Administrativa avdelningen': 30,
          'Vård- och omsorgsboende': 20,
          'Förskoleenhet Nord': 10,
          'Förskoleenhet Syd': 10,
          Fritidsgårdar: 15,
          Vuxenenheten: 15,
        },
      },
    ],
    affected: [['unknown', 1]],
    police: 0.1,
    delay: 'normal',
  },
  personnel_security: {
    share: 4,
    season: WORK,
    week: WORKDAYS,
    hours: OFFICE,
    district: 'population',
    places: [
      {
        kind: 'unit',
        weight: 1,
        units: { 'Administrativa avdelningen': 50, Vuxenenheten: 25, 'Barn och unga': 25 },
      },
    ],
    affected: [['unknown', 1]],
    police: 0.05,
    delay: 'slow',
  },
};

/**
 * Stockholm's districts: population (about 2020) and how much above or below the population
 * the crime and disorder reports (centre, some suburbs) and threats against staff run.
 */
export const DISTRICT_PROFILES: Record<string, { population: number; crime: number; threat: number }> = {
  Bromma: { population: 78_000, crime: 0.7, threat: 0.7 },
  'Enskede-Årsta-Vantör': { population: 105_000, crime: 1.0, threat: 1.1 },
  Farsta: { population: 60_000, crime: 1.1, threat: 1.3 },
  'Hägersten-Älvsjö': { population: 112_000, crime: 0.8, threat: 0.8 },
  'Hässelby-Vällingby': { population: 76_000, crime: 1.1, threat: 1.3 },
  Kungsholmen: { population: 72_000, crime: 0.9, threat: 0.6 },
  Norrmalm: { population: 70_000, crime: 2.4, threat: 0.9 },
  'Rinkeby-Kista': { population: 51_000, crime: 1.9, threat: 3.5 },
  Skarpnäck: { population: 48_000, crime: 0.9, threat: 1.0 },
  Skärholmen: { population: 37_000, crime: 1.7, threat: 2.4 },
  'Spånga-Tensta': { population: 40_000, crime: 1.8, threat: 2.8 },
  Södermalm: { population: 133_000, crime: 1.2, threat: 0.7 },
  Östermalm: { population: 73_000, crime: 1.0, threat: 0.5 },
};

/** Share of women in the unit's workforce (the affected employee's gender follows it). */
export const WOMEN_SHARE: Record<string, number> = {
  'Förskoleenhet Nord': 0.9,
  'Förskoleenhet Syd': 0.9,
  Hemtjänsten: 0.8,
  'Vård- och omsorgsboende': 0.82,
  'Barn och unga': 0.8,
  Vuxenenheten: 0.72,
  Fritidsgårdar: 0.45,
  Parklekar: 0.6,
  'Administrativa avdelningen': 0.65,
};

/** How many hotspot facilities draw the observations. */
export const HOTSPOTS = 40;
export const HOTSPOT_TYPES = new Set(['preschool', 'playground', 'youth_centre', 'school']);
