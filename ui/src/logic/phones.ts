// Phone numbers pasted by a clerk: split, normalized to E.164 the way the server reads Czech
// numbers, and deduplicated. The server validates again; this only gives a live count.

export interface PastedPhones {
  valid: string[]; // E.164, unique, in the order first seen
  invalid: string[]; // as typed
  duplicates: number; // entries dropped because an equal number came earlier
}

// "720 001 676", "+420 720 001 676", "00420720001676" → "+420720001676"; null when it is not
// a plausible number.
export function normalizePhone(raw: string): string | null {
  let s = raw.trim().replace(/[\s().\-/]/g, '');
  if (s === '') return null;
  if (s.startsWith('00')) s = '+' + s.slice(2);
  if (/^\d{9}$/.test(s)) s = '+420' + s;
  if (!/^\+\d{8,15}$/.test(s)) return null;
  return s;
}

export function parsePastedPhones(text: string): PastedPhones {
  const seen = new Set<string>();
  const out: PastedPhones = { valid: [], invalid: [], duplicates: 0 };
  for (const part of text.split(/[\n,;]+/)) {
    if (part.trim() === '') continue;
    const phone = normalizePhone(part);
    if (phone === null) {
      out.invalid.push(part.trim());
    } else if (seen.has(phone)) {
      out.duplicates++;
    } else {
      seen.add(phone);
      out.valid.push(phone);
    }
  }
  return out;
}
