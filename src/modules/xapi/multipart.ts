// multipart/mixed (RFC 2046) for statements with attachments: parsing requests and building
// responses. The body is already bounded by the LRS body limit, so it is parsed from a buffer.
import { createHash, randomBytes } from 'node:crypto';
import { bad } from './errors.ts';

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

export function boundaryOf(contentType: string): string {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw bad('multipart/mixed requests need a boundary parameter in Content-Type');
  return boundary;
}

export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  if (pos === -1) throw bad('multipart body: the boundary from Content-Type does not occur in the body');
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    // Skip transport padding and the CRLF after the delimiter.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    else throw bad('multipart body: a boundary line is not followed by a line break');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), pos);
    const nextLf = next === -1 ? body.indexOf(Buffer.concat([Buffer.from('\n'), delimiter]), pos) : -1;
    if (next === -1 && nextLf === -1) throw bad('multipart body: the closing boundary is missing');
    const end = next !== -1 ? next : nextLf;
    const chunk = body.subarray(pos, end);
    let headerEnd = chunk.indexOf('\r\n\r\n');
    let sepLength = 4;
    if (headerEnd === -1) {
      headerEnd = chunk.indexOf('\n\n');
      sepLength = 2;
    }
    let headerText = '';
    let content: Buffer;
    if (chunk.subarray(0, 2).toString() === '\r\n') {
      content = chunk.subarray(2); // no headers
    } else if (headerEnd === -1) {
      throw bad('multipart body: a part has no blank line between its headers and its content');
    } else {
      headerText = chunk.subarray(0, headerEnd).toString('utf8');
      content = chunk.subarray(headerEnd + sepLength);
    }
    const headers: Record<string, string> = {};
    for (const line of headerText.split(/\r?\n/)) {
      if (!line.trim()) continue;
      const colon = line.indexOf(':');
      if (colon <= 0) throw bad(`multipart body: malformed part header "${line.slice(0, 80)}"`);
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: Buffer.from(content) });
    pos = end + (next !== -1 ? 2 : 1);
  }
  return parts;
}

export function sha2Hex(content: Buffer, hexLength: number): string {
  const algorithm = hexLength === 56 ? 'sha224' : hexLength === 96 ? 'sha384' : hexLength === 128 ? 'sha512' : 'sha256';
  return createHash(algorithm).update(content).digest('hex');
}

export interface OutgoingAttachment {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** A multipart/mixed response: the statement JSON first, then each attachment once. */
export function buildMultipart(json: string, attachments: OutgoingAttachment[]): { contentType: string; body: Buffer } {
  const boundary = `kembang-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${json}\r\n`)];
  for (const a of attachments) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Type: ${a.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${a.sha2}\r\n\r\n`),
      a.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
