// The goals, judged only from what was measured: a goal at a size
// that was not run is "not measured", never guessed.
import {
  formatMiB,
  formatRatio,
  formatRecords,
  formatSeconds,
  ratiosOf,
  statsOf,
} from './bench-stats.mjs';

const GIB = 2 ** 30;
const MEMORY_GOAL_RECORDS = 100e6;

/**
 * One line per goal: met, missed, or not measured, and by how much. `rerun`
 * is the figure of the scheduled-run benchmark already in the document, if
 * found there; `memoryAnchor`, the heading of a separate 100M measurement in
 * the document, if there is one.
 */
export function goalsList(sizes, rerun, memoryAnchor) {
  return [
    decompressionGoal(sizes),
    awkGoal(sizes),
    parquetGoal(sizes),
    memoryGoal(sizes, memoryAnchor),
    rerunGoal(rerun),
  ].join('\n');
}

function decompressionGoal(sizes) {
  return perSize(
    sizes,
    'End-to-end `analyze` on gzip text within 2.0x the parallel decompression time',
    (size) => {
      const ratio = ratiosOf(size).analyzeOverGunzip;
      const analyze = statsOf(size, 'analyze-gzip').seconds;
      const gunzip = statsOf(size, 'gunzip-limit').seconds;
      return {
        met: ratio <= 2,
        text: `${formatRatio(ratio)} (${formatSeconds(analyze)} against ${formatSeconds(gunzip)})`,
        gap: `analyze would have to be ${formatRatio(ratio / 2)} faster`,
      };
    },
  );
}

function awkGoal(sizes) {
  return perSize(sizes, '`analyze` at least 2x faster than the awk pipeline', (size) => {
    const ratio = ratiosOf(size).awkOverAnalyze;
    const analyze = formatSeconds(statsOf(size, 'analyze-gzip').seconds);
    const awk = formatSeconds(statsOf(size, 'awk').seconds);
    const text =
      ratio >= 1
        ? `analyze ${formatRatio(ratio)} faster (${analyze} against ${awk})`
        : `analyze ${formatRatio(1 / ratio)} slower (${analyze} against ${awk})`;
    return {
      met: ratio >= 2,
      text,
      gap: `analyze would have to be ${formatRatio(2 / ratio)} faster`,
    };
  });
}

function parquetGoal(sizes) {
  return perSize(sizes, '`analyze` faster on Parquet than on gzip text', (size) => {
    const parquet = statsOf(size, 'analyze-parquet').seconds;
    const gzip = statsOf(size, 'analyze-gzip').seconds;
    const change = Math.round(Math.abs(1 - parquet / gzip) * 100);
    const text = `${formatSeconds(parquet)} against ${formatSeconds(gzip)}, ${change} % ${parquet < gzip ? 'less' : 'more'}`;
    return { met: parquet < gzip, text, gap: 'Parquet would have to be faster than gzip text' };
  });
}

/**
 * A goal judged at every size: met, missed, or both; the figure at each
 * size; and, if missed at the largest, how far it is from the goal there.
 */
function perSize(sizes, goal, judge) {
  const judged = sizes.map((size) => ({ size, ...judge(size) }));
  const verdict = judged.every((j) => j.met)
    ? 'met'
    : judged.every((j) => !j.met)
      ? 'missed'
      : 'met at some sizes, missed at others';
  const details = judged.map((j) => `${formatRecords(j.size.inputs.records)}: ${j.text}`);
  const largest = judged.at(-1);
  const gap = largest.met
    ? ''
    : ` To meet it at ${formatRecords(largest.size.inputs.records)}, ${largest.gap}.`;
  return `- ${goal}: **${verdict}**. ${details.join('; ')}.${gap}`;
}

function memoryGoal(sizes, memoryAnchor) {
  const goal = 'Peak memory of `analyze` under 1 GiB at 100 million records';
  const at100M = sizes.find((size) => size.inputs.records >= 0.9 * MEMORY_GOAL_RECORDS);
  const peaks = (size) =>
    Math.max(
      statsOf(size, 'analyze-gzip').peakRssBytes,
      statsOf(size, 'analyze-parquet').peakRssBytes,
    );

  if (at100M !== undefined) {
    const peak = peaks(at100M);
    const verdict = peak < GIB ? 'met' : 'missed';
    return `- ${goal}: **${verdict}**: ${formatMiB(peak)} at ${formatRecords(at100M.inputs.records)} (the higher of gzip text and Parquet).`;
  }
  const largest = sizes.at(-1);
  const peak = peaks(largest);
  const over = sizes.find((size) => peaks(size) >= GIB);
  const already =
    over === undefined
      ? ''
      : ` It is already above 1 GiB at ${formatRecords(over.inputs.records)} records.`;
  return (
    `- ${goal}: **not measured** in this run. At the largest size run, ` +
    `${formatRecords(largest.inputs.records)} records, the peak was ${formatMiB(peak)}.` +
    `${already} Run \`--sizes 100M\` to judge it` +
    (memoryAnchor === undefined ? '.' : `, or see [a separate measurement](#${memoryAnchor}).`)
  );
}

function rerunGoal(rerun) {
  const goal = 'A scheduled run with nothing new over 10,000 files under 2 s';
  const where = 'see [A scheduled run with nothing new](#a-scheduled-run-with-nothing-new)';
  if (rerun === undefined) {
    return `- ${goal}: not measured by this harness; \`bench/rerun-nothing-new.mjs\` measures it (${where}).`;
  }
  const verdict = rerun < 2 ? 'met' : 'missed';
  return (
    `- ${goal}: **${verdict}** when last measured, by \`bench/rerun-nothing-new.mjs\`, not by this ` +
    `harness: ${formatSeconds(rerun)} (${where}).`
  );
}
