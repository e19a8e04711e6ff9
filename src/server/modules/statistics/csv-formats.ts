import { z } from 'zod';
import type { StatisticsCsvKind } from './csv-imports.usecases.ts';

/**
 * The three CSV formats of statistics imports (docs/statistics-imports.md): their columns, how each
 * value is read, area names, periods and the downloadable templates.
 */

export const STATISTICS_CSV_COLUMNS: Record<
  StatisticsCsvKind,
  { required: readonly string[]; optional: readonly string[] }
> = {
  survey: {
    required: ['year', 'area', 'question', 'question_label', 'group', 'group_value', 'value'],
    optional: ['respondents', 'area_level'],
  },
  population: { required: ['year', 'area', 'gender', 'age_band', 'count'], optional: ['area_level'] },
  reported_crime: { required: ['period', 'area', 'crime_type', 'count'], optional: ['area_level'] },
};

/** Upper case, accents and runs of spaces do not matter when names are compared ("RINKEBY" = "Rinkeby"). */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('sv')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const GENDERS: Record<string, 'woman' | 'man' | 'other'> = {
  woman: 'woman',
  women: 'woman',
  female: 'woman',
  kvinna: 'woman',
  kvinnor: 'woman',
  man: 'man',
  men: 'man',
  male: 'man',
  män: 'man',
  other: 'other',
  annan: 'other',
  annat: 'other',
  ovrigt: 'other',
};

/** 'woman' | 'man' | 'other' for the English or Swedish word, or null. */
export function readGender(value: string): 'woman' | 'man' | 'other' | null {
  const v = value.trim().toLocaleLowerCase('sv');
  return GENDERS[v] ?? GENDERS[nameKey(v)] ?? null;
}

const GROUP_KINDS: Record<string, string> = {
  all: 'all',
  alla: 'all',
  total: 'all',
  totalt: 'all',
  gender: 'gender',
  kon: 'gender',
  age: 'age_band',
  age_band: 'age_band',
  alder: 'age_band',
  aldersgrupp: 'age_band',
  foreign_born: 'foreign_born',
  utrikes_fodd: 'foreign_born',
  utrikes_fodda: 'foreign_born',
  disability: 'disability',
  funktionsnedsattning: 'disability',
};

const YES_NO: Record<string, string> = { yes: 'yes', ja: 'yes', no: 'no', nej: 'no' };

/** An age band as `16-24` or `80+` (an en dash or spaces are accepted and normalised). */
export function readAgeBand(value: string): string | null {
  const v = value
    .trim()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, '');
  const range = /^(\d{1,3})-(\d{1,3})$/.exec(v);
  if (range) return Number(range[1]) <= Number(range[2]) ? `${Number(range[1])}-${Number(range[2])}` : null;
  const open = /^(\d{1,3})\+$/.exec(v);
  return open ? `${Number(open[1])}+` : null;
}

/**
 * A survey group and its value, normalised: 'all' with '' (the value is ignored), gender as
 * woman/man/other, age bands as `16-24`, yes/no for foreign_born and disability, anything else as
 * written (trimmed). A string is an error message.
 */
export function readGroup(
  kind: string,
  value: string,
): { groupKind: string; groupValue: string } | { error: string; column: 'group' | 'group_value' } {
  const key = nameKey(kind).replace(/[\s-]+/g, '_');
  const groupKind = GROUP_KINDS[key] ?? key;
  if (!/^[a-z][a-z0-9_]{0,49}$/.test(groupKind))
    return {
      error: 'The group must be a word such as all, gender, age_band, foreign_born or disability',
      column: 'group',
    };
  const v = value.trim();
  if (groupKind === 'all') return { groupKind, groupValue: '' };
  if (v === '') return { error: `A value is needed for the group ${groupKind}`, column: 'group_value' };
  if (groupKind === 'gender') {
    const g = readGender(v);
    return g
      ? { groupKind, groupValue: g }
      : { error: `Unknown gender "${v}"; woman, man or other (kvinna, man, annan)`, column: 'group_value' };
  }
  if (groupKind === 'age_band') {
    const band = readAgeBand(v);
    return band
      ? { groupKind, groupValue: band }
      : { error: `Not an age band: "${v}" (write e.g. 16-24 or 80+)`, column: 'group_value' };
  }
  if (groupKind === 'foreign_born' || groupKind === 'disability') {
    const yn = YES_NO[nameKey(v)];
    return yn
      ? { groupKind, groupValue: yn }
      : { error: `Write yes or no (ja or nej) for ${groupKind}`, column: 'group_value' };
  }
  if (v.length > 100) return { error: 'At most 100 characters', column: 'group_value' };
  return { groupKind, groupValue: v };
}

