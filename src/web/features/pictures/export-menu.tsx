/** What to export: a picture document's live figures, a frozen snapshot, or a live query (explore page). */
export type ExportTarget =
  | { kind: 'picture'; id: string }
  | { kind: 'snapshot'; id: string }
  | { kind: 'live'; query: Record<string, string> };

/** A menu of export formats; a chosen export runs as a background task with progress, then downloads. (Placeholder.) */
export function ExportMenu(_props: { target: ExportTarget }) {
  return null;
}
