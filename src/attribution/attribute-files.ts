import type { DuckDBConnection } from '@duckdb/node-api';
import { withDuckDb } from '../engine/duckdb-session.js';
import { StaleSgError } from '../errors.js';
import type { UsageEvidence } from '../findings/evidence.js';
import type { FlowLogFile } from '../flow-logs/find-flow-log-files.js';
import { ingestFlowLogs } from '../flow-logs/ingest-flow-logs.js';
import type { Inventory } from '../inventory/inventory.js';
import type { SkippedSource } from '../report/report.js';
import { attributeFlows, type Attribution } from './attribute-flows.js';
import { flowPartCount } from './flow-parts.js';
import { FLOWS_TABLE_SQL } from './flow-tables.js';
import { loadInventoryTables } from './inventory-tables.js';
import { readEvidence } from './read-evidence.js';

/**
 * The engine's memory when none is given: the whole process peaked near
 * 0.9 GB on 4 million records with it, where DuckDB's own default (80 % of
 * the machine) let it grow with the input (docs/benchmarks.md).
 */
export const DEFAULT_MEMORY_LIMIT = '512MB';

export interface AttributeFilesOptions {
  /** Unix seconds; records starting outside [since, until) are left out. */
  readonly since?: number;
  readonly until?: number;
  readonly strict: boolean;
  readonly tempDir: string;
  /**
   * DuckDB's memory limit (`512MB`, `2GB`); past it, work spills to
   * `tempDir`. `DEFAULT_MEMORY_LIMIT` if absent: memory stays bounded by
   * this setting, whatever the size of the input.
   */
  readonly memoryLimit?: string;
  readonly ephemeralPorts: { readonly from: number; readonly to: number };
  /** Also read the per-day and per-rule evidence that history and findings need. */
  readonly evidence: boolean;
  readonly onProgress?: (done: { files: number; bytes: number }) => void;
}

export interface FilesAttribution {
  readonly attribution: Attribution;
  readonly evidence: UsageEvidence | null;
  readonly skipped: readonly SkippedSource[];
}

/**
 * Reads flow log files into a fresh in-memory DuckDB and attributes them to
 * the inventory's rules: the engine's one entry point, for a stateless
 * analysis and for each batch of a stored run alike.
 */
export async function attributeFiles(
  inventory: Inventory,
  files: readonly FlowLogFile[],
  options: AttributeFilesOptions,
): Promise<FilesAttribution> {
  const memoryLimit = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
  return withDuckDb({ tempDirectory: options.tempDir, memoryLimit }, async (connection) => {
    try {
      return await attributeInSession(connection, inventory, files, options);
    } catch (error) {
      throw outOfMemoryExplained(error, memoryLimit, files.length) ?? error;
    }
  });
}

async function attributeInSession(
  connection: DuckDBConnection,
  inventory: Inventory,
  files: readonly FlowLogFile[],
  options: AttributeFilesOptions,
): Promise<FilesAttribution> {
  await connection.run(FLOWS_TABLE_SQL);
  const ingest = await ingestFlowLogs(connection, files, options);

  await loadInventoryTables(connection, inventory);
  const parts = { count: await flowPartCount(connection), evidence: options.evidence };
  const attributed = await attributeFlows(connection, options.ephemeralPorts, parts);
  if (options.strict && attributed.counts.malformedRecords > 0) {
    throw new StaleSgError(
      'INVALID_FLOW_LOG',
      `${attributed.counts.malformedRecords} flow log records have an address that is not an IPv4 or IPv6 address`,
    );
  }

  return {
    attribution: withUnreadableLines(attributed, ingest.unreadableLines),
    evidence: options.evidence ? await readEvidence(connection, parts) : null,
    skipped: ingest.skipped,
  };
}

function withUnreadableLines(attribution: Attribution, lines: number): Attribution {
  const { counts } = attribution;
  return {
    ...attribution,
    counts: { ...counts, malformedRecords: counts.malformedRecords + lines },
  };
}

/**
 * DuckDB's out-of-memory error, said in the tool's terms. Past the limit
 * DuckDB spills to the temporary directory, and attribution works on parts
 * of the flows sized to the limit (`flow-parts.ts`), but a limit far too
 * small for the engine's own working memory still runs out.
 */
function outOfMemoryExplained(
  error: unknown,
  memoryLimit: string,
  files: number,
): StaleSgError | undefined {
  if (!(error instanceof Error) || !/^Out of Memory Error/.test(error.message)) return undefined;
  const detail = error.message.split('\n')[0] ?? '';
  return new StaleSgError(
    'OUT_OF_MEMORY',
    `the engine needed more than its memory limit (${memoryLimit}) for ${files} flow log files: ` +
      `raise --memory-limit (such as 2GB), or read fewer days at a time (${detail})`,
    { cause: error },
  );
}