/** A decimal number with a point or a decimal comma; null when it is not one. */
export function readDecimal(value: string): number | null {
  const v = value.trim().replace(/\s/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(v)) return null;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** A whole number ≥ 0 (spaces as thousands separators allowed); null when it is not one. */
export function readCount(value: string): number | null {
  const v = value.trim().replace(/[\s\u00a0]/g, '');
  if (!/^\d{1,9}$/.test(v)) return null;
  return Number(v);
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `YYYY`, `YYYY-MM` or `YYYY-Qn` as its first and last day; null when malformed. */
export function readPeriod(value: string): { start: string; end: string } | null {
  const v = value.trim().toUpperCase();
  let m = /^(\d{4})$/.exec(v);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return { start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
  }
  m = /^(\d{4})-?Q([1-4])$/.exec(v);
  if (m) {
    const year = Number(m[1]);
    const first = (Number(m[2]) - 1) * 3 + 1;
    return {
      start: `${year}-${pad(first)}-01`,
      end: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`,
    };
  }
  return null;
}

const year = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'Write the year as four digits, e.g. 2024')
  .transform(Number)
  .refine((y) => y >= 1900 && y <= 2200, 'The year must be between 1900 and 2200');
const area = z.string().trim().min(1, 'The area is required').max(200, 'At most 200 characters');
/** An area level as written in the file (`District area`, `district_area`) → `district_area`; null when empty. */
export function readLevel(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  return v ? nameKey(v).replace(/[\s-]+/g, '_') : null;
}
const areaLevel = z.string().optional().transform(readLevel);
const count = z.string().transform((v, ctx) => {
  const n = readCount(v);
  if (n === null) {
    ctx.addIssue({ code: 'custom', message: 'Write a whole number, 0 or more' });
    return z.NEVER;
  }
  return n;
});

export const SurveyRowSchema = z.object({
  year,
  area,
  area_level: areaLevel,
  question: z
    .string()
    .trim()
    .transform((v) => v.toLowerCase())
    .pipe(
      z
        .string()
        .regex(
          /^[a-z][a-z0-9_]{0,99}$/,
          'The question code is a word of a-z, 0-9 and _ starting with a letter, e.g. worried_crime',
        ),
    ),
  question_label: z
    .string()
    .trim()
    .min(1, 'The question label is required')
    .max(500, 'At most 500 characters'),
  group: z.string(),
  group_value: z.string(),
  value: z.string().transform((v, ctx) => {
    const n = readDecimal(v);
    if (n === null || n < 0 || n > 100) {
      ctx.addIssue({
        code: 'custom',
        message: 'The value is a percentage from 0 to 100 (e.g. 23,5 or 23.5)',
      });
      return z.NEVER;
    }
    if (!/^\d+([.,]\d{1,3})?$/.test(v.trim())) {
      ctx.addIssue({ code: 'custom', message: 'At most three decimals' });
      return z.NEVER;
    }
    return n;
  }),
  respondents: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return null;
      const n = readCount(v);
      if (n === null) {
        ctx.addIssue({ code: 'custom', message: 'Write a whole number, 0 or more, or leave it empty' });
        return z.NEVER;
      }
      return n;
    }),
});

export const PopulationRowSchema = z.object({
  year,
  area,
  area_level: areaLevel,
  gender: z.string().transform((v, ctx) => {
    const g = readGender(v);
    if (!g) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown gender "${v.trim()}"; woman, man or other (kvinna, man, annan)`,
      });
      return z.NEVER;
    }
    return g;
  }),
  age_band: z.string().transform((v, ctx) => {
    const band = readAgeBand(v);
    if (!band) {
      ctx.addIssue({ code: 'custom', message: `Not an age band: "${v.trim()}" (write e.g. 16-24 or 80+)` });
      return z.NEVER;
    }
    return band;
  }),
  count,
});

