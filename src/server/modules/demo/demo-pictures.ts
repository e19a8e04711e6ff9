import { sql } from 'kysely';
import { loadActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/context.ts';
import { swedishDate } from '../coordinators/dates.ts';
import { createPicture, NO_REQUEST, updatePicture } from '../pictures/documents.usecases.ts';
import { freezePicture, signSnapshot, submitSnapshot } from '../pictures/snapshots.usecases.ts';
import { DISTRICT_COMMITTEES } from './stockholm-organisations.ts';

export interface DemoPicturesResult {
  year: number;
  submitted: string[];
  signed: string[];
  drafts: string[];
}

/** Which district committees get which state, in order of preference (others fill in if absent). */
const PLAN = [
  { committee: 'Södermalms stadsdelsnämnd', state: 'submitted_on_time' },
  { committee: 'Farsta stadsdelsnämnd', state: 'submitted_late' },
  { committee: 'Hägersten-Älvsjö stadsdelsnämnd', state: 'signed' },
  { committee: 'Bromma stadsdelsnämnd', state: 'draft' },
] as const;
/** Skärholmen is left for visitors (and the browser spec) to make their own picture. */
const LEFT_ALONE = 'Skärholmens stadsdelsnämnd';
type State = (typeof PLAN)[number]['state'];

const DAY = 86_400_000;

function analysisFor(area: string, year: number) {
  return {
    whereGreatest: `Flest händelser i ${area} rapporteras kring tunnelbanestationen och centrumanläggningen, främst kvällstid.`,
    comparedWith: `Jämfört med staden som helhet ligger ${area} något över genomsnittet räknat per 1 000 invånare, och över samma månader året innan.`,
    trend: `Över tre år ökar stölder och skadegörelse svagt; hot mot anställda ligger på samma nivå som ${year - 2}.`,
    sourcesAndLimits:
      'Egna rapporter, polisens händelser, trygghetsmätningen och befolkningsstatistik. Polisens händelser som inte kan placeras under kommunen räknas bara för hela staden. Mörkertalet för hot och våld är okänt.',
    conclusions:
      'Prioritera belysning och närvaro vid stationen, fortsätt trygghetsvandringar med kvinnor i fokus och följ upp hot mot personal i socialtjänsten.',
  };
}

/**
 * Pictures of the current cycle year for a few district committees, made through the ordinary use cases
 * by each committee's crime-prevention coordinator, so the executive board sees a realistic state: two
 * submitted (one on time, one after the deadline when the deadline has passed), one signed off but not
 * submitted, one draft; the other committees have not started. Needs the demo city (committees,
 * coordinators, areas) and the picture figures (computePictureFigures) to work.
 */
export async function seedDemoPictures(deps: AppDeps, opts: { now: Date }): Promise<DemoPicturesResult> {
  const today = swedishDate(opts.now);
  const year = Number(today.slice(0, 4));
  const deadline = new Date(`${year}-${deps.config.pictureDeadline}T12:00:00Z`);
  const candidates = (
    await sql<{ organisation_id: string; name: string; user_id: string }>`
      SELECT DISTINCT ON (o.id) o.id AS organisation_id, o.name, ur.user_id
      FROM organisations o
      JOIN user_roles ur ON ur.organisation_id = o.id AND ur.role = 'crime_prevention_coordinator'
      JOIN users u ON u.id = ur.user_id AND u.disabled_at IS NULL
      WHERE o.kind = 'committee' AND o.committee_type = 'district'
        AND (o.valid_to IS NULL OR o.valid_to >= ${today}::date)
      ORDER BY o.id, u.email`.execute(deps.db)
  ).rows.sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  const chosen: { organisationId: string; name: string; userId: string; state: State }[] = [];
  const used = new Set<string>();
  for (const p of PLAN) {
    const c =
      candidates.find((x) => !used.has(x.organisation_id) && x.name === p.committee) ??
      candidates.find((x) => !used.has(x.organisation_id) && x.name !== LEFT_ALONE);
    if (!c) continue;
    used.add(c.organisation_id);
    chosen.push({ organisationId: c.organisation_id, name: c.name, userId: c.user_id, state: p.state });
  }

  // The year's work is dated in the past: a few weeks before the deadline, or before today if sooner.
  const latestOnTime = Math.min(deadline.getTime() - 10 * DAY, opts.now.getTime() - DAY);
  const pastDeadline = opts.now.getTime() > deadline.getTime() + 3 * DAY;
  const result: DemoPicturesResult = { year, submitted: [], signed: [], drafts: [] };

  for (const [i, c] of chosen.entries()) {
    const { actor } = await loadActor(deps.db, c.userId);
    const base = latestOnTime - (chosen.length - i) * 3 * DAY;
    const at = (offset: number) => {
      const d = { ...deps, now: () => new Date(base + offset) };
      return { deps: d, actor, meta: NO_REQUEST };
    };
    const area = DISTRICT_COMMITTEES.find((d) => d.name === c.name)?.area ?? c.name;
    const picture = await createPicture(at(0), {
      organisationId: c.organisationId,
      title: `Risk- och lägesbild ${year} – ${area}`,
      cycleYear: year,
      areaIds: [],
      period: { from: `${year - 1}-01`, to: `${year - 1}-12` },
    });
    const written = await updatePicture(at(DAY), picture.id, {
      revision: picture.revision,
      analysis:
        c.state === 'draft'
          ? { whereGreatest: analysisFor(area, year).whereGreatest }
          : analysisFor(area, year),
      notes: `Trygghetsvandring i ${area} i maj med boende, polis och fastighetsägare; synpunkter om belysning och nedskräpning.`,
    });
    if (c.state === 'draft') {
      result.drafts.push(c.name);
      continue;
    }
    const snapshot = await freezePicture(at(2 * DAY), written.id);
    await signSnapshot(at(2 * DAY + 3_600_000), snapshot.id);
    if (c.state === 'signed') {
      result.signed.push(c.name);
      continue;
    }
    if (c.state === 'submitted_late' && pastDeadline) {
      const late = {
        deps: { ...deps, now: () => new Date(deadline.getTime() + 3 * DAY) },
        actor,
        meta: NO_REQUEST,
      };
      await submitSnapshot(late, snapshot.id);
    } else {
      await submitSnapshot(at(2 * DAY + 7_200_000), snapshot.id);
    }
    result.submitted.push(c.name);
  }
  return result;
}
