// Quiet hours: the part of the night when the office sends nothing but urgent messages.

// Minutes after midnight of `at` in the IANA time zone `timeZone` (the browser's own zone when
// the name is unknown).
export function minutesInZone(at: Date, timeZone: string): number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }
  const [h, m] = format.format(at).split(':').map(Number);
  return h * 60 + m;
}

// Whether `minute` (after midnight) is inside quiet hours [start, end), which may wrap past
// midnight (21:00–07:00). Equal start and end mean no quiet hours.
export function inQuietHours(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}
