import { describe, expect, it } from 'vitest';
import {
  FetchError,
  GalleyError,
  InputError,
  RedisUnavailableError,
  UsageError,
  describeSystemError,
  errorCode,
  errorCodes,
  failureReason,
  isPermanentError,
  parseFailureReason,
} from '@galley/document';

describe('error codes', () => {
  it('gives every error type a stable code', () => {
    expect(new InputError('input is empty', 'GALLEY_INPUT_EMPTY').code).toBe('GALLEY_INPUT_EMPTY');
    expect(new InputError('bad front matter').code).toBe('GALLEY_INPUT_INVALID');
    expect(new UsageError('unknown option --jsn').code).toBe('GALLEY_USAGE');
    expect(new RedisUnavailableError('cannot reach Redis').code).toBe('GALLEY_REDIS_UNAVAILABLE');
    const fetchError = new FetchError('https://example.org/a', 'no such host');
    expect(fetchError).toMatchObject({
      code: 'GALLEY_FETCH_FAILED',
      url: 'https://example.org/a',
      reason: 'no such host',
    });
    expect(fetchError.message).toBe('could not fetch https://example.org/a: no such host');
    for (const error of [fetchError, new UsageError('x'), new InputError('x')]) {
      expect(error).toBeInstanceOf(GalleyError);
      expect(error).toBeInstanceOf(Error);
      expect(Object.hasOwn(errorCodes, error.code)).toBe(true);
    }
    // Names stay what they were, for logs and for code that still reads them.
    expect(new InputError('x').name).toBe('InputError');
  });

  it('reads a code from anything thrown, including plain data rebuilt after a thread', () => {
    expect(errorCode(new InputError('x', 'GALLEY_INPUT_BINARY'))).toBe('GALLEY_INPUT_BINARY');
    expect(errorCode({ name: 'InputError', message: 'x', code: 'GALLEY_INPUT_EMPTY' })).toBe('GALLEY_INPUT_EMPTY');
    expect(errorCode(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBeUndefined();
    expect(errorCode(undefined)).toBeUndefined();
    expect(errorCode('GALLEY_USAGE')).toBeUndefined();
  });

  it('tells failures a retry cannot fix from those it may', () => {
    expect(isPermanentError(new InputError('x', 'GALLEY_INPUT_EMPTY'))).toBe(true);
    expect(isPermanentError(new GalleyError('GALLEY_TIME_LIMIT', 'x'))).toBe(true);
    expect(isPermanentError(new FetchError('u', 'refused', 'GALLEY_FETCH_REFUSED'))).toBe(true);
    expect(isPermanentError(new FetchError('u', 'no such host'))).toBe(false);
    expect(isPermanentError(new RedisUnavailableError('x'))).toBe(false);
    expect(isPermanentError(Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toBe(false);
  });

  it('carries the code through a failure reason and back', () => {
    const reason = failureReason(new InputError('input is empty (nothing but white space)', 'GALLEY_INPUT_EMPTY'));
    expect(reason).toBe('input is empty (nothing but white space) [GALLEY_INPUT_EMPTY]');
    expect(parseFailureReason(reason)).toEqual({
      message: 'input is empty (nothing but white space)',
      code: 'GALLEY_INPUT_EMPTY',
    });
    expect(failureReason(new Error('stage broke'))).toBe('stage broke');
    expect(parseFailureReason('stage broke [NOT_A_CODE]')).toEqual({ message: 'stage broke [NOT_A_CODE]' });
  });

  it('puts operating-system errors in words', () => {
    expect(describeSystemError(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }))).toBe(
      'no such host',
    );
    expect(describeSystemError({ code: 'ENOTDIR' })).toBe('a part of the path is a file, not a folder');
    expect(describeSystemError({ code: 'EWHATEVER' })).toBeUndefined();
    expect(describeSystemError(null)).toBeUndefined();
  });
});
