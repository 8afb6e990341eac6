/**
 * The console's session: the access token and the refresh token live in memory only (never in localStorage),
 * so a script injected into the page later cannot read them from storage, and closing or reloading the tab
 * ends the console session. The access token is refreshed through POST /api/v1/auth/refresh (rotation) when
 * it is about to expire or when a call answers 401.
 */
export const API = '/api/v1';

interface Tokens {
  access: string;
  refresh: string;
  expiresAt: number;
}

let tokens: Tokens | undefined;
let refreshing: Promise<boolean> | undefined;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { title?: string; detail?: string; code?: string } | undefined,
  ) {
    super(body?.detail ?? body?.title ?? `HTTP ${status}`);
  }
}

function store(pair: { access_token: string; refresh_token: string; expires_in: number }): void {
  tokens = { access: pair.access_token, refresh: pair.refresh_token, expiresAt: Date.now() + pair.expires_in * 1000 };
}

export function signedIn(): boolean {
  return tokens !== undefined;
}

export function clear(): void {
  tokens = undefined;
}

async function parse(response: Response): Promise<unknown> {
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

export async function login(email: string, password: string): Promise<void> {
  const response = await fetch(`${API}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await parse(response);
  if (!response.ok) throw new ApiError(response.status, body as never);
  store(body as never);
}

async function refresh(): Promise<boolean> {
  const current = tokens;
  if (!current) return false;
  refreshing ??= (async () => {
    try {
      const response = await fetch(`${API}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: current.refresh }),
      });
      if (!response.ok) {
        clear();
        return false;
      }
      store((await parse(response)) as never);
      return true;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

export async function logout(): Promise<void> {
  const current = tokens;
  clear();
  if (current) {
    await fetch(`${API}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${current.access}` },
      body: JSON.stringify({ refresh_token: current.refresh }),
    }).catch(() => undefined);
  }
}

/** A JSON call to the API with the access token; refreshes once on expiry or 401. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  if (tokens && tokens.expiresAt - Date.now() < 30_000) await refresh();
  const send = () =>
    fetch(`${API}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(tokens ? { authorization: `Bearer ${tokens.access}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  let response = await send();
  if (response.status === 401 && (await refresh())) response = await send();
  const body = await parse(response);
  if (!response.ok) throw new ApiError(response.status, body as never);
  return body as T;
}
