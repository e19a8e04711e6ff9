import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The real police feed file (read in place, never copied). */
export const POLICE_FILE = path.resolve(ROOT, '../shared/data/polisen/events-2022-2025.json');
export const STADSDELAR_CSV = path.resolve(ROOT, '../shared/data/stockholm/stadsdelar.csv');

export interface FixtureArea {
  id: string;
  parentId: string | null;
  level: string;
  name: string;
}

/**
 * Stockholm's areas as the area import makes them from stadsdelar.csv: the root area "Stockholm", the 13
 * district areas (title case) and the 117 neighbourhoods (UPPER CASE, as in the GeoJSON).
 */
export function stockholmAreas(): FixtureArea[] {
  const lines = fs.readFileSync(STADSDELAR_CSV, 'utf8').trim().split(/\r?\n/).slice(1);
  const root: FixtureArea = {
    id: crypto.randomUUID(),
    parentId: null,
    level: 'municipality',
    name: 'Stockholm',
  };
  const districts = new Map<string, FixtureArea>();
  const out: FixtureArea[] = [root];
  for (const line of lines) {
    const [neighbourhood, district] = line.split(',');
    if (!neighbourhood || !district) continue;
    let d = districts.get(district);
    if (!d) {
      d = { id: crypto.randomUUID(), parentId: root.id, level: 'district_area', name: district };
      districts.set(district, d);
      out.push(d);
    }
    out.push({ id: crypto.randomUUID(), parentId: d.id, level: 'neighbourhood', name: neighbourhood });
  }
  return out;
}

/** Writes Stockholm's areas for the municipality (replacing a root area it has) and returns them. */
export async function seedStockholmAreas(db: Db, municipalityId: string): Promise<FixtureArea[]> {
  const areas = stockholmAreas();
  const depth = (a: FixtureArea): number => (a.parentId === null ? 0 : a.level === 'district_area' ? 1 : 2);
  for (const a of areas) {
    await sql`INSERT INTO areas (id, parent_id, level, name, municipality_id, depth)
      VALUES (${a.id}, ${a.parentId}, ${a.level}, ${a.name}, ${municipalityId}, ${depth(a)})`.execute(db);
  }
  return areas;
}

/** Reads the real feed file, or null when it is absent. */
export function readPoliceFile(): string | null {
  return fs.existsSync(POLICE_FILE) ? fs.readFileSync(POLICE_FILE, 'utf8') : null;
}

/** A police event in the feed's format. */
export function feedEvent(
  id: number,
  over: Partial<{ datetime: string; name: string; summary: string; type: string; location: string }> = {},
) {
  const type = over.type ?? 'Misshandel';
  const location = over.location ?? 'Stockholm';
  return {
    id,
    datetime: over.datetime ?? '2025-03-12 21:40:00 +01:00',
    name: over.name ?? `12 mars 21.14, ${type}, ${location}`,
    summary: over.summary ?? 'En man misshandlades.',
    url: `/aktuellt/handelser/2025/mars/12/${id}/`,
    type,
    location: { name: location, gps: '59.329324,18.068581' },
  };
}
