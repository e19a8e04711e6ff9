import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, useTestApp } from '../../../../tests/support/test-app.ts';
import { createUnit } from './reports.fixtures.ts';
import { findRouting, placementOf, resolvePlacement } from './routing.ts';

const t = useTestApp();
const db = () => t.current.database.db;
const TODAY = '2026-03-02';

let committee: string;
let office: string;
let unit: string;
let subUnit: string;
let company: string;

beforeAll(async () => {
  committee = await createOrganisation(t.current, 'Socialnämnden', 'committee');
  office = await createUnit(t.current, 'Socialförvaltningen', committee, 'office');
  unit = await createUnit(t.current, 'Barn och unga', office);
  subUnit = await createUnit(t.current, 'Mottagningsgruppen', unit);
  company = await createOrganisation(t.current, 'Bostadsbolaget', 'company', committee);
});

async function assign(
  organisationId: string,
  userId: string,
  opts: { deputy?: boolean; from?: string; to?: string | null } = {},
) {
  await sql`
    INSERT INTO coordinator_assignments (organisation_id, function, user_id, is_deputy, starts_on, ends_on)
    VALUES (${organisationId}, 'security_coordinator', ${userId}, ${opts.deputy ?? false},
      ${opts.from ?? '2025-01-01'}, ${opts.to ?? null})`.execute(db());
}

describe('placement', () => {
  it('puts a unit report under the nearest committee, company, board or office, keeping the unit', async () => {
    expect(await resolvePlacement(db(), subUnit)).toMatchObject({ organisationId: office, unitId: subUnit });
    expect(await resolvePlacement(db(), committee)).toMatchObject({
      organisationId: committee,
      unitId: null,
    });
    expect(await resolvePlacement(db(), company)).toMatchObject({ organisationId: company, unitId: null });
    expect(await resolvePlacement(db(), crypto.randomUUID())).toBeNull();
  });

  it('falls back to the top of the chain when nothing above is responsible', () => {
    expect(
      placementOf([
        { id: 'u', kind: 'unit' },
        { id: 'm', kind: 'municipality' },
      ]),
    ).toMatchObject({ organisationId: 'm', unitId: 'u' });
    expect(placementOf([])).toBeNull();
  });
});

describe('routing', () => {
  it("goes to the unit's manager, walking up to the organisation when a unit has none", async () => {
    const unitManager = await createUser(t.current, 'manager', unit);
    const officeManager = await createUser(t.current, 'manager', office);
    await createUser(t.current, 'manager', committee);
    const placement = (await resolvePlacement(db(), subUnit))!;
    // The sub-unit has no manager: its parent unit's.
    expect((await findRouting(db(), placement, TODAY)).managerIds).toEqual([unitManager.id]);
    // Never above the responsible organisation (the office), and not to the committee's manager.
    await db().deleteFrom('user_roles').where('user_id', '=', unitManager.id).execute();
    expect((await findRouting(db(), placement, TODAY)).managerIds).toEqual([officeManager.id]);
    await db().deleteFrom('user_roles').where('user_id', '=', officeManager.id).execute();
    expect((await findRouting(db(), placement, TODAY)).managerIds).toEqual([]);
  });

  it('leaves out disabled accounts', async () => {
    const c = await createOrganisation(t.current, 'Kulturnämnden', 'committee');
    const active = await createUser(t.current, 'manager', c);
    const disabled = await createUser(t.current, 'manager', c);
    await db().updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
    const routing = await findRouting(db(), (await resolvePlacement(db(), c))!, TODAY);
    expect(routing.managerIds).toEqual([active.id]);
  });

  it('goes to the designated security coordinator, a deputy standing in, else holders of the role', async () => {
    const c = await createOrganisation(t.current, 'Idrottsnämnden', 'committee');
    const u = await createUnit(t.current, 'Simhallen', c);
    const roleHolder = await createUser(t.current, 'security_coordinator', c);
    const placement = (await resolvePlacement(db(), u))!;
    expect((await findRouting(db(), placement, TODAY)).coordinatorIds).toEqual([roleHolder.id]);

    const deputy = await createUser(t.current, null, c);
    await assign(c, deputy.id, { deputy: true });
    expect((await findRouting(db(), placement, TODAY)).coordinatorIds).toEqual([deputy.id]);

    const principal = await createUser(t.current, null, c);
    const former = await createUser(t.current, null, c);
    await assign(c, former.id, { from: '2024-01-01', to: '2024-12-31' });
    await assign(c, principal.id, { from: '2025-01-01' });
    expect((await findRouting(db(), placement, TODAY)).coordinatorIds).toEqual([principal.id]);
    // On a day in the former holder's term, the later one has not started.
    expect((await findRouting(db(), placement, '2024-06-01')).coordinatorIds).toEqual([former.id]);
  });

  it("takes an office's report to the committee's coordinator when the office has none", async () => {
    const coordinator = await createUser(t.current, 'security_coordinator', committee);
    const routing = await findRouting(db(), (await resolvePlacement(db(), subUnit))!, TODAY);
    expect(routing.coordinatorIds).toEqual([coordinator.id]);
  });

  it("never goes to another committee's coordinator or manager", async () => {
    const other = await createOrganisation(t.current, 'Miljönämnden', 'committee');
    await createUser(t.current, 'security_coordinator', other);
    await createUser(t.current, 'manager', other);
    const lonely = await createOrganisation(t.current, 'Valnämnden', 'committee');
    const routing = await findRouting(db(), (await resolvePlacement(db(), lonely))!, TODAY);
    expect(routing).toEqual({ managerIds: [], coordinatorIds: [] });
  });
});
