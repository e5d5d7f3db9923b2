/**
 * The errors Galley's apps handle, each with a stable `code`. The CLI chooses its exit status and
 * words by the code, the worker decides whether a retry can help by it and writes it into the
 * job's failure reason, and the viewer shows it beside that reason. Codes are matched by value,
 * never by class name, so they survive a worker-thread boundary and a job's trip through Redis,
 * where only plain data travels.
 */

/**
 * Every code, with what it means. A code never changes meaning once published; new ones are
 * added at the end of their group.
 */
export const errorCodes = {
  /** A command-line or request mistake: unknown option, bad value, an output folder under a file. */
  GALLEY_USAGE: 'a command-line mistake',
  /** A named input file, directory or glob does not exist. */
  GALLEY_INPUT_NOT_FOUND: 'no such input',
  /** The input is empty or white space only. */
  GALLEY_INPUT_EMPTY: 'empty input',
  /** The input is over the size limit. */
  GALLEY_INPUT_TOO_LARGE: 'input too large',
  /** The input looks binary (NUL or many control bytes). */
  GALLEY_INPUT_BINARY: 'binary input',
  /** The input is not valid UTF-8 (or not the UTF-16 its byte-order mark announces). */
  GALLEY_INPUT_ENCODING: 'badly encoded input',
  /** The input cannot be read as its format: runaway Markdown, bad front matter, an unknown stage. */
  GALLEY_INPUT_INVALID: 'unreadable input',
  /** A URL could not be fetched: no such host, refused connection, HTTP error, timeout. */
  GALLEY_FETCH_FAILED: 'fetch failed',
  /** A URL may not be fetched: not http(s), or a private or loopback address. */
  GALLEY_FETCH_REFUSED: 'fetch refused',
  /** Redis does not answer. */
  GALLEY_REDIS_UNAVAILABLE: 'Redis unavailable',
  /** A queued job's data does not match the job schema. */
  GALLEY_JOB_INVALID: 'invalid job data',
  /** An article took longer than the time limit. */
  GALLEY_TIME_LIMIT: 'over the time limit',
  /** An article needed more memory than the limit. */
  GALLEY_MEMORY_LIMIT: 'over the memory limit',
  /** Work was cancelled (the worker is closing). */
  GALLEY_CANCELLED: 'cancelled',
  /** Anything else: a bug in Galley. */
  GALLEY_INTERNAL: 'internal error',
} as const;

/** A stable error code, e.g. `GALLEY_INPUT_EMPTY`. */
export type GalleyErrorCode = keyof typeof errorCodes;

/** Codes of refused input: a retry of the same input cannot succeed. */
export type InputErrorCode = Extract<GalleyErrorCode, `GALLEY_INPUT_${string}`>;

/** Codes of a URL that could not or may not be fetched. */
export type FetchErrorCode = 'GALLEY_FETCH_FAILED' | 'GALLEY_FETCH_REFUSED' | 'GALLEY_INPUT_TOO_LARGE';

/**
 * Failures that no retry can fix: the same article, job or limit gives the same answer again.
 * Anything else (a full disk, Redis gone for a moment, a bug) may pass on a later attempt.
 */
const permanentCodes: ReadonlySet<GalleyErrorCode> = new Set<GalleyErrorCode>([
  'GALLEY_USAGE',
  'GALLEY_INPUT_NOT_FOUND',
  'GALLEY_INPUT_EMPTY',
  'GALLEY_INPUT_TOO_LARGE',
  'GALLEY_INPUT_BINARY',
  'GALLEY_INPUT_ENCODING',
  'GALLEY_INPUT_INVALID',
  'GALLEY_FETCH_REFUSED',
  'GALLEY_JOB_INVALID',
  'GALLEY_TIME_LIMIT',
  'GALLEY_MEMORY_LIMIT',
]);

/** Whether a string is one of {@link errorCodes}. */
export function isErrorCode(value: unknown): value is GalleyErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

