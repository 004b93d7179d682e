// Errors of the LRS. The xAPI specification fixes the status codes (400, 401, 403, 404, 409,
// 412, 413, 429…) but not the body; ours is problem+json whose detail names the problem.
export class XapiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

export const bad = (message: string) => new XapiError(400, message);
export const notFound = (message: string) => new XapiError(404, message);
export const conflict = (message: string) => new XapiError(409, message);
export const preconditionFailed = (message: string) => new XapiError(412, message);
export const unauthorized = (message: string) => new XapiError(401, message, { 'www-authenticate': 'Basic realm="Kembang LRS", charset="UTF-8"' });
export const forbidden = (message: string) => new XapiError(403, message);
