import { reduceErrors } from 'c/ldsUtils';

describe('c-lds-utils', () => {
  describe('reduceErrors', () => {
    it('reads an Apex exception or AuraHandledException', () => {
      const error = {
        body: { message: 'Pulse backend answered 503', exceptionType: 'System.AuraHandledException' },
        status: 500,
        statusText: 'Server Error',
      };
      expect(reduceErrors(error)).toEqual(['Pulse backend answered 503']);
    });

    it('reads an Apex DmlException', () => {
      const error = {
        body: { pageErrors: [{ message: 'Record locked' }], fieldErrors: { Amount: [{ message: 'Too big' }] } },
      };
      expect(reduceErrors(error)).toEqual(['Record locked', 'Too big']);
    });

    it('reads a UI API read error', () => {
      const error = { body: [{ message: 'No access' }, { message: 'Deleted' }] };
      expect(reduceErrors(error)).toEqual(['No access', 'Deleted']);
    });

    it('reads a UI API write error', () => {
      const error = {
        body: {
          message: 'An error occurred',
          output: { errors: [{ message: 'Locked' }], fieldErrors: { Name: [{ message: 'Required' }] } },
        },
      };
      expect(reduceErrors(error)).toEqual(['Locked', 'Required']);
    });

    it('reads a failed fetch', () => {
      expect(reduceErrors(new TypeError('Failed to fetch'))).toEqual(['Failed to fetch']);
    });

    it('reads a bare HTTP response', () => {
      expect(reduceErrors({ status: 502, statusText: 'Bad Gateway' })).toEqual(['Bad Gateway']);
    });

    it('reads a JavaScript error', () => {
      expect(reduceErrors(new SyntaxError('Unexpected token < in JSON'))).toEqual(['Unexpected token < in JSON']);
    });

    it('reads a plain string', () => {
      expect(reduceErrors('Streaming is not available')).toEqual(['Streaming is not available']);
    });

    it('flattens an array, dropping empty and repeated messages', () => {
      const errors = [null, { body: { message: 'Down' } }, new Error('Down'), { statusText: '' }, undefined];
      expect(reduceErrors(errors)).toEqual(['Down']);
    });
  });
});
