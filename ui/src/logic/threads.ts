// Groups received SMS into one thread per citizen (phone number) for the inbox.

export interface InboundLike {
  id: number;
  from: string;
  text: string;
  received_at: string;
  read: boolean;
}

export interface Thread<T extends InboundLike> {
  phone: string;
  last: T; // the newest SMS
  unread: number;
  count: number;
}

// Threads ordered newest first; `items` may come in any order.
export function groupThreads<T extends InboundLike>(items: T[]): Thread<T>[] {
  const byPhone = new Map<string, Thread<T>>();
  for (const sms of items) {
    const t = byPhone.get(sms.from);
    if (!t) {
      byPhone.set(sms.from, { phone: sms.from, last: sms, unread: sms.read ? 0 : 1, count: 1 });
      continue;
    }
    t.count++;
    if (!sms.read) t.unread++;
    if (newer(sms, t.last)) t.last = sms;
  }
  return [...byPhone.values()].sort((a, b) => (newer(a.last, b.last) ? -1 : 1));
}

function newer(a: InboundLike, b: InboundLike): boolean {
  const ta = Date.parse(a.received_at);
  const tb = Date.parse(b.received_at);
  if (ta !== tb) return ta > tb;
  return a.id > b.id;
}
