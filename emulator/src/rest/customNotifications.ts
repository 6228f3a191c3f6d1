// The Custom Notification standard action: POST /services/data/vXX.X/actions/standard/customNotificationAction
// with { inputs: [{ customNotifTypeId, recipientIds, title, body, targetId | targetPageRef, senderId? }] }
// answers one result per input, in order. The emulator has no bell to ring: it records each sent
// notification (notificationLog.ts), which tests and the preview read through GET /emulator/notifications.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSalesforceId, to18 } from '../org/ids.ts';
import type { NotificationLog } from './notificationLog.ts';
import type { OrgStore } from '../org/store.ts';
import { sendErrors } from './errors.ts';
import type { RestContext } from './context.ts';

const ACTION = 'customNotificationAction';
const SUCCESS_MESSAGE = 'Your custom notification is processed successfully.';
/** Documented caps: title 250 and body 750 characters, up to 500 recipients per notification. */
const MAX_TITLE = 250;
const MAX_BODY = 750;
const MAX_RECIPIENTS = 500;
/** Inputs per request: not documented for this action; the emulator takes as many as a collection. */
const MAX_INPUTS = 200;

interface InputError {
  statusCode: string;
  message: string;
  fields: string[];
}

type ActionResult =
  | { actionName: string; errors: null; isSuccess: true; outputValues: { SuccessMessage: string } }
  | { actionName: string; errors: InputError[]; isSuccess: false; outputValues: null };

const failed = (statusCode: string, message: string, fields: string[] = []): ActionResult => ({
  actionName: ACTION,
  errors: [{ statusCode, message, fields }],
  isSuccess: false,
  outputValues: null,
});

const missing = (name: string) => failed('REQUIRED_FIELD_MISSING', `Missing required input parameter: ${name}`, [name]);

function notificationType(store: OrgStore, id: unknown) {
  if (typeof id !== 'string' || !isSalesforceId(id)) return undefined;
  return store.get('CustomNotificationType', id);
}

/** Validates one input and, when it is good, records the notification. */
function send(store: OrgStore, log: NotificationLog, sentBy: string, input: unknown): ActionResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return failed('JSON_PARSER_ERROR', 'Each input must be a JSON object');
  const { customNotifTypeId, recipientIds, title, body, targetId, targetPageRef, senderId } = input as Record<
    string,
    unknown
  >;
  if (customNotifTypeId === undefined || customNotifTypeId === null || customNotifTypeId === '')
    return missing('customNotifTypeId');
  if (recipientIds === undefined || recipientIds === null) return missing('recipientIds');
  if (typeof title !== 'string' || title === '') return missing('title');
  if (typeof body !== 'string' || body === '') return missing('body');
  const type = notificationType(store, customNotifTypeId);
  if (!type)
    return failed('INVALID_ID_FIELD', `Invalid custom notification type id: ${String(customNotifTypeId)}`, [
      'customNotifTypeId',
    ]);
  const recipients = Array.isArray(recipientIds) ? recipientIds : [recipientIds];
  if (recipients.length === 0) return missing('recipientIds');
  if (recipients.length > MAX_RECIPIENTS)
    return failed('LIMIT_EXCEEDED', `recipientIds: at most ${MAX_RECIPIENTS} recipients`, ['recipientIds']);
  if (title.length > MAX_TITLE)
    return failed('STRING_TOO_LONG', `title: data value too large (max length=${MAX_TITLE})`, ['title']);
  if (body.length > MAX_BODY)
    return failed('STRING_TOO_LONG', `body: data value too large (max length=${MAX_BODY})`, ['body']);
  if ((targetId === undefined || targetId === null) && (targetPageRef === undefined || targetPageRef === null))
    return failed('REQUIRED_FIELD_MISSING', 'You must specify either a targetId or a targetPageRef.', ['targetId']);
  if (targetId != null && (typeof targetId !== 'string' || !isSalesforceId(targetId)))
    return failed('INVALID_ID_FIELD', `Invalid targetId: ${String(targetId)}`, ['targetId']);
  const users: string[] = [];
  for (const recipient of recipients) {
    // Account/Opportunity teams, groups and queues are recipients too in Salesforce; not emulated.
    const user = typeof recipient === 'string' && isSalesforceId(recipient) ? store.get('User', recipient) : undefined;
    if (!user)
      return failed('INVALID_ID_FIELD', `Invalid recipient id (the emulator sends to User ids only): ${recipient}`, [
        'recipientIds',
      ]);
    if (user.IsActive === true && !users.includes(user.Id)) users.push(user.Id);
  }
  log.record({
    sentAt: new Date(store.clock()).toISOString(),
    sentBy,
    customNotifTypeId: type.Id,
    typeDeveloperName: String(type.DeveloperName),
    recipientIds: users,
    senderId: typeof senderId === 'string' ? to18(senderId) : null,
    title,
    body,
    targetId: typeof targetId === 'string' ? to18(targetId) : null,
    targetPageRef: typeof targetPageRef === 'string' ? targetPageRef : null,
  });
  return { actionName: ACTION, errors: null, isSuccess: true, outputValues: { SuccessMessage: SUCCESS_MESSAGE } };
}

/** The action's description (GET), trimmed to what callers look at: its inputs and outputs. */
const DESCRIBE = {
  name: ACTION,
  label: 'Send Custom Notification',
  type: 'CUSTOMNOTIFICATIONACTION',
  inputs: ['customNotifTypeId', 'recipientIds', 'senderId', 'title', 'body', 'targetId', 'targetPageRef'].map(
    (name) => ({ name, required: ['customNotifTypeId', 'recipientIds', 'title', 'body'].includes(name) }),
  ),
  outputs: [{ name: 'SuccessMessage', type: 'STRING' }],
};

/** The REST route (inside /services/data/:version, behind the session check). */
export function customNotificationRoutes(ctx: RestContext, log: NotificationLog) {
  return (scope: FastifyInstance) => {
    scope.get(`/actions/standard/${ACTION}`, async () => DESCRIBE);
    scope.post(`/actions/standard/${ACTION}`, async (request: FastifyRequest, reply: FastifyReply) => {
      const inputs = (request.body as { inputs?: unknown } | null)?.inputs;
      if (!Array.isArray(inputs) || inputs.length === 0)
        return sendErrors(reply, 400, {
          errorCode: 'JSON_PARSER_ERROR',
          message: 'inputs is required: a list of inputs',
        });
      if (inputs.length > MAX_INPUTS)
        return sendErrors(reply, 400, {
          errorCode: 'LIMIT_EXCEEDED',
          message: `inputs: at most ${MAX_INPUTS} inputs per request`,
        });
      const results = inputs.map((input) => send(ctx.store, log, request.session!.userId, input));
      // A request with a failed input answers 400, its body still one result per input.
      return reply.code(results.every((r) => r.isSuccess) ? 200 : 400).send(results);
    });
  };
}
