import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliTo, startCli } from './cli-child.js';
import { writeFaultInput, type FaultInput } from './fault-input.js';
import { KillPlan, REQUIRED_PHASES, type Kill, type KillPhase } from './kill-plan.js';
import {
  brokenReports,
  filesUnder,
  processedFiles,
  runsOf,
  reportOfDuckDb,
} from './store-state.js';

/**
 * `stale-sg run` killed with SIGKILL, again and again, at every step, with
 * new flow log files arriving between kills: the store must end exactly as
 * one uninterrupted run over the same files leaves it.
 *
 * CI runs a short loop; `npm run test:faults` the full one
 * (STALE_SG_FAULT_ITERATIONS=50). STALE_SG_FAULT_SEED replays a loop.
 */
const ITERATIONS = Number(process.env['STALE_SG_FAULT_ITERATIONS'] ?? '8');
const SEED = Number(process.env['STALE_SG_FAULT_SEED'] ?? randomInt(2 ** 31));

/** Each iteration adds two parts (two batches): kills land between batches as well as in them. */
const PARTS_PER_ITERATION = 2;
const PARTS_PER_DAY = 8;
/** A second kill, of the run that would recover from the first, before the clean run. */
const SECOND_KILL_CHANCE = 0.3;

let dir: string;
let input: FaultInput;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-kill-loop-'));
  const days = Math.ceil((ITERATIONS * PARTS_PER_ITERATION) / PARTS_PER_DAY);
  input = await writeFaultInput(dir, { days, partsPerDay: PARTS_PER_DAY });
  await mkdir(join(dir, 'tmp'));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
    join(dir, 'reports'),
    '--formats',
    'json',
    'markdown',
    '--temp-dir',
    join(dir, 'tmp'),
    '--format',
    'json',
    '--verbose',
  ];
}

/** `Run <id>: N new files (...), M already processed, ...` */
function filesOfRun(stderr: string): { fresh: number; processed: number } {
  const match = / (\d+) new files .*?, (\d+) already processed/.exec(stderr);
  if (match === null) throw new Error(`no run summary in: ${stderr}`);
  return { fresh: Number(match[1]), processed: Number(match[2]) };
}

/** What one iteration did: its kills, then what the clean run found. */
interface Iteration {
  readonly kills: readonly Kill[];
  readonly fresh: number;
  readonly processed: number;
}

/** Kills in a merge, by whether the batch had committed: known when one kill precedes a clean run. */
const merges = { rolledBack: 0, committed: 0 };

/**
 * Adds the iteration's parts, kills one run (sometimes two), then runs to
 * the end and checks that the store holds every file present, once.
 */
async function iterate(plan: KillPlan, db: string, index: number): Promise<Iteration> {
  const context = `seed ${SEED}, iteration ${index + 1}`;
  const before = (await filesUnder(input.flowLogsDir)).length;
  for (let p = 0; p < PARTS_PER_ITERATION; p++) {
    await input.addPart(index * PARTS_PER_ITERATION + p);
  }

  const kills = [await plan.kill(startCli(runArgs(db)))];
  if (leftBatches(kills[0]) && plan.chance(SECOND_KILL_CHANCE)) {
    kills.push(await plan.kill(startCli(runArgs(db))));
  }
  // Reports are replaced whole: a kill while writing leaves the old one.
  expect(await brokenReports(join(dir, 'reports')), context).toEqual([]);

  const clean = await runCliTo(runArgs(db));
  expect(clean.code, `${context}: ${clean.stderr}`).toBe(0);
  const { fresh, processed } = filesOfRun(clean.stderr);
  const present = await filesUnder(input.flowLogsDir);
  expect(fresh + processed, context).toBe(present.length);
  expect(Object.keys(await processedFiles(db)), context).toEqual(present);

  // A batch killed in its merge is in the store whole, or not at all.
  const [only] = kills;
  if (kills.length === 1 && only?.phase === 'merge') {
    const committed = processed - before - only.committedBefore;
    expect([0, only.batchFiles], context).toContain(committed);
    merges[committed === 0 ? 'rolledBack' : 'committed']++;
  }
  return { kills, fresh, processed };
}

describe(`stale-sg run killed with SIGKILL (seed ${SEED}, ${ITERATIONS} iterations)`, () => {
  it(
    'ends with the totals and processed files of one uninterrupted run',
    async () => {
      const started = Date.now();
      const plan = new KillPlan(SEED);
      const db = join(dir, 'killed', 'stale-sg.duckdb');
      const kills: Kill[] = [];
      console.log(`kill loop: seed ${SEED} (STALE_SG_FAULT_SEED=${SEED} replays it)`);

      for (let index = 0; index < ITERATIONS; index++) {
        const iteration = await iterate(plan, db, index);
        kills.push(...iteration.kills);
        console.log(
          `iteration ${index + 1}: ${iteration.kills.map(describeKill).join(', ')}; ` +
            `then ${iteration.fresh} new files, ${iteration.processed} already processed`,
        );
      }

      const reference = join(dir, 'reference', 'stale-sg.duckdb');
      const once = await runCliTo(runArgs(reference));
      expect(once.code, once.stderr).toBe(0);
      expect(await processedFiles(db)).toEqual(await processedFiles(reference));
      expect(await reportOfDuckDb(db)).toEqual(await reportOfDuckDb(reference));

      const runs = await runsOf(db);
      expect(runs.filter((run) => run.status === 'running')).toEqual([]);
      expect(runs[0]?.status).toBe('succeeded');

      const perPhase = countPhases(kills);
      const interrupted = runs.filter((run) => run.message === 'interrupted').length;
      const leftovers = (await readdir(join(dir, 'tmp'))).length;
      console.log(
        `kill loop: seed ${SEED}, ${ITERATIONS} iterations, ${kills.length} kills sent, ` +
          `by phase ${JSON.stringify(perPhase)}; in a merge (followed by the clean run) ` +
          `${merges.rolledBack} before its commit, ${merges.committed} after it; ` +
          `${interrupted} runs marked interrupted; ` +
          `${leftovers} staging folders left in --temp-dir; ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      for (const phase of REQUIRED_PHASES) {
        expect(perPhase[phase] ?? 0, `kills during ${phase}`).toBeGreaterThan(0);
      }
    },
    60_000 + ITERATIONS * 20_000,
  );
});

/** Whether a kill may have left batches for the next run to do (and to be killed in). */
function leftBatches(kill: Kill | undefined): boolean {
  return kill !== undefined && !['report', 'notify', 'completed'].includes(kill.phase);
}

function describeKill(kill: Kill): string {
  const batch = kill.batch === null ? '' : ` ${kill.batch}`;
  return kill.phase === 'completed'
    ? `aimed at ${kill.target}, ran to the end`
    : `killed in ${kill.phase}${batch} (+${kill.delayMs} ms)`;
}

function countPhases(kills: readonly Kill[]): Partial<Record<KillPhase, number>> {
  const counts: Partial<Record<KillPhase, number>> = {};
  for (const kill of kills) counts[kill.phase] = (counts[kill.phase] ?? 0) + 1;
  return counts;
}
