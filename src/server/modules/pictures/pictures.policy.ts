import { type Actor, can } from '../../../domain/permissions.ts';

/**
 * Who may do what with picture documents and snapshots — the one place the rule lives.
 *
 * - A picture belongs to one organisation (a committee or company). Holders of `pictures.read` there
 *   (or above it: role scopes include subtrees) read the document, its live figures and its snapshots.
 * - Holders of `pictures.manage` there (the coordinators) create, edit, freeze, sign off and submit.
 *   Pictures are made only for committees and companies: the municipality's own city-wide view is the
 *   live picture (GET /api/pictures/figures), not a document of the cycle.
 * - The executive board (holders of `pictures.cycle` in the municipality) follows the cycle and reads
 *   SUBMITTED snapshots of every organisation, not the working documents.
 * - The violent-extremism section (figures and analysis) is read and written only by holders of
 *   `extremism.read` in the picture's organisation.
 */
export interface PictureFacts {
  organisationId: string;
  municipalityId: string;
}

export function canReadPicture(actor: Actor, p: PictureFacts): boolean {
  return can(actor, 'pictures.read', { organisationId: p.organisationId });
}

export function canManagePicture(actor: Actor, p: Pick<PictureFacts, 'organisationId'>): boolean {
  return can(actor, 'pictures.manage', { organisationId: p.organisationId });
}

export function canSeeExtremism(actor: Actor, p: Pick<PictureFacts, 'organisationId'>): boolean {
  return can(actor, 'extremism.read', { organisationId: p.organisationId });
}

export function canFollowCycle(actor: Actor, municipalityId: string): boolean {
  return can(actor, 'pictures.cycle', { organisationId: municipalityId });
}

export function canReadSnapshot(
  actor: Actor,
  s: PictureFacts & { status: 'frozen' | 'signed' | 'submitted' },
): boolean {
  return canReadPicture(actor, s) || (s.status === 'submitted' && canFollowCycle(actor, s.municipalityId));
}
