// CORS with configured origins and the per-user rate limit, through HTTP against the real app.
import { rateLimitTracker } from '../../src/http/rate-limit/rate-limit.module';
import { startAccessStack, type AccessStack } from './access-stack';

const LIGHTNING = 'https://acme.lightning.force.com';
const LIMIT = 5;

describe('CORS and rate limiting', () => {
  let stack: AccessStack;

  beforeAll(async () => {
    stack = await startAccessStack({
      PULSE_CORS_ORIGINS: `${LIGHTNING}, http://localhost:4200`,
      PULSE_RATE_LIMIT_PER_MINUTE: String(LIMIT),
    });
  }, 90_000);

  afterAll(() => stack?.close());

  describe('CORS', () => {
    it('grants a configured origin, with the headers a client needs to revalidate and back off', async () => {
      const token = await stack.userToken('dana.whitfield@pulse.demo');
      const answer = await stack.request('/api/me', { token, headers: { origin: LIGHTNING } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(LIGHTNING);
      expect(answer.headers.get('vary')).toMatch(/origin/i);
      expect(answer.headers.get('access-control-expose-headers')).toMatch(/ETag.*Retry-After/);
      expect(answer.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    });

    it('answers a preflight from a configured origin', async () => {
      const preflight = await stack.request('/api/pipeline/by-stage', {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:4200',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization, if-none-match',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization.*If-None-Match/);
    });

    it('grants no other origin', async () => {
      for (const origin of ['https://evil.example.com', 'https://acme.lightning.force.com.evil.example.com', 'null']) {
        const preflight = await stack.request('/api/me', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'GET' },
        });
        expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });

  describe('rate limit', () => {
    it(`answers 429 with a JSON message and Retry-After after ${LIMIT} requests a minute from one user`, async () => {
      const token = await stack.userToken('marco.alvarez@pulse.demo');
      for (let i = 0; i < LIMIT; i++) {
        const answer = await stack.request('/api/me', { token });
        expect(answer.status).toBe(200);
        expect(answer.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - i - 1));
      }
      // The budget is per user, not per route.
      const over = await stack.request('/api/pipeline/by-stage', { token });
      expect(over.status).toBe(429);
      expect(over.body).toEqual({
        statusCode: 429,
        message: expect.stringMatching(/^Too many requests: at most 5 a minute per user\. Try again in \d+ s\.$/),
      });
      const retryAfter = Number(over.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    it('counts each user on their own, whatever address they come from', async () => {
      const first = await stack.userToken('priya.natarajan@pulse.demo');
      const second = await stack.userToken('ana.souza@pulse.demo');
      for (let i = 0; i < LIMIT; i++) expect((await stack.request('/api/me', { token: first })).status).toBe(200);
      expect((await stack.request('/api/me', { token: first })).status).toBe(429);
      expect((await stack.request('/api/me', { token: second })).status).toBe(200);
      // A fresh token is the same user: still limited.
      const again = await stack.userToken('priya.natarajan@pulse.demo');
      expect((await stack.request('/api/me', { token: again })).status).toBe(429);
    });

    it('never limits /health or /metrics', async () => {
      for (let i = 0; i < LIMIT * 3; i++) {
        expect((await stack.request('/health')).status).toBe(200);
        expect((await stack.request('/metrics')).status).toBe(200);
      }
    });

    it('counts requests without a user by address', () => {
      expect(rateLimitTracker({ ip: '203.0.113.9' })).toBe('ip:203.0.113.9');
      const viewer = { userId: '005A', name: 'A', roleId: null, viewAll: false, ownerIds: ['005A'] };
      expect(rateLimitTracker({ ip: '203.0.113.9', viewer })).toBe('user:005A');
    });
  });
});
