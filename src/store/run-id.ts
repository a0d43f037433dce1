import { randomBytes } from 'node:crypto';

/**
 * A new run id: the start time in ISO form and a random suffix, so ids sort
 * by time, never collide, and are safe in an S3 key and a quoted SQL string.
 */
export function newRunId(at: Date): string {
  return `${at.toISOString()}-${randomBytes(4).toString('hex')}`;
}
