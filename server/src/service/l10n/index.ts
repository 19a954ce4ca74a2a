import { ZH_CN } from './zh-cn';

/**
 * The server's messages in the user's display language. The English text is the key, as in
 * `vscode.l10n.t`: code reads naturally, and a message missing from a table shows in English.
 * `{0}`, `{1}`... stand for the arguments. The locale is the one the client sends at initialize
 * (VS Code's display language); the CLI never sets one and prints English. Port data (service names,
 * IANA's descriptions, notes, people) is passed in as arguments and never translated.
 */

/** Message tables by lower-case locale; a locale's language alone (`zh`) is not enough to pick one. */
export const MESSAGE_TABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = { 'zh-cn': ZH_CN };

let table: Readonly<Record<string, string>> | undefined;
let current: string | undefined;

/** Chooses the table for a locale such as `zh-cn` (VS Code's spelling) or `zh-CN`; English for any other. */
export function setLocale(locale: string | undefined): void {
  current = locale;
  table = locale ? MESSAGE_TABLES[locale.toLowerCase()] : undefined;
}

/** The locale last set, for the scan thread, whose messages must be in the same language. */
export function currentLocale(): string | undefined {
  return current;
}

/** Stands for the current language (the same value until setLocale picks another table), for caches of rendered text. */
export function messageLanguage(): unknown {
  return table;
}

/** The message in the current language, with `{n}` replaced by the n-th argument. */
export function t(message: string, ...args: Array<string | number>): string {
  const text = table?.[message] ?? message;
  return args.length ? text.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m)) : text;
}
