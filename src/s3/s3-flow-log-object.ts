import type { _Object } from '@aws-sdk/client-s3';
import type { SourceVersion } from '../store/batch-usage.js';
import type { FlowLogKeyParts, FlowLogKeyStyle } from './flow-log-key-layout.js';
import { s3Url } from './parse-s3-url.js';

/** A flow log file in S3, with what its key tells about it. */
export interface S3FlowLogObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** As S3 lists it, without the quotes around it. */
  readonly etag: string;
  readonly lastModified: Date;
  /** Null for keys outside the delivery layouts (copied files, say): nothing is known. */
  readonly style: FlowLogKeyStyle | null;
  readonly account: string | null;
  readonly region: string | null;
  /** `yyyy-mm-dd`, UTC: the day the file was written. */
  readonly day: string | null;
  /** With per-hour partitions, 0 to 23. */
  readonly hour: number | null;
}

/**
 * Names of flow log files: AWS delivers `.log.gz` and `.log.parquet`; the
 * same names as a local directory is read with, so that folder markers and
 * `aws-logs-write-test` objects are left out.
 */
const FLOW_LOG_NAME = /\.(log|log\.gz|gz|parquet)$/i;

/** The object as listed, when its name is that of a flow log file. */
export function flowLogObject(
  bucket: string,
  listed: _Object,
  parts: FlowLogKeyParts | null,
): S3FlowLogObject | null {
  const { Key: key, Size: size, ETag: etag } = listed;
  if (key === undefined || !FLOW_LOG_NAME.test(key)) return null;

  return {
    bucket,
    key,
    size: size ?? 0,
    etag: unquote(etag ?? ''),
    lastModified: listed.LastModified ?? new Date(0),
    style: parts?.style ?? null,
    account: parts?.account ?? null,
    region: parts?.region ?? null,
    day: parts?.day ?? null,
    hour: parts?.hour ?? null,
  };
}

/**
 * The version of an object that the store records as processed: the same
 * key and ETag next time means the same content, so it is skipped before
 * it is downloaded again.
 */
export function s3SourceVersion(object: S3FlowLogObject): SourceVersion {
  return {
    key: s3Url(object.bucket, object.key),
    size: object.size,
    mtimeMs: null,
    etag: object.etag,
  };
}

/** S3 puts ETags in double quotes, in listings and in headers alike. */
export function unquote(etag: string): string {
  return etag.replace(/^"(.*)"$/, '$1');
}
