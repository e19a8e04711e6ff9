import { createHash } from 'node:crypto';
import {
  type Client,
  createOrganisation,
  createUser,
  signIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import type { Role } from '../../../domain/roles.ts';
import { incidentsDb } from './incidents.tables.ts';

/**
 * A small city for the handling tests: committee A with two units, committee B, and people in them,
 * each signed in.
 */
export interface Person {
  id: string;
  email: string;
  client: Client;
}

export async function createUnit(t: TestApp, name: string, parentId: string): Promise<string> {
  const id = await createOrganisation(t, name, 'company', parentId);
  await t.database.db
    .updateTable('organisations')
    .set({ kind: 'unit' as never })
    .where('id', '=', id)
    .execute();
  return id;
}

export async function person(
  t: TestApp,
  role: Role | null,
  organisationId: string,
  name: string,
): Promise<Person> {
  const user = await createUser(t, role, organisationId, name);
  return { ...user, client: await signIn(t, user.email) };
}

export async function createCity(t: TestApp) {
  const committeeA = await createOrganisation(t, 'Nämnd A', 'committee');
  const committeeB = await createOrganisation(t, 'Nämnd B', 'committee');
  const unitA1 = await createUnit(t, 'Enhet A1', committeeA);
  const unitA2 = await createUnit(t, 'Enhet A2', committeeA);
  return {
    committeeA,
    committeeB,
    unitA1,
    unitA2,
    reporter: await person(t, 'employee', unitA1, 'Rita Rapportör'),
    affected: await person(t, 'employee', unitA1, 'Anna Drabbad'),
    managerA1: await person(t, 'manager', unitA1, 'Maja Chef A1'),
    otherManagerA1: await person(t, 'manager', unitA1, 'Mats Chef A1'),
    managerA2: await person(t, 'manager', unitA2, 'Moa Chef A2'),
    committeeManagerA: await person(t, 'manager', committeeA, 'Max Chef A'),
    coordinatorA: await person(t, 'security_coordinator', committeeA, 'Sara Samordnare A'),
    coordinatorB: await person(t, 'security_coordinator', committeeB, 'Sven Samordnare B'),
    colleagueA2: await person(t, 'employee', unitA2, 'Kim Kollega A2'),
    employeeB: await person(t, 'employee', committeeB, 'Bo Anställd B'),
  };
}
export type City = Awaited<ReturnType<typeof createCity>>;

/** The notifications written for an incident, oldest first. */
export async function notificationsFor(t: TestApp, incidentId: string) {
  return incidentsDb(t.database.db)
    .selectFrom('notifications')
    .select(['user_id', 'kind', 'data'])
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A file attached to an incident, written straight to the database. */
export async function seedAttachment(
  t: TestApp,
  incidentId: string,
  file: { fileName: string; mediaType: 'application/pdf' | 'image/png'; content: Buffer },
): Promise<string> {
  const row = await incidentsDb(t.database.db)
    .insertInto('incident_attachments')
    .values({
      incident_id: incidentId,
      file_name: file.fileName,
      media_type: file.mediaType,
      size_bytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
