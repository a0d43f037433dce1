import { findFlowLogFiles } from '../flow-logs/find-flow-log-files.js';
import type { SkippedSource } from '../report/report.js';
import { createS3Client } from '../s3/create-s3-client.js';
import { downloadFlowLogObjects } from '../s3/download-flow-log-objects.js';
import { listFlowLogObjects } from '../s3/list-flow-log-objects.js';
import { s3SourceVersion, type S3FlowLogObject } from '../s3/s3-flow-log-object.js';
import type { SourceVersion } from '../store/batch-usage.js';
import { classifySources, fileVersionOf, type PendingFile } from './pending-sources.js';

/** How to reach flow logs in S3. */
export interface S3SourceOptions {
  /** The bucket's region; else the SDK's (AWS_REGION, the profile). */
  readonly region?: string;
  /** Path-style addressing, for S3-compatible servers. */
  readonly forcePathStyle?: boolean;
  /** Where objects are downloaded; kept until the caller cleans up, so a killed run resumes. */
  readonly cacheDir: string;
  /** Only these accounts and regions, judged from the S3 keys. */
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
}

export interface ResolveOptions {
  readonly s3: S3SourceOptions;
  /** Prunes S3 folders outside the window before listing them. */
  readonly since?: Date;
  readonly until?: Date;
  /** Sources a store has processed before; empty for a stateless analysis. */
  readonly processed?: ReadonlyMap<string, SourceVersion>;
  readonly onProgress?: (message: string) => void;
}

export interface ResolvedSources {
  /** New files, local or downloaded, with their source versions. */
  readonly files: readonly PendingFile[];
  readonly unchanged: number;
  readonly changed: readonly string[];
  /** S3 objects that could not be downloaded: not recorded, tried again next time. */
  readonly failed: readonly SkippedSource[];
  readonly bytes: number;
  /** Removes the download cache; call it once the files are no longer needed. */
  cleanup(): Promise<void>;
}

/**
 * Turns `--flow-logs` locations (paths and `s3://bucket/prefix` URLs) into
 * local files to read. S3 objects are listed with pruning by account,
 * region and window, compared with what the store has processed (key and
 * ETag), and only new ones are downloaded.
 */
export async function resolveFlowLogSources(
  locations: readonly string[],
  options: ResolveOptions,
): Promise<ResolvedSources> {
  const processed = options.processed ?? new Map<string, SourceVersion>();
  const paths = locations.filter((location) => !isS3(location));
  const urls = locations.filter(isS3);

  const local = (paths.length > 0 ? await findFlowLogFiles(paths) : []).map((file) => ({
    file,
    version: fileVersionOf(file),
  }));
  const localClasses = classifySources(local, processed);
  if (urls.length === 0)
    return {
      ...localClasses,
      files: localClasses.fresh,
      failed: [],
      bytes: bytesOf(local),
      cleanup: async () => {},
    };

  const client = createS3Client({
    region: options.s3.region,
    forcePathStyle: options.s3.forcePathStyle,
  });
  try {
    const objects = await listAll(client, urls, options);
    const remote = classifySources(
      objects.map((object) => ({ object, version: s3SourceVersion(object) })),
      processed,
    );
    options.onProgress?.(`${remote.fresh.length} new of ${objects.length} flow log objects in S3`);

    const downloaded = await downloadFlowLogObjects(
      client,
      remote.fresh.map((entry) => entry.object),
      { cacheDir: options.s3.cacheDir },
    );
    return {
      files: [...localClasses.fresh, ...downloaded.files],
      unchanged: localClasses.unchanged + remote.unchanged,
      changed: [...localClasses.changed, ...remote.changed],
      failed: downloaded.failed.map((f) => ({ path: f.version.key, reason: f.message })),
      bytes: bytesOf(local) + objects.reduce((sum, object) => sum + object.size, 0),
      cleanup: downloaded.cleanup,
    };
  } finally {
    client.destroy();
  }
}

async function listAll(
  client: ReturnType<typeof createS3Client>,
  urls: readonly string[],
  options: ResolveOptions,
): Promise<S3FlowLogObject[]> {
  const objects: S3FlowLogObject[] = [];
  for (const url of urls) {
    objects.push(
      ...(await listFlowLogObjects(client, {
        url,
        accounts: options.s3.accounts,
        regions: options.s3.regions,
        since: options.since,
        until: options.until,
      })),
    );
  }
  return objects;
}

function isS3(location: string): boolean {
  return location.startsWith('s3://');
}

function bytesOf(files: readonly PendingFile[]): number {
  return files.reduce((sum, pending) => sum + pending.file.size, 0);
}
