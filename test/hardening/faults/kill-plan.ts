import { Random } from '../../../src/demo/random.js';
import type { CliChild, Step, StepLine } from './cli-child.js';

/**
 * Where a kill is aimed: a step that `run --verbose` announces, then a
 * random delay; or, for `anytime`, only a delay after the start.
 */
export type KillTarget = 'inventory' | 'ingest' | 'merge' | 'report' | 'anytime';

/** Where the process was, by the last step it had printed, when SIGKILL was sent. */
export type KillPhase = 'start' | Step | 'completed';

export interface Kill {
  readonly target: KillTarget;
  readonly phase: KillPhase;
  /** The batch of the last step seen, as `i/n`, for ingest and merge. */
  readonly batch: string | null;
  readonly delayMs: number;
  /** Files of the batches this run had committed before the batch it was killed in. */
  readonly committedBefore: number;
  /** Files of the batch it was killed in; 0 outside batches. */
  readonly batchFiles: number;
}

/**
 * Each cycle of kills aims once at the start and at a random moment, and
 * twice at each of ingest, merge and report, in a shuffled order: even a
 * short loop covers every step.
 */
const DECK: readonly KillTarget[] = [
  'ingest',
  'merge',
  'report',
  'ingest',
  'merge',
  'report',
  'inventory',
  'anytime',
];

/** Longest random delays after the step is seen: within the step, mostly. */
const DELAY_MS: Record<KillTarget, number> = {
  inventory: 150,
  ingest: 250,
  merge: 15,
  report: 150,
  anytime: 2500,
};

/** The steps every loop must have killed a run in, however short. */
export const REQUIRED_PHASES = ['ingest', 'merge', 'report'] as const;

/**
 * Seeded choices of where to kill, so that a failing loop can be replayed
 * by its seed. A required step that a kill missed (the delay outlasted it)
 * is aimed at again, with no delay, until one kill has landed in it.
 */
export class KillPlan {
  private readonly random: Random;
  private deck: KillTarget[] = [];
  private readonly landed = new Set<KillPhase>();
  private retry: KillTarget | null = null;

  constructor(seed: number) {
    this.random = new Random(seed);
  }

  chance(p: number): boolean {
    return this.random.chance(p);
  }

  /**
   * Kills `child` at the next target of the plan, and resolves with where
   * it was; `completed` when it ended before the target came.
   */
  async kill(child: CliChild): Promise<Kill> {
    const retrying = this.retry;
    const target = retrying ?? this.nextTarget();
    const fraction = this.random.next();
    const delayMs = retrying === null ? this.random.int(0, DELAY_MS[target]) : 0;

    const reached = target === 'anytime' ? true : await child.waitForStep(stepOf(target, fraction));
    if (reached !== null) await sleep(delayMs);

    const steps = [...child.steps];
    child.kill();
    const killed = (await child.exit).signal === 'SIGKILL';

    const last = steps.at(-1);
    const phase: KillPhase = killed ? (last?.step ?? 'start') : 'completed';
    this.landed.add(phase);
    const required = REQUIRED_PHASES.find((step) => step === target);
    this.retry = required !== undefined && !this.landed.has(required) ? required : null;

    const inBatch = last?.batch !== null && last !== undefined;
    const merged = steps.filter((s) => s.step === 'merge' && s.batch !== last?.batch);
    return {
      target,
      phase,
      batch: inBatch ? `${last.batch}/${last.batches}` : null,
      delayMs,
      committedBefore: merged.reduce((sum, s) => sum + (s.files ?? 0), 0),
      batchFiles: inBatch ? (last.files ?? 0) : 0,
    };
  }

  private nextTarget(): KillTarget {
    if (this.deck.length === 0) this.deck = this.shuffled(DECK);
    return this.deck.pop() as KillTarget;
  }

  private shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.random.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }
}

/**
 * The step to wait for: for ingest and merge, the batch at `fraction` of
 * the run's batches, which the first batch line tells.
 */
function stepOf(target: Exclude<KillTarget, 'anytime'>, fraction: number) {
  return (step: StepLine): boolean => {
    if (step.step !== target) return false;
    if (step.batch === null || step.batches === null) return true;
    return step.batch === 1 + Math.floor(fraction * step.batches);
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
