// Czech formatting of numbers, money, dates and phone numbers (Intl 'cs-CZ' whatever the UI
// language: the office is Czech). Pure functions.

export const LOCALE = 'cs-CZ';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const money = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'CZK',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
// "29. 11. 2026 4:12": the full year (dateStyle 'short' gives "29.11.26").
const dateTime = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' });
const collator = new Intl.Collator(LOCALE, { sensitivity: 'base', numeric: true });

export function formatInt(n: number | null | undefined): string {
  return integer.format(n ?? 0);
}

// `rate` is 0..1.
export function formatPercent(rate: number): string {
  return percent.format(rate);
}

// Amounts are kept in thousandths of a crown ("milli").
export function formatMoneyMilli(milli: number): string {
  return money.format(milli / 1000);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

export function compareCzech(a: string, b: string): number {
  return collator.compare(a, b);
}

// "+420720001676" → "+420 720 001 676"; other numbers are grouped by three after the
// country code when it is recognizably Czech or Slovak, else returned as they are.
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const m = /^\+(420|421)(\d{3})(\d{3})(\d{3})$/.exec(e164);
  if (m) return `+${m[1]} ${m[2]} ${m[3]} ${m[4]}`;
  return e164;
}

// "08:30" ↔ minutes after midnight, for quiet hours.
export function minutesToTime(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function timeToMinutes(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

// A value for <input type="datetime-local"> (local time) → ISO 8601 UTC for the API.
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
