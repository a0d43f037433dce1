import { copyFile, mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemo } from '../../../src/demo/generate-demo.js';

/** The demo's flow logs cut into parts: one directory, so one batch of `run`, each. */
export interface FaultInput {
  readonly inventoryDir: string;
  /** Where `run --flow-logs` looks; parts appear in it as `addPart` moves them in. */
  readonly flowLogsDir: string;
  /** How many parts there are, in the order `run` makes batches of them. */
  readonly parts: number;
  /** Moves part `index` into `flowLogsDir`, whole, with its files' times unchanged. */
  addPart(index: number): Promise<void>;
  /** Moves every part not yet added. */
  addAll(): Promise<void>;
}

/** Part directories sort in batch order, as `run` sorts them. */
export function partName(index: number): string {
  return `part-${String(index).padStart(3, '0')}`;
}

/**
 * Writes the seeded demo for `days` days into `dir` and cuts each day's
 * flow log files (three flow logs, one file per hour each, in three
 * formats) into `partsPerDay` parts of consecutive hours, kept aside in
 * `dir/parts` until added. Every run over the same parts makes the same
 * batches, so an interrupted history can be compared with one run over
 * everything.
 */
export async function writeFaultInput(
  dir: string,
  options: { readonly days: number; readonly partsPerDay: number },
): Promise<FaultInput> {
  const demo = await generateDemo({ outDir: join(dir, 'demo'), days: options.days });
  const aside = join(dir, 'parts');
  const flowLogsDir = join(dir, 'flow-logs');
  await mkdir(flowLogsDir, { recursive: true });

  const days = await dayDirectories(demo.flowLogsDir);
  let parts = 0;
  for (const day of days) {
    for (const files of splitByHour(await readdir(day), options.partsPerDay)) {
      const part = join(aside, partName(parts++));
      await mkdir(part, { recursive: true });
      for (const file of files) await copyFile(join(day, file), join(part, file));
    }
  }

  const added = new Set<number>();
  const addPart = async (index: number) => {
    if (added.has(index)) return;
    added.add(index);
    await rename(join(aside, partName(index)), join(flowLogsDir, partName(index)));
  };
  return {
    inventoryDir: demo.inventoryDir,
    flowLogsDir,
    parts,
    addPart,
    addAll: async () => {
      for (let index = 0; index < parts; index++) await addPart(index);
    },
  };
}

/** The demo's folders that hold files, one per day, oldest first. */
async function dayDirectories(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const days = new Set(entries.filter((e) => e.isFile()).map((e) => e.parentPath));
  return [...days].sort();
}

/** File names carry the hour they cover (`_20261123T0600Z_`). */
function splitByHour(names: readonly string[], parts: number): string[][] {
  const hourOf = (name: string) => /_(\d{8}T\d{4}Z)_/.exec(name)?.[1] ?? name;
  const sorted = [...names].sort((a, b) => hourOf(a).localeCompare(hourOf(b)) || (a < b ? -1 : 1));
  const size = Math.ceil(sorted.length / parts);
  return Array.from({ length: parts }, (_, i) => sorted.slice(i * size, (i + 1) * size)).filter(
    (files) => files.length > 0,
  );
}
