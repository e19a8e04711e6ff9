/**
 * Place attribution of police events (pure; no database).
 *
 * 1. The municipality: `location.name`, or — when the location is a county ("Stockholms län") or empty —
 *    the last comma-separated part of `name` ("12 mars 21.14, Misshandel, Sollentuna"). A county there
 *    too leaves the municipality unknown (rule 'none', level 'outside').
 * 2. Ours when that name matches one of our municipalities (its root area's name, or the organisation's
 *    name without " stad" / " kommun" / "s stad"), case- and diacritic-insensitively.
 * 3. Below the municipality: the area names of the municipality found in `name`, else in `summary`,
 *    as whole words (multi-word names too; a genitive "s" on the last word is accepted: "Tenstas").
 *    At each position the longest name wins ("Skarpnäcks gård" before "Skarpnäck", "Rinkeby-Kista"
 *    before "Rinkeby"). Found areas that contain another found area are dropped (the finest level is
 *    kept). One area left: placed there. Several: a name matching several areas that are not nested is
 *    ambiguous; several names for different areas are placed at their nearest common area below the
 *    municipality (e.g. "Husby och Akalla" → Rinkeby-Kista), else ambiguous. Ambiguous events stay at
 *    municipality level with the names stored for review.
 *
 * False positives: only our municipality's events are searched, only its own area names are looked
 * for, and the root area's name is never matched in the text. Area names that are also common Swedish
 * words (COMMON_WORD_NAMES) count only when written with a capital letter in the text ("Flaten" the
 * place, not "flaten"); every other name matches in any case.
 */

export interface AttributionArea {
  id: string;
  parentId: string | null;
  level: string;
  name: string;
}

export interface AttributionMunicipality {
  organisationId: string;
  organisationName: string;
  /** The municipality's areas, the root area (parent null) included. */
  areas: readonly AttributionArea[];
}

export interface EventPlaceInput {
  name: string;
  summary: string;
  locationName: string;
}

export type PlaceRule = 'location_name' | 'name_suffix' | 'text_name' | 'text_summary' | 'ambiguous' | 'none';

export interface Placement {
  municipalityName: string | null;
  municipalityId: string | null;
  areaId: string | null;
  /** Root area first, the placed area last. */
  areaPath: string[];
  /** 'outside', 'municipality' or the placed area's level. */
  placeLevel: string;
  placeRule: PlaceRule;
  ambiguousNames: string[];
}

/** Area names that are also ordinary words: matched only when capitalised in the text. */
export const COMMON_WORD_NAMES: ReadonlySet<string> = new Set(
  ['flaten', 'höglandet', 'solhem', 'sundby', 'skrubba', 'orhem', 'lunda', 'hansta', 'vinsta'].map(normalise),
);

/** Lower case, without diacritics (å → a, ö → o, é → e). */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

interface Token {
  norm: string;
  capital: boolean;
}

function tokenise(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const raw = m[0];
    const first = raw[0] ?? '';
    out.push({ norm: normalise(raw), capital: first !== first.toLowerCase() });
  }
  return out;
}

const isCounty = (name: string) => /\slän$/i.test(name.trim());

/** The municipality an event names, and which rule found it (null: unknown). */
export function municipalityNameOf(e: EventPlaceInput): { name: string | null; rule: PlaceRule } {
  const location = e.locationName.trim();
  if (location && !isCounty(location)) return { name: location, rule: 'location_name' };
  const parts = e.name.split(',');
  const suffix = (parts[parts.length - 1] ?? '').trim();
  if (parts.length < 2 || !suffix || isCounty(suffix)) return { name: null, rule: 'none' };
  return { name: suffix, rule: 'name_suffix' };
}

/** The names a municipality goes by: its root area's name and its organisation's name without "stad"/"kommun". */
export function municipalityNames(m: AttributionMunicipality): string[] {
  const names = new Set<string>();
  const root = m.areas.find((a) => a.parentId === null);
  if (root) names.add(normalise(root.name.trim()));
  const org = m.organisationName.trim();
  names.add(normalise(org));
  for (const suffix of [/s stad$/i, / stad$/i, / kommun$/i, /s kommun$/i]) {
    if (suffix.test(org)) names.add(normalise(org.replace(suffix, '').trim()));
  }
  names.delete('');
  return [...names];
}

interface NameEntry {
  tokens: string[];
  display: string;
  areaIds: string[];
  common: boolean;
}

interface PreparedMunicipality {
  m: AttributionMunicipality;
  rootId: string | null;
  byId: Map<string, AttributionArea>;
  paths: Map<string, string[]>;
  /** First token → names starting with it, longest first. */
  index: Map<string, NameEntry[]>;
}

