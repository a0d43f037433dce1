import { access, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { StaleSgError } from '../errors.js';
import { writeInventory } from './aws-cli-documents.js';
import { DEFAULT_DEMO_SEED, buildDemoAccount } from './demo-account.js';
import { generateTraffic } from './demo-traffic.js';
import { writeFlowLogs } from './write-flow-logs.js';

export interface GenerateDemoOptions {
  readonly outDir: string;
  /** 42 by default; the same seed gives byte-identical text files. */
  readonly seed?: number;
  /** Days of flow logs; 7 by default. */
  readonly days?: number;
  /** Multiplies the traffic; 1 (a few tens of thousands of records) by default. */
  readonly scale?: number;
  /** The end of the last day; 2026-11-30T00:00:00Z by default, never today. */
  readonly endDate?: Date;
}

export interface GenerateDemoResult {
  readonly inventoryDir: string;
  readonly flowLogsDir: string;
  /** Flow log records written, NODATA and SKIPDATA included. */
  readonly records: number;
  /** Flow log files written. */
  readonly files: number;
}

/** Marks a directory as written by the demo, so that a second run may replace it. */
const MARKER = '.stale-sg-demo';

/**
 * Writes the demo: a small AWS account as AWS CLI exports in
 * `<outDir>/inventory/`, and its VPC Flow Logs in the S3 key layout, in mixed
 * formats, in `<outDir>/flow-logs/`. `stale-sg demo` analyses them; the
 * benchmarks use a larger `scale`.
 *
 * A previous demo in `outDir` is replaced; a directory that holds anything
 * else in `inventory/` or `flow-logs/` is left alone, with an error.
 */
export async function generateDemo(options: GenerateDemoOptions): Promise<GenerateDemoResult> {
  const inventoryDir = join(options.outDir, 'inventory');
  const flowLogsDir = join(options.outDir, 'flow-logs');
  await clearPreviousDemo(options.outDir, [inventoryDir, flowLogsDir]);
  await mkdir(options.outDir, { recursive: true });
  await writeFile(
    join(options.outDir, MARKER),
    'Written by stale-sg demo, which may replace it.\n',
  );

  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const account = buildDemoAccount(seed);
  await writeInventory(account, inventoryDir);

  const { days, scale, endDate } = options;
  const hours = generateTraffic(account, { seed, days, scale, endDate });
  const written = await writeFlowLogs(account, hours, flowLogsDir, { seed });

  return { inventoryDir, flowLogsDir, records: written.records, files: written.files.length };
}

async function clearPreviousDemo(outDir: string, dirs: readonly string[]): Promise<void> {
  const used = [];
  for (const dir of dirs) if (!(await isEmptyOrMissing(dir))) used.push(dir);
  if (used.length === 0) return;

  if (!(await exists(join(outDir, MARKER)))) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `${used.join(', ')}: expected an empty directory or one written by stale-sg demo, ` +
        `found other files; choose another directory`,
    );
  }
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
