import { fetchPulse } from 'c/pulseApi';
import getJson from '@salesforce/apex/PulseApiController.getJson';

jest.mock('@salesforce/apex/PulseApiController.getJson', () => ({ default: jest.fn() }), { virtual: true });

const mockGetJson = jest.mocked(getJson);

describe('c-pulse-api', () => {
  afterEach(() => jest.clearAllMocks());

  it('calls the Apex proxy with the path and parses the body', async () => {
    mockGetJson.mockResolvedValue('{"totals":{"amount":5,"count":1}}');

    await expect(fetchPulse('/api/pipeline/by-stage')).resolves.toEqual({ totals: { amount: 5, count: 1 } });
    expect(mockGetJson).toHaveBeenCalledWith({ path: '/api/pipeline/by-stage' });
  });

  it('passes Apex errors through unchanged', async () => {
    const apexError = { body: { message: 'Invalid Pulse API path' }, status: 500 };
    mockGetJson.mockRejectedValue(apexError);

    await expect(fetchPulse('/nope')).rejects.toBe(apexError);
  });

  it('rejects a body that is not JSON', async () => {
    mockGetJson.mockResolvedValue('<html>Bad gateway</html>');

    await expect(fetchPulse('/api/pipeline/by-stage')).rejects.toThrow(SyntaxError);
  });
});
