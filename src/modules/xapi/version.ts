// Version negotiation: the X-Experience-API-Version request header picks the rule set.
// 1.0.x requests are answered as 1.0.3, 2.0.x as 2.0.0.
import { bad } from './errors.ts';

export type XapiVersion = '1.0.3' | '2.0.0';

export const SUPPORTED_VERSIONS = ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '2.0.0'];

export function negotiateVersion(header: string | string[] | undefined): XapiVersion {
  if (header === undefined) throw bad('The X-Experience-API-Version header is required (e.g. "2.0.0" or "1.0.3").');
  const value = Array.isArray(header) ? header[0] : header;
  const trimmed = value.trim();
  if (/^1\.0(\.\d+)?$/.test(trimmed)) return '1.0.3';
  if (/^2\.0(\.\d+)?$/.test(trimmed)) return '2.0.0';
  throw bad(`X-Experience-API-Version "${value}" is not supported; this LRS speaks ${SUPPORTED_VERSIONS.join(', ')}.`);
}

/** Is a statement's `version` property acceptable under the request's version? */
export function statementVersionAccepted(version: string, rules: XapiVersion): boolean {
  if (/^1\.0(\.\d+)?$/.test(version)) return true;
  return rules === '2.0.0' && /^2\.0(\.\d+)?$/.test(version);
}
