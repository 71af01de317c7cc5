// Raw-body uploads through XHR, because fetch cannot report upload progress.
import { ApiError, uiLanguage } from './http.ts';
import { session } from './session.ts';

export type UploadProgress = { loaded: number; total: number };

function once<T>(
  url: string,
  body: Blob,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<{ status: number; data: T | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept-language', uiLanguage());
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : body.size });
    xhr.onload = () => {
      let data: T | null;
      try {
        data = JSON.parse(xhr.responseText) as T;
      } catch {
        data = null;
      }
      resolve({ status: xhr.status, data });
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** Uploads `body`; after an expired session the upload starts again once the analyst has signed in. */
export async function uploadRaw<T>(
  url: string,
  body: Blob,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  let result = await once<T>(url, body, onProgress, signal);
  if (result.status === 401) {
    await session.expired();
    result = await once<T>(url, body, onProgress, signal);
  }
  if (result.status >= 200 && result.status < 300) return result.data as T;
  const err = result.data as { code?: string; message?: string } | null;
  throw new ApiError(result.status, err?.code ?? `HTTP_${result.status}`, err?.message ?? '');
}
