import {
  type Client,
  createOrganisation,
  createUser,
  signIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import type { IncidentSummary } from '../../../domain/api/incidents.ts';
import type { Role } from '../../../domain/roles.ts';

/**
 * A small city for the list, search, map and export tests: committee A with two units, committee
 * B, and the people who look at their incidents, each signed in.
 */
export interface Viewer {
  id: string;
  client: Client;
}

async function unit(t: TestApp, name: string, parentId: string): Promise<string> {
  const id = await createOrganisation(t, name, 'company', parentId);
  await t.database.db
    .updateTable('organisations')
    .set({ kind: 'unit' as never })
    .where('id', '=', id)
    .execute();
  return id;
}

async function viewer(t: TestApp, role: Role | null, organisationId: string, name: string): Promise<Viewer> {
  const user = await createUser(t, role, organisationId, name);
  return { id: user.id, client: await signIn(t, user.email) };
}

export async function createListCity(t: TestApp) {
  const committeeA = await createOrganisation(t, 'Nämnd A', 'committee');
  const committeeB = await createOrganisation(t, 'Nämnd B', 'committee');
  const unitA1 = await unit(t, 'Enhet A1', committeeA);
  const unitA2 = await unit(t, 'Enhet A2', committeeA);
  return {
    committeeA,
    committeeB,
    unitA1,
    unitA2,
    /** Handles and reads need-to-know in all of committee A. */
    coordinatorA: await viewer(t, 'security_coordinator', committeeA, 'Sara Samordnare A'),
    /** Handles unit A1's ordinary incidents; need-to-know ones only where routed to her. */
    managerA1: await viewer(t, 'manager', unitA1, 'Maja Chef A1'),
    coordinatorB: await viewer(t, 'security_coordinator', committeeB, 'Sven Samordnare B'),
    /** Reports, handles nothing. */
    employeeA1: await viewer(t, 'employee', unitA1, 'Rita Rapportör'),
    employeeA2: await viewer(t, 'employee', unitA2, 'Kim Kollega'),
  };
}
export type ListCity = Awaited<ReturnType<typeof createListCity>>;

export interface Page {
  items: IncidentSummary[];
  nextCursor: string | null;
}

/** GET /api/incidents with a query string, expecting 200. */
export async function listPage(client: Client, query = ''): Promise<Page> {
  const res = await client.request('GET', `/api/incidents${query ? `?${query}` : ''}`);
  if (res.statusCode !== 200) throw new Error(`GET /api/incidents?${query}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The references listed on the first page (limit 200), for order-insensitive checks. */
export async function listedReferences(client: Client, query = ''): Promise<string[]> {
  const page = await listPage(client, `limit=200${query ? `&${query}` : ''}`);
  return page.items.map((i) => i.reference).sort();
}
