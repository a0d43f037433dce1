import type { AthenaClient } from '@aws-sdk/client-athena';
import type { S3Client } from '@aws-sdk/client-s3';
import { reportOfAttribution } from '../analyze.js';
import { DEFAULT_EPHEMERAL_PORTS, type PortRange } from '../attribution/port-range.js';
import { loadInventoryWithLocations } from '../aws/group-locations.js';
import { StaleSgError } from '../errors.js';
import type { Report } from '../report/report.js';
import { attributeWithAthena, type AthenaEngineOptions } from './attribute-with-athena.js';

export interface AnalyzeWithAthenaOptions extends AthenaEngineOptions {
  readonly inventoryDir: string;
  /** Athena reads only this window's partitions, so both ends are required. */
  readonly since: Date;
  readonly until: Date;
  readonly staleAfterDays?: number;
  readonly ephemeralPorts?: PortRange;
  readonly now?: Date;
}

export interface AthenaAnalysis {
  readonly report: Report;
  readonly queryExecutionId: string;
  readonly dataScannedBytes: number;
  readonly costUsd: number;
}

/**
 * `stale-sg analyze --engine athena`: the same report as the DuckDB engine
 * gives, with the flow logs scanned by Athena through the Glue table. The
 * report's `sources.bytes` is what Athena scanned.
 */
export async function analyzeWithAthena(
  clients: { readonly athena: AthenaClient; readonly s3: S3Client },
  options: AnalyzeWithAthenaOptions,
): Promise<AthenaAnalysis> {
  if (options.since >= options.until) {
    throw new StaleSgError('INVALID_ARGUMENT', 'since must be earlier than until');
  }
  const { inventory, warnings } = await loadInventoryWithLocations(options.inventoryDir);
  const window = { since: options.since, until: options.until };
  const result = await attributeWithAthena(
    clients,
    inventory,
    window,
    options.ephemeralPorts ?? DEFAULT_EPHEMERAL_PORTS,
    options,
  );

  const report = reportOfAttribution(inventory, result.attribution, {
    window: {
      from: Math.ceil(options.since.getTime() / 1000),
      to: Math.ceil(options.until.getTime() / 1000),
    },
    staleAfterDays: options.staleAfterDays,
    now: options.now,
    sources: { files: 0, bytes: result.dataScannedBytes, skipped: [] },
    warnings,
  });
  return {
    report,
    queryExecutionId: result.queryExecutionId,
    dataScannedBytes: result.dataScannedBytes,
    costUsd: result.costUsd,
  };
}
