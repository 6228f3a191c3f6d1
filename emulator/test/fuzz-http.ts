// Raw HTTP for the endpoint fuzzers (node:http, so paths, headers and bodies go out exactly as
// generated, malformed ones included) and the checks every answer must pass.
import http from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export function send(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let status = 0;
    let contentType = '';
    const chunks: Buffer[] = [];
    const finish = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      resolve({ status, contentType, text, json });
    };
    const req = http.request(
      // A connection per request: an answer that closes its connection (431) cannot break the next one.
      { agent: false, hostname, port, method: request.method, path: request.path, headers: request.headers },
      (res) => {
        status = res.statusCode ?? 0;
        contentType = String(res.headers['content-type'] ?? '');
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', finish);
      },
    );
    // Node's client may object to the socket after an early answer to a request still sending its
    // body (a DELETE with a body to a bad URL): the answer already came, so that is the result.
    req.on('error', (error) => (status ? finish() : reject(error)));
    req.end(request.body);
  });
}

/** A V8 stack frame (`at fn (file.ts:12:5)`) anywhere in an answer is a leak of internals. */
const STACK_FRAME = /\bat [^\n]*\(?[^\s()]+:\d+:\d+\)?/;

/** Never a 5xx, never a stack trace: the answer a client gets for anything it sends. */
export function expectHandled(response: RawResponse, request: unknown): void {
  if (response.status >= 500 || response.status < 200 || STACK_FRAME.test(response.text)) {
    throw new Error(`${response.status} ${response.text.slice(0, 500)}\nfor ${JSON.stringify(request).slice(0, 500)}`);
  }
}

/** Salesforce's REST error body: a JSON array of {message, errorCode[, fields]}. */
export function expectRestErrors(response: RawResponse, request: unknown): void {
  expectHandled(response, request);
  if (response.status < 400) return;
  const errors = response.json;
  const ok =
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (e) =>
        e !== null &&
        typeof e === 'object' &&
        typeof (e as { message?: unknown }).message === 'string' &&
        /^[A-Z][A-Z_]*$/.test(String((e as { errorCode?: unknown }).errorCode)),
    );
  if (!ok) throw new Error(`not Salesforce's error shape: ${response.status} ${response.text.slice(0, 300)}`);
}
