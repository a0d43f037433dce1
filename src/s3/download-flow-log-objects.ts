import type { S3Client } from '@aws-sdk/client-s3';
import { StaleSgError } from '../errors.js';
import { findFlowLogFiles, type FlowLogFile } from '../flow-logs/find-flow-log-files.js';
import type { SourceVersion } from '../store/batch-usage.js';
import { cachePathOf, claimCacheDir, isCached, removeDownloadCache } from './download-cache.js';
import { downloadObject } from './download-object.js';
import { mapConcurrently } from './map-concurrently.js';
import { BUCKET_WIDE_FAILURES, s3FailureKind } from './s3-failure.js';
import { s3SourceVersion, type S3FlowLogObject } from './s3-flow-log-object.js';

export interface DownloadFlowLogOptions {
  /**
   * A directory for the cache alone: new, empty, or a cache left by an
   * earlier call, whose complete files are kept rather than downloaded
   * again. Keep it across an interrupted run so the next run resumes.
   */
  readonly cacheDir: string;
  /** Downloads in flight at once; 8 by default. */
  readonly concurrency?: number;
  /** Tries per object when a download is cut off or corrupt; 3 by default. */
  readonly attempts?: number;
  /** Called as each object is done, downloaded, found in the cache, or failed. */
  readonly onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadProgress {
  readonly done: number;
  readonly failed: number;
  readonly total: number;
  /** Bytes of the objects done so far, and of all of them. */
  readonly bytes: number;
  readonly totalBytes: number;
  readonly key: string;
}

/** A downloaded object: the local file to read, and the S3 version to record as processed. */
export interface DownloadedFlowLog {
  readonly file: FlowLogFile;
  readonly version: SourceVersion;
  readonly object: S3FlowLogObject;
}

/** An object that could not be downloaded; a later call tries it again. */
export interface FailedDownload {
  readonly object: S3FlowLogObject;
  readonly version: SourceVersion;
  /** One line that says what went wrong, and what to fix where the user can. */
  readonly message: string;
}

export interface DownloadedFlowLogs {
  /** In the order of the objects given. */
  readonly files: readonly DownloadedFlowLog[];
  readonly failed: readonly FailedDownload[];
  /** Removes the cache directory with every file in it. */
  cleanup(): Promise<void>;
}

/** Time before trying a cut-off download again, times the attempt. */
const RETRY_DELAY_MS = 200;

type Outcome = { readonly file: DownloadedFlowLog } | { readonly failure: FailedDownload };

/**
 * Downloads flow log objects to a local cache, a bounded number at a time,
 * for the readers of local files. One object that fails (deleted since it
 * was listed, denied by its account's KMS key, cut off three times) is
 * reported in `failed` while the others go on; a failure that every object
 * would meet (no bucket, wrong region, no credentials) rejects the call,
 * once the downloads in flight have settled. Files already complete in the
 * cache are not downloaded again, so a call after an interruption resumes.
 */
export async function downloadFlowLogObjects(
  client: S3Client,
  objects: readonly S3FlowLogObject[],
  options: DownloadFlowLogOptions,
): Promise<DownloadedFlowLogs> {
  await claimCacheDir(options.cacheDir);
  const report = progressReporter(objects, options.onProgress);

  const outcomes = await mapConcurrently(objects, options.concurrency ?? 8, async (object) => {
    const outcome = await fetchOne(client, object, options);
    report(object, 'failure' in outcome);
    return outcome;
  });

  return {
    files: outcomes.flatMap((outcome) => ('file' in outcome ? [outcome.file] : [])),
    failed: outcomes.flatMap((outcome) => ('failure' in outcome ? [outcome.failure] : [])),
    cleanup: () => removeDownloadCache(options.cacheDir),
  };
}

async function fetchOne(
  client: S3Client,
  object: S3FlowLogObject,
  options: DownloadFlowLogOptions,
): Promise<Outcome> {
  const path = cachePathOf(options.cacheDir, object.bucket, object.key);
  const version = s3SourceVersion(object);

  if (!(await isCached(path, object.size, object.lastModified))) {
    const error = await withRetries(() => downloadObject(client, object, path), options.attempts);
    if (error !== null) return { failure: { object, version, message: error.message } };
  }

  const [file] = await findFlowLogFiles([path]);
  if (file === undefined) throw new Error(`${path}: downloaded, then not found`);
  return { file: { file, version, object } };
}

/** Null once the download succeeds; the last error when no try is left or worth making. */
async function withRetries(download: () => Promise<void>, attempts = 3): Promise<Error | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      await download();
      return null;
    } catch (error) {
      const kind = s3FailureKind(error instanceof StaleSgError ? error.cause : error);
      if (BUCKET_WIDE_FAILURES.has(kind)) throw error;
      // Only a transfer can go better the next time; S3's own errors are final.
      if (attempt >= attempts || kind !== 'other') return asError(error);
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
    }
  }
}

function progressReporter(
  objects: readonly S3FlowLogObject[],
  onProgress: DownloadFlowLogOptions['onProgress'],
): (object: S3FlowLogObject, failed: boolean) => void {
  const totalBytes = objects.reduce((sum, object) => sum + object.size, 0);
  let done = 0;
  let failed = 0;
  let bytes = 0;

  return (object, failure) => {
    done++;
    if (failure) failed++;
    bytes += object.size;
    onProgress?.({ done, failed, total: objects.length, bytes, totalBytes, key: object.key });
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
