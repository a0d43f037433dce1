// The results as Markdown tables, printed by the harness and written to
// docs/benchmarks.md.
import { BENCH_COMMANDS } from './bench-commands.mjs';
import {
  formatMiB,
  formatRate,
  formatRatio,
  formatRecords,
  formatSeconds,
  ratiosOf,
  statsOf,
} from './bench-stats.mjs';

const INPUT_NAMES = { gzip: 'gzip text', parquet: 'Parquet' };

export function inputsTable(sizes) {
  const rows = sizes.map(({ inputs }) => [
    inputs.records.toLocaleString('en'),
    inputs.acceptedRecords.toLocaleString('en'),
    String(inputs.files),
    formatMiB(inputs.gzipBytes),
    formatMiB(inputs.parquetBytes),
    inputs.scale.toFixed(1),
  ]);
  return table(
    ['records', 'of them ACCEPT', 'files per format', 'gzip text', 'Parquet', 'demo scale'],
    rows,
  );
}

/** Per size, input and command: median time, records per second, peak memory. */
export function resultsTable(sizes) {
  const rows = [];
  for (const size of sizes) {
    for (const command of BENCH_COMMANDS) {
      const stats = statsOf(size, command.id);
      rows.push([
        formatRecords(size.inputs.records),
        INPUT_NAMES[command.input],
        command.label,
        formatSeconds(stats.seconds),
        formatRate(stats.recordsPerSecond),
        formatMiB(stats.peakRssBytes),
      ]);
    }
  }
  return table(['records', 'input', 'command', 'time (median)', 'records/s', 'peak memory'], rows);
}

export function ratiosTable(sizes) {
  const rows = sizes.map((size) => {
    const ratios = ratiosOf(size);
    return [
      formatRecords(size.inputs.records),
      formatRatio(ratios.analyzeOverGunzip),
      formatRatio(ratios.analyzeOverDuckdb),
      formatRatio(ratios.awkOverAnalyze),
      formatRatio(ratios.parquetOverGzip),
    ];
  });
  return table(
    [
      'records',
      'analyze ÷ gzip limit (gzip text)',
      'analyze ÷ DuckDB limit (Parquet)',
      'awk ÷ analyze (gzip text)',
      'analyze: Parquet ÷ gzip text',
    ],
    rows,
  );
}

/** stale-sg's time and memory against the input size. */
export function scalingTable(sizes) {
  const rows = sizes.map((size) => {
    const gzip = statsOf(size, 'analyze-gzip');
    const parquet = statsOf(size, 'analyze-parquet');
    const perMillion = (stats) => formatSeconds((stats.seconds / size.inputs.records) * 1e6);
    return [
      formatRecords(size.inputs.records),
      formatSeconds(gzip.seconds),
      perMillion(gzip),
      formatMiB(gzip.peakRssBytes),
      formatSeconds(parquet.seconds),
      perMillion(parquet),
      formatMiB(parquet.peakRssBytes),
    ];
  });
  return table(
    [
      'records',
      'gzip text: time',
      'per million records',
      'peak memory',
      'Parquet: time',
      'per million records',
      'peak memory',
    ],
    rows,
  );
}

/** One line per check, with the sizes it held at, and any warning stale-sg printed. */
export function checksList(sizes) {
  const byName = new Map();
  for (const size of sizes) {
    for (const check of size.checks) {
      const label = formatRecords(size.inputs.records);
      const verdict = check.ok ? label : `**not at ${label}**: ${check.detail}`;
      byName.set(check.name, [...(byName.get(check.name) ?? []), verdict]);
    }
  }
  const lines = [...byName].map(([name, verdicts]) => `- ${name}: ${verdicts.join(', ')}`);

  const warnings = sizes.flatMap((size) =>
    Object.entries(size.measurements).flatMap(([id, m]) => m.warnings.map((w) => `${id}: ${w}`)),
  );
  for (const warning of new Set(warnings)) lines.push(`- **${warning}**`);
  return lines.join('\n');
}

export function table(header, rows) {
  const numeric = header.map((_, column) =>
    rows.every((row) => /^[\d.,]+( |x|$)/.test(row[column] ?? '')),
  );
  const rule = numeric.map((right) => (right ? '---:' : '---'));
  const escaped = rows.map((cells) => cells.map((cell) => cell.replaceAll('|', '\\|')));
  return [header, rule, ...escaped].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
