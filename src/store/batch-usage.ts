import type { FlowCounts, RuleUsage } from '../attribution/attribute-flows.js';
import type { UsageEvidence } from '../findings/evidence.js';

/**
 * The usage one batch of flow log sources produced: what a store merges, in
 * one transaction with the record that the batch's sources were processed.
 *
 * What has no day of its own is kept as follows by the DuckDB store:
 * `counts` under the UTC day of `counts.firstStart`, rejected traffic under
 * the day of its `lastSeen`, and ports, peers and overlaps all-time. Batches
 * that do not span days keep these exact per day.
 */
export interface BatchUsage {
  readonly totals: readonly RuleUsage[];
  readonly evidence: UsageEvidence;
  readonly counts: FlowCounts;
}

/** A flow log source (a file or an S3 object) and the version of it that was read. */
export interface SourceVersion {
  /** Absolute path, or `s3://bucket/key`. */
  readonly key: string;
  readonly size: number;
  /** Files: modification time in ms; S3 objects: null. */
  readonly mtimeMs: number | null;
  /** S3 objects: the ETag; files: null. */
  readonly etag: string | null;
}
