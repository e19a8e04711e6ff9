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

/** The feed's common types, weighted roughly as in the real feed (summaries and notices included). */
const TYPES: readonly [string, number][] = [
  ['Trafikolycka', 12],
  ['Brand', 6],
  ['Misshandel', 8],
  ['Stöld', 6],
  ['Rattfylleri', 4],
  ['Skadegörelse', 4],
  ['Rån', 3],
  ['Narkotikabrott', 3],
  ['Stöld/inbrott', 3],
  ['Olaga hot', 2],
  ['Bråk', 2],
  ['Misshandel, grov', 2],
  ['Våld/hot mot tjänsteman', 2],
  ['Fylleri/LOB', 2],
  ['Skottlossning', 1],
  ['Detonation', 1],
  ['Knivlagen', 1],
  ['Mord/dråp, försök', 1],
  ['Ofredande/förargelse', 1],
  ['Hets mot folkgrupp', 0.2],
  ['Övrigt', 3],
  ['Sammanfattning natt', 3],
];

const PHRASES: Record<string, readonly string[]> = {
  Trafikolycka: ['Två bilar har krockat i {p}.', 'En cyklist och en bil har kolliderat i {p}.'],
  Brand: ['Brand i ett soprum i {p}.', 'En bil brinner på en parkering i {p}.'],
  Misshandel: [
    'En man har misshandlats utanför en restaurang i {p}.',
    'En kvinna uppger att hon blivit slagen i {p}.',
  ],
  Stöld: ['Stöld ur en butik i {p}.', 'En cykel har stulits vid tunnelbanan i {p}.'],
  Rattfylleri: ['En bilförare i {p} misstänks för rattfylleri.'],
  Skadegörelse: ['Klotter på en skola i {p}.', 'Fönster har krossats i {p}.'],
  Rån: ['En person har blivit rånad i {p}.'],
  Narkotikabrott: ['En man greps misstänkt för narkotikabrott i {p}.'],
  'Stöld/inbrott': ['Inbrott i en lägenhet i {p}.'],
  'Olaga hot': ['En person har hotats i {p}.'],
  Bråk: ['Bråk mellan flera personer i {p}.'],
  'Misshandel, grov': ['En man har förts till sjukhus efter en grov misshandel i {p}.'],
  'Våld/hot mot tjänsteman': ['Personal på ett boende i {p} har hotats.'],
  'Fylleri/LOB': ['En berusad man omhändertogs i {p}.'],
  Skottlossning: ['Skottlossning i {p}, ingen skadad.'],
  Detonation: ['En smäll hördes vid ett flerfamiljshus i {p}.'],
  Knivlagen: ['En man med kniv greps i {p}.'],
  'Mord/dråp, försök': ['En man har knivskurits i {p}.'],
  'Ofredande/förargelse': ['En kvinna har ofredats på en buss i {p}.'],
  'Hets mot folkgrupp': ['Affischer med hets mot folkgrupp har satts upp i {p}.'],
  Övrigt: ['Polisen har haft en insats i {p}.'],
  'Sammanfattning natt': ['Sammanfattning av nattens händelser i {p} med omnejd.'],
};
const NO_PLACE = ['Polisen kallades till platsen.', 'Ärendet utreds.', 'En person har gripits.'];
const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];
const OTHER_MUNICIPALITIES = ['Solna', 'Sundbyberg', 'Huddinge', 'Nacka', 'Uppsala'];

/** xorshift32: the same seed gives the same events. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4_294_967_296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Stockholm wall-clock parts and offset of an instant (CET/CEST by the EU rule). */
function stockholm(at: Date): {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  offset: string;
} {
  const y = at.getUTCFullYear();
  const lastSunday = (month: number) => {
    const d = new Date(Date.UTC(y, month + 1, 0, 1));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return d.getTime();
  };
  const summer = at.getTime() >= lastSunday(2) && at.getTime() < lastSunday(9);
  const local = new Date(at.getTime() + (summer ? 2 : 1) * 3_600_000);
  return {
    y: local.getUTCFullYear(),
    mo: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    h: local.getUTCHours(),
    mi: local.getUTCMinutes(),
    s: local.getUTCSeconds(),
    offset: summer ? '+02:00' : '+01:00',
  };
}

