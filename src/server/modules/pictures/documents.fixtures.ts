import { expect } from 'vitest';
import { seedStockholmAreas } from '../../../../tests/support/police.ts';
import {
  type Client,
  createOrganisation,
  createUser,
  signIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import type { Picture } from '../../../domain/api/pictures.ts';

/** Two district committees of a Stockholm-like city, and people holding the picture roles. */
export interface PictureWorld {
  committeeA: string;
  committeeB: string;
  company: string;
  districtAreaId: string;
  neighbourhoodId: string;
  coordinator: Client & { userId: string };
  security: Client & { userId: string };
  manager: Client & { userId: string };
  otherCoordinator: Client & { userId: string };
  analyst: Client & { userId: string };
  employee: Client & { userId: string };
}

async function person(
  t: TestApp,
  role: Parameters<typeof createUser>[1],
  organisationId: string,
  name: string,
) {
  const user = await createUser(t, role, organisationId, name);
  const client = await signIn(t, user.email);
  return Object.assign(client, { userId: user.id });
}

export async function createPictureWorld(t: TestApp): Promise<PictureWorld> {
  const areas = await seedStockholmAreas(t.deps.db, t.rootId);
  const district = areas.find((a) => a.name === 'Skärholmen' && a.level === 'district_area');
  const neighbourhood = areas.find((a) => a.parentId === district?.id);
  if (!district || !neighbourhood) throw new Error('no Skärholmen in the fixture areas');
  const committeeA = await createOrganisation(t, 'Skärholmens stadsdelsnämnd', 'committee');
  const committeeB = await createOrganisation(t, 'Rinkeby-Kista stadsdelsnämnd', 'committee');
  const company = await createOrganisation(t, 'Stockholmshem AB', 'company');
  return {
    committeeA,
    committeeB,
    company,
    districtAreaId: district.id,
    neighbourhoodId: neighbourhood.id,
    coordinator: await person(t, 'crime_prevention_coordinator', committeeA, 'Karin Brottsförebyggare'),
    security: await person(t, 'security_coordinator', committeeA, 'Sam Säkerhet'),
    manager: await person(t, 'manager', committeeA, 'Mona Chef'),
    otherCoordinator: await person(t, 'crime_prevention_coordinator', committeeB, 'Omar Annan'),
    analyst: await person(t, 'city_analyst', t.rootId, 'Anna Analytiker'),
    employee: await person(t, 'employee', committeeA, 'Erik Anställd'),
  };
}

export const PERIOD = { from: '2025-01', to: '2025-12' };

/** Creates a picture through the API (201 expected). */
export async function newPicture(
  client: Client,
  organisationId: string,
  over: Partial<{
    title: string;
    cycleYear: number;
    areaIds: string[];
    period: { from: string; to: string };
  }> = {},
): Promise<Picture> {
  const res = await client.request('POST', '/api/pictures', {
    organisationId,
    title: over.title ?? 'Lägesbild 2025',
    cycleYear: over.cycleYear ?? 2025,
    areaIds: over.areaIds ?? [],
    period: over.period ?? PERIOD,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