function prepare(m: AttributionMunicipality): PreparedMunicipality {
  const byId = new Map(m.areas.map((a) => [a.id, a]));
  const root = m.areas.find((a) => a.parentId === null) ?? null;
  const paths = new Map<string, string[]>();
  const pathOf = (id: string): string[] => {
    const known = paths.get(id);
    if (known) return known;
    const path: string[] = [];
    const seen = new Set<string>();
    let cur = byId.get(id);
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      path.unshift(cur.id);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    paths.set(id, path);
    return path;
  };
  for (const a of m.areas) pathOf(a.id);
  const names = new Map<string, NameEntry>();
  for (const a of m.areas) {
    if (a.parentId === null) continue;
    const tokens = tokenise(a.name).map((t) => t.norm);
    if (tokens.length === 0) continue;
    const key = tokens.join(' ');
    const entry = names.get(key);
    if (entry) entry.areaIds.push(a.id);
    else
      names.set(key, {
        tokens,
        display: a.name,
        areaIds: [a.id],
        common: COMMON_WORD_NAMES.has(key),
      });
  }
  const index = new Map<string, NameEntry[]>();
  for (const entry of names.values()) {
    const first = entry.tokens[0]!;
    const list = index.get(first) ?? [];
    list.push(entry);
    index.set(first, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { m, rootId: root?.id ?? null, byId, paths, index };
}

function tokenMatches(text: string, name: string, last: boolean): boolean {
  return text === name || (last && text === `${name}s`);
}

/** The area names found in a text (longest match at each position, non-overlapping). */
function findNames(p: PreparedMunicipality, text: string): NameEntry[] {
  const tokens = tokenise(text);
  const found: NameEntry[] = [];
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i]!;
    const candidates = [
      ...(p.index.get(tok.norm) ?? []),
      ...(tok.norm.endsWith('s') ? (p.index.get(tok.norm.slice(0, -1)) ?? []) : []),
    ].sort((a, b) => b.tokens.length - a.tokens.length);
    let matched: NameEntry | null = null;
    for (const c of candidates) {
      const n = c.tokens.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = tokenMatches(tokens[i + k]!.norm, c.tokens[k]!, k === n - 1);
      if (ok && c.common && !tok.capital) ok = false;
      if (ok) {
        matched = c;
        break;
      }
    }
    if (matched) {
      if (!found.includes(matched)) found.push(matched);
      i += matched.tokens.length;
    } else i++;
  }
  return found;
}

type TextResult =
  | { kind: 'none' }
  | { kind: 'area'; areaId: string }
  | { kind: 'ambiguous'; names: string[] };

function placeInText(p: PreparedMunicipality, text: string): TextResult {
  const names = findNames(p, text);
  if (names.length === 0) return { kind: 'none' };
  const pathOf = (id: string) => p.paths.get(id) ?? [id];
  // Areas found; drop those containing another found area (keep the finest).
  const dropAncestors = (ids: string[]) =>
    ids.filter((id) => !ids.some((other) => other !== id && pathOf(other).includes(id)));
  // A name one of whose areas contains another name's area is only context ("Larsboda i Farsta").
  const isStrictAncestor = (a: string, b: string) => a !== b && pathOf(b).includes(a);
  const specific = names.filter(
    (n) =>
      !names.some((o) => o !== n && n.areaIds.some((a) => o.areaIds.some((b) => isStrictAncestor(a, b)))),
  );
  const ambiguousNames: string[] = [];
  const perName: string[][] = [];
  for (const n of specific.length > 0 ? specific : names) {
    const finest = dropAncestors([...new Set(n.areaIds)]);
    if (finest.length > 1) ambiguousNames.push(n.display);
    perName.push(finest);
  }
  if (ambiguousNames.length > 0) return { kind: 'ambiguous', names: ambiguousNames };
  const all = dropAncestors([...new Set(perName.flat())]);
  if (all.length === 1) return { kind: 'area', areaId: all[0]! };
  // Several names for different areas: their nearest common area below the root, if any.
  const paths = all.map(pathOf);
  const common: string[] = [];
  for (let k = 0; ; k++) {
    const id = paths[0]![k];
    if (id === undefined || !paths.every((path) => path[k] === id)) break;
    common.push(id);
  }
  const lca = common[common.length - 1];
  if (lca && lca !== p.rootId && p.byId.get(lca)?.parentId !== null) return { kind: 'area', areaId: lca };
  return { kind: 'ambiguous', names: names.map((n) => n.display) };
}

/** Prepares the municipalities once; the returned function places one event. */
export function createAttributor(municipalities: readonly AttributionMunicipality[]) {
  const prepared = municipalities.map(prepare);
  const byName = new Map<string, PreparedMunicipality>();
  for (const p of prepared) for (const n of municipalityNames(p.m)) if (!byName.has(n)) byName.set(n, p);

  return function place(e: EventPlaceInput): Placement {
    const { name: municipalityName, rule } = municipalityNameOf(e);
    const outside: Placement = {
      municipalityName,
      municipalityId: null,
      areaId: null,
      areaPath: [],
      placeLevel: 'outside',
      placeRule: rule,
      ambiguousNames: [],
    };
    if (!municipalityName) return outside;
    const p = byName.get(normalise(municipalityName));
    if (!p) return outside;
    const atMunicipality = (placeRule: PlaceRule, ambiguousNames: string[] = []): Placement => ({
      municipalityName,
      municipalityId: p.m.organisationId,
      areaId: p.rootId,
      areaPath: p.rootId ? [p.rootId] : [],
      placeLevel: 'municipality',
      placeRule,
      ambiguousNames,
    });
    for (const [text, textRule] of [
      [e.name, 'text_name'],
      [e.summary, 'text_summary'],
    ] as const) {
      const r = placeInText(p, text);
      if (r.kind === 'none') continue;
      if (r.kind === 'ambiguous') return atMunicipality('ambiguous', r.names);
      const area = p.byId.get(r.areaId)!;
      return {
        municipalityName,
        municipalityId: p.m.organisationId,
        areaId: area.id,
        areaPath: p.paths.get(area.id) ?? [area.id],
        placeLevel: area.level,
        placeRule: textRule,
        ambiguousNames: [],
      };
    }
    return atMunicipality(rule);
  };
}
