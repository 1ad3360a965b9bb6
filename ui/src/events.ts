// The one server-sent event stream of a signed-in browser (/api/v1/events), shared by the
// screens that show live state. EventSource reconnects by itself.

export type LiveEvent =
  | { type: 'message'; id: number; counts: Record<string, number> }
  | { type: 'inbound'; id: number; kind?: string; from?: string }
  | { type: 'registration'; id: number; status?: string }
  | { type: 'resync' };

type Listener = (e: LiveEvent) => void;
const listeners = new Set<Listener>();
let source: EventSource | null = null;

export function openEvents(): void {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/events');
  for (const type of ['message', 'inbound', 'registration', 'resync'] as const) {
    source.addEventListener(type, (raw) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse((raw as MessageEvent<string>).data);
      } catch {
        return;
      }
      const event = { ...data, type } as LiveEvent;
      listeners.forEach((l) => l(event));
    });
  }
  // After a reconnect the browser may have missed events: screens reload what they show.
  source.addEventListener('open', () => listeners.forEach((l) => l({ type: 'resync' })));
}

export function closeEvents(): void {
  source?.close();
  source = null;
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
