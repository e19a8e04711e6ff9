/**
 * On the picture page: the picture's snapshots and the yearly-cycle actions (freeze, sign off, submit to
 * the executive board). Calls `onChanged` after an action so the page reloads the picture. (Placeholder.)
 */
export function SnapshotPanel(_props: { pictureId: string; onChanged: () => void }) {
  return null;
}
