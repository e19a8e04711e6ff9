import { describe, expect, it } from 'vitest';
import {
  type AttributionArea,
  createAttributor,
  municipalityNameOf,
  municipalityNames,
  normalise,
} from './police-attribution.ts';

const areas: AttributionArea[] = [
  { id: 'root', parentId: null, level: 'municipality', name: 'Stockholm' },
  { id: 'rk', parentId: 'root', level: 'district_area', name: 'Rinkeby-Kista' },
  { id: 'rinkeby', parentId: 'rk', level: 'neighbourhood', name: 'RINKEBY' },
  { id: 'kista', parentId: 'rk', level: 'neighbourhood', name: 'KISTA' },
  { id: 'husby', parentId: 'rk', level: 'neighbourhood', name: 'HUSBY' },
  { id: 'sm', parentId: 'root', level: 'district_area', name: 'Södermalm' },
  { id: 'sm-n', parentId: 'sm', level: 'neighbourhood', name: 'SÖDERMALM' },
  { id: 'sk', parentId: 'root', level: 'district_area', name: 'Skarpnäck' },
  { id: 'skg', parentId: 'sk', level: 'neighbourhood', name: 'SKARPNÄCKS GÅRD' },
  { id: 'fa', parentId: 'root', level: 'district_area', name: 'Farsta' },
  { id: 'fa-n', parentId: 'fa', level: 'neighbourhood', name: 'FARSTA' },
  { id: 'fs', parentId: 'fa', level: 'neighbourhood', name: 'FARSTA STRAND' },
  { id: 'lb', parentId: 'fa', level: 'neighbourhood', name: 'LARSBODA' },
  { id: 'fl', parentId: 'fa', level: 'neighbourhood', name: 'FLATEN' },
  // The same name in two districts (not nested): ambiguous.
  { id: 'ha1', parentId: 'fa', level: 'neighbourhood', name: 'Hagen' },
  { id: 'ha2', parentId: 'sk', level: 'neighbourhood', name: 'Hagen' },
];
const place = createAttributor([{ organisationId: 'org', organisationName: 'Stockholms stad', areas }]);
const ev = (
  summary: string,
  locationName = 'Stockholm',
  name = `12 mars 21.14, Misshandel, ${locationName}`,
) => ({
  name,
  summary,
  locationName,
});

describe('the municipality of an event', () => {
  it('comes from the location, or the end of the name when the location is a county', () => {
    expect(municipalityNameOf(ev('', 'Uppsala'))).toEqual({ name: 'Uppsala', rule: 'location_name' });
    expect(municipalityNameOf(ev('', 'Stockholms län', '02 maj 16.37, Trafikbrott, Sollentuna'))).toEqual({
      name: 'Sollentuna',
      rule: 'name_suffix',
    });
    expect(municipalityNameOf(ev('', 'Stockholms län', '02 maj 16.37, Trafikbrott, Stockholms län'))).toEqual(
      {
        name: null,
        rule: 'none',
      },
    );
    // "Borlänge" is not a county.
    expect(municipalityNameOf(ev('', 'Borlänge'))).toEqual({ name: 'Borlänge', rule: 'location_name' });
  });

  it('is ours by the root area or the organisation without "stad"/"kommun", ignoring case and diacritics', () => {
    expect(
      municipalityNames({ organisationId: 'o', organisationName: 'Stockholms stad', areas: [] }),
    ).toContain('stockholm');
    expect(municipalityNames({ organisationId: 'o', organisationName: 'Malmö kommun', areas: [] })).toContain(
      'malmo',
    );
    expect(normalise('SKÄRHOLMEN')).toBe('skarholmen');
    expect(place(ev('', 'STOCKHOLM'))).toMatchObject({ municipalityId: 'org', placeLevel: 'municipality' });
  });
});

describe('place attribution below the municipality', () => {
  it('finds neighbourhood names in any case, as whole words, with a genitive s', () => {
    expect(place(ev('Skottlossning i Rinkeby.'))).toMatchObject({
      areaId: 'rinkeby',
      areaPath: ['root', 'rk', 'rinkeby'],
      placeLevel: 'neighbourhood',
      placeRule: 'text_summary',
    });
    expect(place(ev('skottlossning i rinkeby'))).toMatchObject({ areaId: 'rinkeby' });
    expect(place(ev('Kistas galleria'))).toMatchObject({ areaId: 'kista' });
    expect(place(ev('Rinkebyskolan brann'))).toMatchObject({ placeLevel: 'municipality', areaId: 'root' });
  });

  it('is diacritic-insensitive and matches multi-word names before shorter ones', () => {
    expect(place(ev('Brand i Sodermalm'))).toMatchObject({ areaId: 'sm-n' });
    expect(place(ev('Inbrott i Skarpnäcks gård'))).toMatchObject({ areaId: 'skg' });
    expect(place(ev('Rån i Farsta strand'))).toMatchObject({ areaId: 'fs' });
    expect(place(ev('Larm från Rinkeby-Kista'))).toMatchObject({ areaId: 'rk', placeLevel: 'district_area' });
  });

  it('prefers the name over the summary', () => {
    expect(place(ev('Bråk i Husby', 'Stockholm', '12 mars, Bråk, Kista, Stockholm'))).toMatchObject({
      areaId: 'kista',
      placeRule: 'text_name',
    });
  });

  it('treats a containing area as context and several areas of one district as that district', () => {
    expect(place(ev('En lastbil brinner i Larsboda i Farsta.'))).toMatchObject({ areaId: 'lb' });
    expect(place(ev('Bråk mellan ungdomar från Husby och Kista.'))).toMatchObject({
      areaId: 'rk',
      placeLevel: 'district_area',
    });
  });

  it('flags names for areas that are not nested as ambiguous, at municipality level', () => {
    expect(place(ev('Vid Hagen greps en man.'))).toMatchObject({
      areaId: 'root',
      placeLevel: 'municipality',
      placeRule: 'ambiguous',
      ambiguousNames: ['Hagen'],
    });
    expect(place(ev('En man från Rinkeby misshandlades på Södermalm.'))).toMatchObject({
      placeRule: 'ambiguous',
      ambiguousNames: ['RINKEBY', 'Södermalm'],
    });
  });

  it('needs a capital letter for area names that are ordinary words', () => {
    expect(place(ev('Bilen körde ut på flaten.'))).toMatchObject({ placeLevel: 'municipality' });
    expect(place(ev('Brand vid Flaten.'))).toMatchObject({ areaId: 'fl' });
  });

  it('places the municipality by the name suffix and leaves other municipalities outside', () => {
    expect(place(ev('Bråk i Husby', 'Stockholms län', '12 mars, Bråk, Stockholm'))).toMatchObject({
      municipalityId: 'org',
      areaId: 'husby',
    });
    expect(place(ev('En man misshandlades.', 'Stockholms län', '12 mars, Bråk, Stockholm'))).toMatchObject({
      placeLevel: 'municipality',
      placeRule: 'name_suffix',
    });
    expect(place(ev('Bråk i Rinkeby', 'Uppsala'))).toEqual({
      municipalityName: 'Uppsala',
      municipalityId: null,
      areaId: null,
      areaPath: [],
      placeLevel: 'outside',
      placeRule: 'location_name',
      ambiguousNames: [],
    });
  });
});
