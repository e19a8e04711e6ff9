import { describe, expect, it } from 'vitest';
import { parsePoliceEvents } from '../statistics/police.usecases.ts';
import { createAttributor } from '../statistics/police-attribution.ts';
import { generateDemoPoliceEvents } from './demo-police.ts';

const opts = {
  seed: 7,
  municipalityName: 'Stockholm',
  areaNames: ['RINKEBY', 'TENSTA', 'Skärholmen', 'HÄSSELBY STRAND'],
  from: new Date('2023-01-01T00:00:00Z'),
  to: new Date('2025-12-31T00:00:00Z'),
  count: 2000,
};

describe('generateDemoPoliceEvents', () => {
  it('is deterministic and in the feed format the import accepts', async () => {
    const a = generateDemoPoliceEvents(opts);
    expect(generateDemoPoliceEvents(opts)).toEqual(a);
    expect(generateDemoPoliceEvents({ ...opts, seed: 8 })).not.toEqual(a);
    expect(a).toHaveLength(2000);
    const parsed = await parsePoliceEvents(a);
    // A few events are updates of earlier ones (same id): the last one wins.
    expect(parsed.events.length).toBeLessThan(2000);
    expect(parsed.events.length).toBeGreaterThan(1900);
    expect(a[0]!.name).toMatch(/^\d{2} [a-zåäö]+ \d{2}\.\d{2}, .+, \S+/);
  });

  it('names the areas in most of the municipality’s events, with a few in the county and other municipalities', () => {
    const areas = [
      { id: 'root', parentId: null, level: 'municipality', name: 'Stockholm' },
      ...opts.areaNames.map((name) => ({ id: name, parentId: 'root', level: 'neighbourhood', name })),
    ];
    const place = createAttributor([{ organisationId: 'org', organisationName: 'Stockholms stad', areas }]);
    const placed = generateDemoPoliceEvents(opts).map((e) =>
      place({ name: e.name, summary: e.summary, locationName: e.location.name }),
    );
    const own = placed.filter((p) => p.municipalityId === 'org');
    const inArea = own.filter((p) => p.placeLevel === 'neighbourhood').length / own.length;
    expect(inArea).toBeGreaterThan(0.6);
    expect(inArea).toBeLessThan(0.8);
    expect(own.some((p) => p.placeRule === 'name_suffix')).toBe(true);
    const outside = placed.filter((p) => p.placeLevel === 'outside').length / placed.length;
    expect(outside).toBeGreaterThan(0.04);
    expect(outside).toBeLessThan(0.15);
  });
});
