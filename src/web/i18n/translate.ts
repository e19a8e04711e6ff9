import { en } from './en.ts';
import type { Locale } from './locale.ts';
import { type Catalogue, type MessageKey, sv } from './sv.ts';

const CATALOGUES: Record<Locale, Catalogue> = { sv, en };

/** The names inside `{…}` in a Swedish message, e.g. `'Hej {name}'` → `'name'`. */
type ParamNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/** Keys of messages without parameters: safe to pass around as data (e.g. a card's title). */
export type PlainMessageKey = {
  [K in MessageKey]: [ParamNames<(typeof sv)[K]>] extends [never] ? K : never;
}[MessageKey];

export type MessageParams<K extends MessageKey> = Record<ParamNames<(typeof sv)[K]>, string | number>;

/** `t('home.greeting', { name })`: the parameters are required exactly when the message has some. */
export type Translate = <K extends MessageKey>(
  key: K,
  ...params: [ParamNames<(typeof sv)[K]>] extends [never] ? [] : [MessageParams<K>]
) => string;

export function createTranslator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  return ((key: MessageKey, params?: Record<string, string | number>) => {
    const message = catalogue[key] ?? sv[key] ?? key;
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  }) as Translate;
}

export type { MessageKey };
