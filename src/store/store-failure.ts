import { isStaleSgError, StaleSgError } from '../errors.js';

/**
 * Failures of the file system under the store that the user, not stale-sg,
 * has to fix. DuckDB's I/O errors end with the operating system's words
 * (`Could not write file "x.wal": No space left on device`); Node's carry
 * the code.
 */
const FILE_SYSTEM_CAUSES: readonly (readonly [RegExp, string])[] = [
  [
    /No space left on device|Disk quota exceeded|ENOSPC|EDQUOT/,
    'the disk is full: free space on it and run again',
  ],
  [/File too large|EFBIG/, 'the file size limit (ulimit -f) is reached: raise it and run again'],
  [
    /Read-only file system|EROFS/,
    'the file system is read-only: make it writable or choose another store',
  ],
  [
    /Permission denied|EACCES|EPERM/,
    'permission denied: this user must be able to write the store and its directory',
  ],
];

/**
 * Wraps a DuckDB error as STORE_FAILURE, saying what the store was doing
 * and, for a full disk or a read-only directory, what to fix; a
 * StaleSgError (already phrased for the user) passes through unchanged.
 */
export function storeFailure(error: unknown, doing: string): StaleSgError {
  if (isStaleSgError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StaleSgError('STORE_FAILURE', `${doing}: ${explainFileSystem(message)}`, {
    cause: error,
  });
}

/** The message with what to fix in front, when a file system cause is named in it. */
export function explainFileSystem(message: string): string {
  const cause = FILE_SYSTEM_CAUSES.find(([pattern]) => pattern.test(message))?.[1];
  return cause === undefined ? message : `${cause} (${message})`;
}
