// UI texts in Czech (default) and English; the choice is kept in localStorage. `t` fills
// {placeholders}. Numbers and dates are formatted Czech-style in both (logic/format.ts).
import { cs } from './cs';
import { en } from './en';

export type Lang = 'cs' | 'en';
export type TextKey = keyof typeof cs;

const STORAGE_KEY = 'smsinfo.lang';
const dictionaries: Record<Lang, Record<TextKey, string>> = { cs, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'cs';
  } catch {
    return 'cs';
  }
}

let lang: Lang = initialLang();
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  listeners.forEach((l) => l());
}

export function onLangChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

// Whether `key` is a text of the UI (for keys built at run time, e.g. audit actions).
export function hasText(key: string): key is TextKey {
  return Object.prototype.hasOwnProperty.call(cs, key);
}

export function t(key: TextKey, params?: Record<string, string | number>): string {
  let s = dictionaries[lang][key] ?? cs[key] ?? key;
  if (params) {
    for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  }
  return s;
}
