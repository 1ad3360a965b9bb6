// A small path router (History API). The server answers every extension-less path with
// index.html, so a reload of /messages/12 lands back here.
import { useEffect, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();
let navigations = 0;

// How many times the location changed inside the app (0 on the first screen): screens move
// the focus to their heading after a navigation, as a page load would for a screen reader.
export function navigationCount(): number {
  return navigations;
}

export function currentPath(): string {
  return window.location.pathname || '/';
}

export function currentQuery(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

export function navigate(to: string, replace = false): void {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  navigations++;
  listeners.forEach((l) => l());
}

window.addEventListener('popstate', () => {
  navigations++;
  listeners.forEach((l) => l());
});

// Same-origin links navigate without a reload (left click without modifier keys).
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('/api/')) return;
  e.preventDefault();
  navigate(href);
});

// Re-renders the caller when the location changes; returns the path and query.
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return { path: currentPath(), query: currentQuery() };
}

// Matches "/messages/:id" against a path; returns the parameters or null.
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}
