// @salesforce/apex/PulseApiController.getJson in the preview: the same-origin /api proxy plays the
// Apex class. Same path rule, same messages, and failures shaped as Apex errors reach a component.
const ALLOWED_PATH = /^\/api\/[A-Za-z0-9._~/-]*(\?[A-Za-z0-9._~=&%-]*)?$/;

export function apexError(message: string): { body: { message: string }; status: number; statusText: string } {
  // An AuraHandledException reaches the component as a 500 whatever the backend answered.
  return { body: { message }, status: 500, statusText: 'Server Error' };
}

/** As the Apex class: a message, or a validation error's list of messages joined with '; '. */
export function backendMessage(body: string): string {
  try {
    const { message } = JSON.parse(body) as { message?: unknown };
    if (Array.isArray(message)) return message.length > 0 ? `: ${message.map(String).join('; ')}` : '';
    return typeof message === 'string' ? `: ${message}` : '';
  } catch {
    return '';
  }
}

export default async function getJson({ path }: { path: string }): Promise<string> {
  if (!ALLOWED_PATH.test(path) || path.includes('..')) throw apexError(`Invalid Pulse API path: ${path}`);
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw apexError(`The Pulse backend could not be reached: ${(error as Error).message}`);
  }
  const body = await response.text();
  if (!response.ok) {
    const status = `${response.status} ${response.statusText}`;
    throw apexError(`The Pulse backend answered ${status} for ${path}${backendMessage(body)}`);
  }
  return body;
}