/**
 * Synthetic police events for the demo city in the feed's own format (deterministic by seed), so the
 * real import and place attribution run on them: a municipality's events name neighbourhoods and
 * districts in their text like the real feed does, some only the municipality, a few other
 * municipalities and the county.
 *
 * Mix: ~70 % of the municipality's events name one of `areaNames` in the summary, ~25 % name no place,
 * ~5 % are located in the county with the municipality at the end of the name; one event in twelve is in
 * another municipality; about 1 % repeat an earlier id (the feed's updates: same id, new summary).
 */
export function generateDemoPoliceEvents(opts: {
  seed: number;
  municipalityName: string;
  /** Names of the municipality's areas to mention (neighbourhoods and district areas). */
  areaNames: readonly string[];
  from: Date;
  to: Date;
  count: number;
}): FeedEvent[] {
  const next = random(opts.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const totalWeight = TYPES.reduce((a, [, w]) => a + w, 0);
  const pickType = () => {
    let r = next() * totalWeight;
    for (const [type, w] of TYPES) {
      r -= w;
      if (r <= 0) return type;
    }
    return TYPES[0]![0];
  };
  // Area names as written in running text: "RINKEBY" → "Rinkeby", "HÄSSELBY STRAND" → "Hässelby strand".
  const display = (name: string) =>
    name === name.toUpperCase() ? name.charAt(0) + name.slice(1).toLowerCase() : name;
  const span = Math.max(1, opts.to.getTime() - opts.from.getTime());
  const events: FeedEvent[] = [];
  // Far above the real feed's ids (about 370,000–600,000 in 2022–2025), so a real file never replaces demo events.
  let id = 900_000_000 + (opts.seed % 1000) * 100_000;
  for (let i = 0; i < opts.count; i++) {
    if (events.length > 10 && next() < 0.01) {
      // An update of an earlier event: same id, the summary amended.
      const earlier = pick(events);
      events.push({ ...earlier, summary: `${earlier.summary} Uppdatering: en person har gripits.` });
      continue;
    }
    const at = new Date(opts.from.getTime() + Math.floor(next() * span));
    const t = stockholm(at);
    const type = pickType();
    const roll = next();
    const other = roll < 1 / 12;
    const municipality = other ? pick(OTHER_MUNICIPALITIES) : opts.municipalityName;
    const county = !other && roll > 0.95;
    const area = opts.areaNames.length > 0 && next() < 0.7 ? display(pick(opts.areaNames)) : null;
    const phrase = pick(PHRASES[type] ?? ['Händelse i {p}.']);
    const summary = other
      ? phrase.replace('{p}', municipality)
      : area
        ? phrase.replace('{p}', area)
        : pick(NO_PLACE);
    const posted = `${pad(t.d)} ${MONTHS[t.mo - 1]} ${pad(t.h)}.${pad(t.mi)}`;
    id += 1 + Math.floor(next() * 3);
    events.push({
      id,
      datetime: `${t.y}-${pad(t.mo)}-${pad(t.d)} ${pad(t.h)}:${pad(t.mi)}:${pad(t.s)} ${t.offset}`,
      name: `${posted}, ${type}, ${municipality}`,
      summary,
      url: `/aktuellt/handelser/${t.y}/${MONTHS[t.mo - 1]}/${t.d}/${id}/`,
      type,
      location: {
        name: county ? 'Stockholms län' : municipality,
        gps: county
          ? '59.329324,18.068581'
          : `${(59.25 + next() * 0.15).toFixed(6)},${(17.85 + next() * 0.3).toFixed(6)}`,
      },
    });
  }
  return events;
}