/** Options for {@link GalleyError}. */
export interface GalleyErrorOptions {
  /** The lower-level error this one explains. */
  cause?: unknown;
}

/** An error whose message is one sentence for the user and whose `code` says what kind it is. */
export class GalleyError extends Error {
  override name = 'GalleyError';
  constructor(
    readonly code: GalleyErrorCode,
    message: string,
    options: GalleyErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** Input no reader can take (empty, binary, badly encoded, too large, unreadable as its format). */
export class InputError extends GalleyError {
  override name = 'InputError';
  declare readonly code: InputErrorCode;
  /** `code` defaults to `GALLEY_INPUT_INVALID`. */
  constructor(message: string, code: InputErrorCode = 'GALLEY_INPUT_INVALID', options: GalleyErrorOptions = {}) {
    super(code, message, options);
  }
}

/** A command-line mistake; `usage` is the command's usage, printed after the message. */
export class UsageError extends GalleyError {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly usage?: string,
    options: GalleyErrorOptions = {},
  ) {
    super('GALLEY_USAGE', message, options);
  }
}

/**
 * A URL that cannot or may not be fetched. The message reads `could not fetch <url>: <reason>`,
 * so it names the URL once and says why in words.
 */
export class FetchError extends GalleyError {
  override name = 'FetchError';
  declare readonly code: FetchErrorCode;
  constructor(
    readonly url: string,
    /** Why, in words: `no such host`, `HTTP 404`, `127.0.0.1 is not a public address`. */
    readonly reason: string,
    code: FetchErrorCode = 'GALLEY_FETCH_FAILED',
    options: GalleyErrorOptions = {},
  ) {
    super(code, `could not fetch ${url}: ${reason}`, options);
  }
}

/** Redis does not answer; the message says how to start it. */
export class RedisUnavailableError extends GalleyError {
  override name = 'RedisUnavailableError';
  constructor(message: string, options: GalleyErrorOptions = {}) {
    super('GALLEY_REDIS_UNAVAILABLE', message, options);
  }
}

/**
 * The Galley code of any thrown value: a {@link GalleyError}'s, or a plain object's `code` when it
 * is a Galley code (an error rebuilt after crossing a thread), else `undefined`.
 */
export function errorCode(error: unknown): GalleyErrorCode | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return isErrorCode(code) ? code : undefined;
}

/** Whether a retry of the same work cannot succeed (see {@link GalleyErrorCode}). */
export function isPermanentError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && permanentCodes.has(code);
}

/**
 * Operating-system error codes in words. Node's messages (`getaddrinfo ENOTFOUND example.org`,
 * `ENOTDIR: not a directory, mkdir '…'`) lead with the code and repeat the path the caller
 * already names; users read the words.
 */
const systemErrorWords: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EEXIST: 'already exists',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links in the path',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up (DNS did not answer)',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed',
  EPROTO: 'the TLS handshake failed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
  HPE_INVALID_CONSTANT: 'the server answered with something that is not HTTP',
};

/**
 * An operating-system or network error in words (`no such host`, `permission denied`), or
 * `undefined` when its code is not one users meet.
 */
export function describeSystemError(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? systemErrorWords[code] : undefined;
}

/**
 * A failure as one line of text for places where only text travels (a BullMQ job's failed
 * reason): the message, then the code in brackets. {@link parseFailureReason} reads it back.
 */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  return code ? `${message} [${code}]` : message;
}

const reasonCode = /\s\[(GALLEY_[A-Z_]+)\]$/;

/** The message and code of a {@link failureReason}; reasons written before codes existed have none. */
export function parseFailureReason(reason: string): { message: string; code?: GalleyErrorCode } {
  const match = reasonCode.exec(reason);
  if (!match || !isErrorCode(match[1])) return { message: reason };
  return { message: reason.slice(0, match.index), code: match[1] };
}
