// `npm start -w preview`: serves the built preview against a local backend, with a token for
// PREVIEW_USERNAME from the emulator.
import { fileURLToPath } from 'node:url';
import { emulatorAuthorization } from './emulator-token.ts';
import { startMailCapture } from './mail-capture.ts';
import { startPreviewServer } from './server.ts';

/** The variable's value, or its default; exits naming the variable when neither is there. */
function env(name: string, fallback?: string): string {
  const value = process.env[name] || fallback;
  if (!value) {
    console.error(`preview: ${name} is required`);
    process.exit(1);
  }
  return value;
}

const port = Number(env('PREVIEW_PORT', '4200'));
if (!Number.isInteger(port)) {
  console.error(`preview: PREVIEW_PORT must be a port number, not ${process.env.PREVIEW_PORT}`);
  process.exit(1);
}
const smtpPort = Number(env('PREVIEW_SMTP_PORT', '2525'));
if (!Number.isInteger(smtpPort)) {
  console.error(`preview: PREVIEW_SMTP_PORT must be a port number, not ${process.env.PREVIEW_SMTP_PORT}`);
  process.exit(1);
}
// The demo's mailbox: the backend sends alert e-mail here (PULSE_SMTP_URL=smtp://127.0.0.1:<port>).
const mailCapture = await startMailCapture({ port: smtpPort });
const emulatorUrl = env('EMULATOR_URL', 'http://localhost:4100');
const server = await startPreviewServer({
  port,
  backendUrl: env('BACKEND_URL', 'http://localhost:3000'),
  authorization: emulatorAuthorization({
    emulatorUrl,
    // The emulator user whose data the preview shows.
    username: env('PREVIEW_USERNAME'),
  }),
  previewDir: fileURLToPath(new URL('..', import.meta.url)),
  mailCapture,
  emulatorUrl,
});
console.log(`preview: listening on ${server.url}; capturing alert e-mail on smtp://127.0.0.1:${mailCapture.port}`);

// Ctrl-C reaches every process of the tree, and npm start then sends SIGTERM too: close once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void Promise.all([server.close(), mailCapture.close()]).then(() => process.exit(0));
  });
}
