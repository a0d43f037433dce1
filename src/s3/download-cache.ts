import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StaleSgError } from '../errors.js';

/**
 * The file that marks a directory as a download cache. Removing the cache
 * removes the directory whole, so a directory that holds anything else
 * (a mistyped `--cache-dir ~`, say) is neither used nor removed.
 */
const MARKER = '.stale-sg-download-cache';

/** Makes `dir` a download cache: new, empty, or a cache already. */
export async function claimCacheDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = await readdir(dir);
  if (entries.length > 0 && !entries.includes(MARKER)) throw notACache(dir);
  await writeFile(
    join(dir, MARKER),
    'Flow logs downloaded by stale-sg, removed when it is done.\n',
  );
}

/** Removes a download cache with everything in it; a directory that is no cache stays. */
export async function removeDownloadCache(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  });
  if (entries === null) return;
  if (entries.length > 0 && !entries.includes(MARKER)) throw notACache(dir);
  await rm(dir, { recursive: true, force: true });
}

/**
 * Where an object is kept: `<dir>/<bucket>/<key>`, so that the files of one
 * S3 folder (one day or hour of one account and region) share a local
 * folder, which is what the pipeline makes a batch of. Segments that a
 * path would read as the folder itself or its parent are renamed, so that
 * no key writes outside the cache.
 */
export function cachePathOf(dir: string, bucket: string, key: string): string {
  return join(dir, bucket, ...key.split('/').map(safeSegment));
}

/**
 * Whether a complete download of this version is already there: a file
 * takes its name only once complete, with the object's size and, as its
 * modification time, the object's LastModified, which an overwrite changes.
 */
export async function isCached(path: string, size: number, lastModified: Date): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile() || info.size !== size) return false;
  return Math.trunc(info.mtimeMs) === lastModified.getTime();
}

function safeSegment(segment: string): string {
  if (segment === '') return '%';
  if (segment === '.' || segment === '..') return segment.replaceAll('.', '%2E');
  return segment;
}

function notACache(dir: string): StaleSgError {
  return new StaleSgError(
    'INVALID_ARGUMENT',
    `${dir} is not empty and is not a stale-sg download cache; choose a new or empty directory`,
  );
}
