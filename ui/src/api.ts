// The one way the UI talks to the server: JSON over fetch with the session cookie, and the
// CSRF token (kept in memory only, never in storage) on every state-changing request.
// A 401 signs the UI out; other errors become ApiError for the screen to show.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
  }
  get forbidden(): boolean {
    return this.status === 403 && this.code !== 'csrf';
  }
}

let csrfToken = '';
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface Options {
  query?: Query;
  json?: unknown;
  body?: BodyInit; // raw bytes (CSV imports), sent as they are
  contentType?: string;
  // Don't sign out on 401 (sign-in and the session probe handle it themselves).
  allowUnauthenticated?: boolean;
}

// A CSRF refusal means the token in memory is stale (e.g. the password was changed in another
// tab, which starts a new session): fetch the session's token again and retry once.
// A 401 signs out only if the session is really gone: a request sent with the cookie of a
// session that was just replaced (a password change starts a new one) is answered 401 while
// the new session lives; then the request is sent once more instead.
async function request<T>(method: string, path: string, options: Options = {}): Promise<T> {
  try {
    return await send<T>(method, path, options);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401 && !options.allowUnauthenticated) {
      const alive = await liveCsrfToken();
      if (alive === null) {
        onUnauthenticated();
        throw e;
      }
      csrfToken = alive;
      return retryOnce<T>(method, path, options);
    }
    if (e.code !== 'csrf' || method === 'GET') throw e;
    const session = await send<{ csrf_token: string }>('GET', '/api/v1/session', {});
    csrfToken = session.csrf_token;
    return send<T>(method, path, options);
  }
}

async function retryOnce<T>(method: string, path: string, options: Options): Promise<T> {
  try {
    return await send<T>(method, path, options);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && !options.allowUnauthenticated) onUnauthenticated();
    throw e;
  }
}

// The CSRF token of the browser's current session, or null when it has none.
async function liveCsrfToken(): Promise<string | null> {
  try {
    const session = await send<{ csrf_token: string }>('GET', '/api/v1/session', { allowUnauthenticated: true });
    return session.csrf_token;
  } catch {
    return null;
  }
}

async function send<T>(method: string, path: string, options: Options): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
    body = options.body;
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    const e = new ApiError(response.status, err?.code ?? 'http', err?.message ?? response.statusText, data);
    throw e;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Options) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, json?: unknown, opts?: Options) =>
    request<T>('POST', path, { ...opts, json: json ?? {} }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  del: <T>(path: string, json?: unknown) => request<T>('DELETE', path, { json }),
  upload: <T>(path: string, bytes: BodyInit, query?: Query) =>
    request<T>('POST', path, { body: bytes, contentType: 'text/csv', query }),
};
