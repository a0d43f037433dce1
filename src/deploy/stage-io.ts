/**
 * What the deployed state machine passes between its stages, as JSON: the
 * collect stage's output goes to Athena (the query) and, with the query's
 * execution id added, to the merge stage; notify and failure take what the
 * state machine has.
 */

/** The input of a scheduled execution: EventBridge Scheduler's time, ISO 8601. */
export interface ScheduledInput {
  readonly time?: string;
}

export interface CollectOutput {
  /** The run's id in the store's run log. */
  readonly runId: string;
  /** The window of flow logs this run reads, whole UTC days, ISO 8601, end exclusive. */
  readonly since: string;
  readonly until: string;
  /** The attribution query for Athena, in full. */
  readonly queryString: string;
  /** Where the run's inventory tables were uploaded (`s3://bucket/prefix/`). */
  readonly inventoryLocation: string;
}

export interface MergeInput extends CollectOutput {
  readonly queryExecutionId: string;
}

export interface MergeOutput {
  readonly runId: string;
  readonly records: number;
  readonly rules: number;
  /** True when this window was merged before (a retried execution): nothing was added. */
  readonly alreadyMerged: boolean;
  readonly dataScannedBytes: number;
}

export interface NotifyOutput {
  readonly sent: boolean;
  readonly findings: number;
}

/** The failure the state machine caught: Step Functions' `Error` and `Cause`. */
export interface FailureInput {
  readonly Error?: string;
  readonly Cause?: string;
}