export const ReportedCrimeRowSchema = z.object({
  period: z.string().transform((v, ctx) => {
    const p = readPeriod(v);
    if (!p) {
      ctx.addIssue({
        code: 'custom',
        message: `Not a period: "${v.trim()}" (write 2024, 2024-03 or 2024-Q1)`,
      });
      return z.NEVER;
    }
    return p;
  }),
  area,
  area_level: areaLevel,
  crime_type: z.string().trim().min(1, 'The crime type is required').max(200, 'At most 200 characters'),
  count,
});

export interface AreaRef {
  id: string;
  name: string;
  code: string | null;
  level: string;
}

/** Finds the municipality's areas the way a spreadsheet names them: by id, code or a name only one has. */
export function areaFinder(areas: readonly AreaRef[]) {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const byCode = new Map<string, AreaRef[]>();
  const byName = new Map<string, AreaRef[]>();
  const add = (map: Map<string, AreaRef[]>, key: string, a: AreaRef) =>
    map.set(key, [...(map.get(key) ?? []), a]);
  for (const a of areas) {
    if (a.code) add(byCode, nameKey(a.code), a);
    add(byName, nameKey(a.name), a);
  }
  return (ref: string, level: string | null): AreaRef | string => {
    const ofLevel = (list: AreaRef[]) => (level ? list.filter((a) => a.level === level) : list);
    const direct = byId.get(ref.trim());
    if (direct && ofLevel([direct]).length === 1) return direct;
    const coded = ofLevel(byCode.get(nameKey(ref)) ?? []);
    if (coded.length === 1) return coded[0]!;
    const named = ofLevel(byName.get(nameKey(ref)) ?? []);
    if (named.length === 1) return named[0]!;
    if (named.length > 1 || coded.length > 1) {
      const levels = [...new Set([...named, ...coded].map((a) => a.level))].join(', ');
      return `"${ref.trim()}" names ${named.length + coded.length} areas (${levels}); add the column area_level or use the area's code`;
    }
    return level
      ? `No area "${ref.trim()}" at the level ${level}`
      : `No area "${ref.trim()}" in the municipality`;
  };
}

/** The template of each kind: the header and two example rows, `;`-separated, as a spreadsheet saves it. */
export function templateRows(
  kind: StatisticsCsvKind,
  areas: { first: string; second: string },
): { header: string[]; rows: Record<string, string>[] } {
  const { first, second } = areas;
  if (kind === 'survey')
    return {
      header: ['year', 'area', 'question', 'question_label', 'group', 'group_value', 'value', 'respondents'],
      rows: [
        {
          year: '2024',
          area: first,
          question: 'worried_crime',
          question_label: 'Ofta orolig för brott',
          group: 'gender',
          group_value: 'woman',
          value: '31,5',
          respondents: '412',
        },
        {
          year: '2024',
          area: first,
          question: 'worried_crime',
          question_label: 'Ofta orolig för brott',
          group: 'gender',
          group_value: 'man',
          value: '17,2',
          respondents: '388',
        },
      ],
    };
  if (kind === 'population')
    return {
      header: ['year', 'area', 'gender', 'age_band', 'count'],
      rows: [
        { year: '2024', area: first, gender: 'woman', age_band: '25-44', count: '4210' },
        { year: '2024', area: second, gender: 'man', age_band: '80+', count: '312' },
      ],
    };
  return {
    header: ['period', 'area', 'crime_type', 'count'],
    rows: [
      { period: '2024-03', area: first, crime_type: 'Misshandel', count: '14' },
      { period: '2024-Q1', area: second, crime_type: 'Stöld', count: '57' },
    ],
  };
}
