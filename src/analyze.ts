import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributeFiles } from './attribution/attribute-files.js';
import type { Attribution } from './attribution/attribute-flows.js';
import { loadInventoryWithLocations } from './aws/group-locations.js';
import { StaleSgError } from './errors.js';
import { ruleVerdicts } from './findings/rule-verdicts.js';
import type { FlowLogFile } from './flow-logs/find-flow-log-files.js';
import {
  resolveFlowLogSources,
  type S3SourceOptions,
} from './pipeline/resolve-flow-log-sources.js';
import type { Inventory } from './inventory/inventory.js';
import { buildReport } from './report/build-report.js';
import type { Report } from './report/report.js';

import { DEFAULT_EPHEMERAL_PORTS, type PortRange } from './attribution/port-range.js';

export { DEFAULT_EPHEMERAL_PORTS, type PortRange };

export interface AnalyzeOptions {
  /** An inventory already loaded, or a directory of AWS CLI exports. */
  readonly inventory: Inventory | { readonly dir: string };
  /** Flow log files or directories (searched recursively), or `s3://bucket/prefix` URLs. */
  readonly flowLogs: readonly string[];
  /** Only records whose start lies in [since, until) count. */
  readonly since?: Date;
  readonly until?: Date;
  /** A rule is used only with a hit within this many days of the window's end. */
  readonly staleAfterDays?: number;
  readonly ephemeralPorts?: PortRange;
  /** Fail on the first malformed line or unreadable file instead of skipping it. */
  readonly strict?: boolean;
  /** Where decompressed flow logs are staged; the system's temporary directory by default. */
  readonly tempDir?: string;
  /** DuckDB's memory limit, such as `512MB` (the default) or `2GB`; past it, work spills to disk. */
  readonly memoryLimit?: string;
  /** How to reach `s3://` locations in `flowLogs`; downloads go to a temporary cache. */
  readonly s3?: Partial<Omit<S3SourceOptions, 'cacheDir'>>;
  /** The report's `generatedAt`; now by default. */
  readonly now?: Date;
  readonly onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/**
 * One stateless analysis: reads the inventory and the flow logs, attributes
 * every accepted request record to the rules that allowed it, and returns the
 * report (schema version 1).
 */
export async function analyze(options: AnalyzeOptions): Promise<Report> {
  const ephemeralPorts = options.ephemeralPorts ?? DEFAULT_EPHEMERAL_PORTS;
  validateOptions(options, ephemeralPorts);

  const { inventory, warnings } =
    'dir' in options.inventory
      ? await loadInventoryWithLocations(options.inventory.dir)
      : { inventory: options.inventory, warnings: [] };

  const tempDir = options.tempDir ?? tmpdir();
  const cacheDir = await mkdtemp(join(tempDir, 'stale-sg-s3-'));
  try {
    const sources = await resolveFlowLogSources(options.flowLogs, {
      s3: { ...options.s3, cacheDir },
      since: options.since,
      until: options.until,
    });
    const files = sources.files.map((pending) => pending.file);
    const since = secondsOf(options.since);
    const until = secondsOf(options.until);

    const { attribution, skipped } = await attributeFiles(inventory, files, {
      since,
      until,
      strict: options.strict === true,
      tempDir,
      memoryLimit: options.memoryLimit,
      ephemeralPorts,
      evidence: false,
      onProgress: progressReporter(files, options.onProgress),
    });

    return reportOfAttribution(inventory, attribution, {
      window: { from: since ?? null, to: until ?? null },
      staleAfterDays: options.staleAfterDays,
      now: options.now,
      sources: {
        files: files.length,
        bytes: sources.bytes,
        skipped: [...sources.failed, ...skipped],
      },
      warnings,
    });
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/**
 * The report of one attribution: verdicts judged at the window's end (the
 * records' own span where the window is open) and the report built from
 * them. Shared by both engines.
 */
export function reportOfAttribution(
  inventory: Inventory,
  attribution: Attribution,
  options: {
    readonly window: { readonly from: number | null; readonly to: number | null };
    readonly staleAfterDays?: number;
    readonly now?: Date;
    readonly sources: Report['sources'];
    readonly warnings: readonly string[];
  },
): Report {
  const window = {
    from: options.window.from ?? attribution.counts.firstStart,
    to: options.window.to ?? attribution.counts.lastEnd,
  };
  const verdicts = ruleVerdicts(inventory, attribution.usage, {
    coveredInterfaces: attribution.coveredInterfaces,
    windowEnd: window.to,
    staleAfterDays: options.staleAfterDays,
  });
  return buildReport({
    inventory,
    attribution,
    verdicts,
    window,
    generatedAt: options.now ?? new Date(),
    sources: options.sources,
    warnings: [...options.warnings],
  });
}

function validateOptions(options: AnalyzeOptions, ephemeralPorts: PortRange): void {
  if (
    options.since !== undefined &&
    options.until !== undefined &&
    options.since >= options.until
  ) {
    throw new StaleSgError('INVALID_ARGUMENT', 'since must be earlier than until');
  }
  if (options.staleAfterDays !== undefined && !(options.staleAfterDays >= 0)) {
    throw new StaleSgError('INVALID_ARGUMENT', 'stale-after must be a number of days, 0 or more');
  }
  const { from, to } = ephemeralPorts;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 65535 || from > to) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `ephemeral ports must be a range within 0-65535, found ${from}-${to}`,
    );
  }
}

/**
 * Record times are whole seconds, so `start >= since` and `start < until`
 * hold exactly when they hold for the bounds rounded up.
 */
function secondsOf(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : Math.ceil(date.getTime() / 1000);
}

function progressReporter(
  files: readonly FlowLogFile[],
  onProgress: AnalyzeOptions['onProgress'],
): ((done: { files: number; bytes: number }) => void) | undefined {
  if (onProgress === undefined) return undefined;
  const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
  return (done) =>
    onProgress({
      filesDone: done.files,
      filesTotal: files.length,
      bytesDone: done.bytes,
      bytesTotal,
    });
}
