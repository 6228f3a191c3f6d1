// @salesforce/apex/PulseApiController.sendJson in the preview: writes through the same-origin /api
// proxy, with the Apex class's rules (POST/PUT/PATCH/DELETE under /api/alerts/ only) and messages.
import { apexError, backendMessage } from './getJson.ts';

const ALLOWED_PATH = /^\/api\/alerts\/[A-Za-z0-9._~/-]*(\?[A-Za-z0-9._~=&%-]*)?$/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface SendJsonParams {
  method: string;
  path: string;
  body?: string | null;
}

export default async function sendJson({ method, path, body }: SendJsonParams): Promise<string> {
  if (!WRITE_METHODS.has(method)) throw apexError(`Invalid Pulse API method: ${method}`);
  if (!ALLOWED_PATH.test(path) || path.includes('..')) {
    throw apexError(`Invalid Pulse API path for ${method}: ${path}`);
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body != null) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body ?? undefined });
  } catch (error) {
    throw apexError(`The Pulse backend could not be reached: ${(error as Error).message}`);
  }
  const answer = await response.text();
  if (!response.ok) {
    const status = `${response.status} ${response.statusText}`;
    throw apexError(`The Pulse backend answered ${status} for ${path}${backendMessage(answer)}`);
  }
  return answer;
}
