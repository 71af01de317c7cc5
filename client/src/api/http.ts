// The one fetch wrapper: JSON in and out, typed errors, and the session-expiry retry.
import { session } from './session.ts';

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The workbench's language, so the server answers its messages in it (it sets <html lang>). */
export const uiLanguage = (): string => (typeof document !== 'undefined' && document.documentElement.lang) || 'nl';

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  authRetry?: boolean;
};

async function send(url: string, opts: RequestOptions): Promise<Response> {
  try {
    return await fetch(url, {
      method: opts.method ?? 'GET',
      signal: opts.signal,
      credentials: 'same-origin',
      headers: {
        'accept-language': uiLanguage(),
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'network');
  }
}

export async function api<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  let response = await send(url, opts);
  if (response.status === 401 && opts.authRetry !== false) {
    await session.expired();
    response = await send(url, opts);
  }
  const data = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
  if (!response.ok)
    throw new ApiError(response.status, data?.code ?? `HTTP_${response.status}`, data?.message ?? response.statusText);
  return data as T;
}

export const query = (params: Record<string, string | number | boolean | null | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
