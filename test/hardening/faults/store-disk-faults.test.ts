import { chmod, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/pipeline/run-pipeline.js';
import { runCliTo, type CliExit } from './cli-child.js';
import { writeFaultInput, type FaultInput } from './fault-input.js';
import {
  diskFull,
  fileSizeLimit,
  mountNamespaceUnavailable,
  readOnlyFileSystem,
  unwritableDirectory,
  type FileSystemFault,
} from './file-system-faults.js';
import { processedFiles, reportOfDuckDb, runsOf } from './store-state.js';

/**
 * A store whose disk fills up, or whose directory is read-only, while
 * `stale-sg run` works: the run fails with a message that names the store
 * and the cause, and the store stays whole, so that the next run, with
 * the disk freed, ends with the totals of a run that never failed.
 */
const unavailable = await mountNamespaceUnavailable();
/** `npm run test:faults`: every case, not only those CI runs. */
const FULL = process.env['STALE_SG_FAULT_ITERATIONS'] !== undefined;

let dir: string;
let input: FaultInput;
let reference: Record<string, unknown>;
let referenceFiles: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-disk-faults-'));
  // `nobody` must read the inputs and the built CLI's paths (see unwritableDirectory).
  await chmod(dir, 0o755);
  input = await writeFaultInput(dir, { days: 1, partsPerDay: 8 });
  await mkdir(join(dir, 'shared', 'tmp'), { recursive: true });

  await input.addPart(0);
  await runPipeline({ ...pipelineInput(), dbPath: join(dir, 'base', 'stale-sg.duckdb') });

  await input.addAll();
  const whole = join(dir, 'reference', 'stale-sg.duckdb');
  await runPipeline({ ...pipelineInput(), dbPath: whole });
  reference = await reportOfDuckDb(whole);
  referenceFiles = await processedFiles(whole);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The run's inputs, for the uninterrupted runs made in this process. */
function pipelineInput() {
  return { inventory: { dir: input.inventoryDir }, flowLogs: [input.flowLogsDir] };
}

function runArgs(db: string): string[] {
  return [
    'run',
    '--inventory',
    input.inventoryDir,
    '--flow-logs',
    input.flowLogsDir,
    '--db',
    db,
    '--report-dir',
    join(dir, 'shared', 'reports'),
    '--temp-dir',
    join(dir, 'shared', 'tmp'),
    '--format',
    'json',
    '--verbose',
  ];
}

async function runOrThrow(db: string): Promise<CliExit> {
  const result = await runCliTo(runArgs(db));
  if (result.code !== 0) throw new Error(`run exited ${result.code}: ${result.stderr}`);
  return result;
}

/** A copy of the base store in a directory of its own. */
async function storeForCase(name: string): Promise<{ storeDir: string; db: string }> {
  const storeDir = join(dir, name);
  await cp(join(dir, 'base'), storeDir, { recursive: true });
  return { storeDir, db: join(storeDir, 'stale-sg.duckdb') };
}

/** The failed run's message, then a normal run, which must finish the work exactly once. */
async function expectRecovery(db: string, failed: CliExit, cause: RegExp): Promise<void> {
  expect(failed.code, failed.stderr).toBe(1);
  const message = failed.stderr
    .split('\n')
    .find(
      (line) =>
        line.startsWith('stale-sg: ') && !/^stale-sg: (inventory|ingest|merge|report)/.test(line),
    );
  console.log(`failed as expected: ${message}`);
  expect(message).toContain(db);
  expect(message).toMatch(cause);

  const after = await runOrThrow(db);
  expect(after.stderr).toMatch(/ \d+ new files/);
  expect(await processedFiles(db)).toEqual(referenceFiles);
  expect(await reportOfDuckDb(db)).toEqual(reference);
  const runs = await runsOf(db);
  expect(runs.map((run) => run.status)).not.toContain('running');
}

/** The steps the failed run got through, for the mid-run cases. */
function mergedBatches(failed: CliExit): number {
  return failed.stderr.split('\n').filter((line) => line.startsWith('stale-sg: merge')).length;
}

describe('a store on a full disk', () => {
  const skip = unavailable === null ? '' : ` (skipped: ${unavailable})`;

  it.skipIf(unavailable !== null)(
    `fails mid-run saying the disk is full, and the next run finishes the work once${skip}`,
    async () => {
      const { storeDir, db } = await storeForCase('full-mid-run');
      // About 8 KiB go to the start of the run, 17 to 20 to each batch's commit.
      const fault = diskFull(storeDir, await scratch('full-mid-run'), 48);

      const failed = await runUnder(fault, db);
      expect(mergedBatches(failed)).toBeGreaterThan(1);
      await expectRecovery(db, failed, /the disk is full: free space on it/);
    },
  );

  // Much like the unwritable directory below; in the full run only.
  it.skipIf(unavailable !== null || !FULL)(
    `fails at the start when no space is left at all${skip}`,
    async () => {
      const { storeDir, db } = await storeForCase('full-at-start');
      const failed = await runUnder(diskFull(storeDir, await scratch('full-at-start'), 0), db);

      expect(mergedBatches(failed)).toBe(0);
      await expectRecovery(db, failed, /the disk is full: free space on it/);
    },
  );

  it('fails mid-run at a file size limit (ulimit -f), and the next run finishes the work once', async () => {
    const { db } = await storeForCase('file-size-limit');
    const failed = await runUnder(fileSizeLimit(48), db);

    expect(mergedBatches(failed)).toBeGreaterThan(1);
    await expectRecovery(db, failed, /file size limit \(ulimit -f\) is reached/);
  });
});

describe('a store in a read-only directory', () => {
  const skip = unavailable === null ? '' : ` (skipped: ${unavailable})`;

  it.skipIf(unavailable !== null)(
    `on a read-only file system: refused at open, saying so${skip}`,
    async () => {
      const { storeDir, db } = await storeForCase('read-only-mount');
      const failed = await runUnder(readOnlyFileSystem(storeDir), db);

      expect(failed.stderr).toContain(`cannot open the store ${db}`);
      await expectRecovery(db, failed, /the file system is read-only/);
    },
  );

  it.skipIf(unavailable !== null)(
    `where the store's directory is to be made: says which directory and why${skip}`,
    async () => {
      const { storeDir } = await storeForCase('read-only-parent');
      const db = join(storeDir, 'new', 'stale-sg.duckdb');
      const failed = await runUnder(readOnlyFileSystem(storeDir), db);

      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(`cannot create the directory ${join(storeDir, 'new')}`);
      expect(failed.stderr).toMatch(/the file system is read-only/);
    },
  );

  it('not writable by the user that runs: fails at the start, and the next run finishes the work once', async () => {
    const { storeDir, db } = await storeForCase('unwritable');
    const shared = ['reports', 'tmp'].map((name) => join(dir, 'shared', name));
    const fault = await unwritableDirectory(storeDir, db, shared);
    let failed: CliExit;
    try {
      failed = await runUnder(fault, db, { HOME: join(dir, 'shared') });
    } finally {
      await fault.restore();
    }

    expect(mergedBatches(failed)).toBe(0);
    await expectRecovery(db, failed, /permission denied: this user must be able to write/);
  });
});

function runUnder(fault: FileSystemFault, db: string, env?: NodeJS.ProcessEnv): Promise<CliExit> {
  return runCliTo(runArgs(db), { wrapper: fault.wrapper, env });
}

async function scratch(name: string): Promise<string> {
  const path = join(dir, 'scratch', name);
  await mkdir(path, { recursive: true });
  return path;
}
