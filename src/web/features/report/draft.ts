import type { AffectedKind, Gender, Upload } from '../../../domain/api/incidents.ts';

export type LocationSource = 'device' | 'map';

/** What the report form holds; saved on this device as the user types so a reload loses nothing. */
export interface ReportDraft {
  groupCode: string | null;
  typeId: string | null;
  /** Local date and time, `YYYY-MM-DDTHH:mm`. */
  occurredAt: string;
  location: { lat: number; lon: number; source: LocationSource; accuracy?: number | null } | null;
  facility: { id: string; name: string } | null;
  addressText: string;
  affectedKind: AffectedKind | null;
  affectedSelf: boolean;
  affectedGender: Gender | null;
  description: string;
  immediateAction: string;
  policeCalled: boolean;
  policeReportNumber: string;
  injury: boolean;
  injurySeverity: 'minor' | 'serious' | null;
  anonymous: boolean;
  /** Files already on the server, waiting for the report (their ids go with it). */
  uploads: Upload[];
  // The client's case reference is deliberately not here: it never touches the device's storage.
}

const VERSION = 1;

function storageKey(userId: string): string {
  return `trygg.reportDraft.v${VERSION}.${userId}`;
}

/** Now, to the minute, as the local `YYYY-MM-DDTHH:mm` the form uses. */
export function localNow(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

export function emptyDraft(): ReportDraft {
  return {
    groupCode: null,
    typeId: null,
    occurredAt: localNow(),
    location: null,
    facility: null,
    addressText: '',
    affectedKind: null,
    affectedSelf: false,
    affectedGender: null,
    description: '',
    immediateAction: '',
    policeCalled: false,
    policeReportNumber: '',
    injury: false,
    injurySeverity: null,
    anonymous: false,
    uploads: [],
  };
}

/** Whether the user has put anything in (the time alone does not count). */
export function hasContent(draft: ReportDraft): boolean {
  return Boolean(
    draft.typeId ||
      draft.location ||
      draft.facility ||
      draft.addressText.trim() ||
      draft.affectedKind ||
      draft.description.trim() ||
      draft.immediateAction.trim() ||
      draft.policeCalled ||
      draft.injury ||
      draft.uploads.length > 0,
  );
}

export function loadDraft(userId: string): ReportDraft | null {
  try {
    const raw = window.localStorage.getItem(storageKey(userId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<ReportDraft>;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const draft = { ...emptyDraft(), ...parsed };
    return hasContent(draft) ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(userId: string, draft: ReportDraft): void {
  try {
    if (hasContent(draft)) window.localStorage.setItem(storageKey(userId), JSON.stringify(draft));
    else window.localStorage.removeItem(storageKey(userId));
  } catch {
    // Storage full or blocked (private mode): the form still works, only without a saved draft.
  }
}

export function clearDraft(userId: string): void {
  try {
    window.localStorage.removeItem(storageKey(userId));
  } catch {
    // see saveDraft
  }
}
