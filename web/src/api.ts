// A small JSON client for the Kembang API. Errors arrive as RFC 9457 problem+json and become
// ApiError. Changes made with the session cookie carry the CSRF token from /api/auth/me.
// Listeners let the app react to 401 (session gone) and 403 (show the forbidden page).
import i18n from 'i18next';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** Seconds, from the Retry-After header (423, 429). */
  readonly retryAfter: number | null;
  /** The problem's stable `type` URI (e.g. …/problems/not-eligible), when the server sent one. */
  readonly type: string | undefined;

  constructor(status: number, title: string, detail?: string, errors: FieldError[] = [], retryAfter: number | null = null, type?: string) {
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.retryAfter = retryAfter;
    this.type = type;
  }
}

/** Status 0: the request never got an answer (offline, server down). */
export const NETWORK_ERROR = 0;

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = (error: ApiError, path: string) => void;
const listeners = new Set<Listener>();
/** Called for every failed call; returns an unsubscribe function. */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The UI's language, so the server's problem titles and validation messages come in it. */
const answerLanguage = () => (i18n.language === 'en' ? 'en' : 'id');

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not tell the listeners (e.g. the login form handles its own 401). */
  quiet?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': answerLanguage() };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(NETWORK_ERROR, 'Network error');
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (response.ok) return data as T;

  const problem = (data ?? {}) as { type?: string; title?: string; detail?: string; errors?: FieldError[] };
  const retry = Number(response.headers.get('retry-after'));
  const error = new ApiError(
    response.status,
    problem.title ?? response.statusText,
    problem.detail,
    Array.isArray(problem.errors) ? problem.errors : [],
    Number.isFinite(retry) && retry > 0 ? retry : null,
    typeof problem.type === 'string' ? problem.type : undefined,
  );
  if (!options.quiet) for (const listener of listeners) listener(error, path);
  throw error;
}

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

export const toApiError = (error: unknown): ApiError => (error instanceof ApiError ? error : new ApiError(NETWORK_ERROR, String(error)));

export interface UploadOptions {
  /** Bytes sent so far and the total, as the browser sends the file. */
  onProgress?(sent: number, total: number): void;
  signal?: AbortSignal;
  /** Statuses whose JSON body is an answer rather than a problem (e.g. an import report on 422). */
  acceptStatuses?: number[];
}

/**
 * POSTs a file as the raw request body (XMLHttpRequest, for upload progress), with the CSRF
 * token. Answers the parsed JSON and the status.
 */
export function upload<T>(path: string, file: Blob, contentType: string, options: UploadOptions = {}): Promise<{ status: number; data: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept-language', answerLanguage());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    const abort = () => xhr.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onerror = () => reject(new ApiError(NETWORK_ERROR, 'Network error'));
    xhr.onload = () => {
      options.signal?.removeEventListener('abort', abort);
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      const ok = (xhr.status >= 200 && xhr.status < 300) || (options.acceptStatuses ?? []).includes(xhr.status);
      if (ok && data !== null) return resolve({ status: xhr.status, data: data as T });
      const problem = (data ?? {}) as { title?: string; detail?: string; errors?: FieldError[] };
      const error = new ApiError(xhr.status, problem.title ?? xhr.statusText, problem.detail, Array.isArray(problem.errors) ? problem.errors : []);
      // A refusal of this upload (e.g. another agency's code) is shown by the page itself;
      // only a lost session concerns the whole app.
      if (xhr.status === 401) for (const listener of listeners) listener(error, path);
      reject(error);
    };
    xhr.send(file);
  });
}
