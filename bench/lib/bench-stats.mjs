// The figures reported from the raw measurements, and how they are printed.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * A command's figures at one size: the median time, the records per second
 * at that time, and the highest peak memory of its runs.
 */
export function statsOf(size, id) {
  const measured = size.measurements[id];
  const seconds = median(measured.seconds);
  return {
    seconds,
    recordsPerSecond: size.inputs.records / seconds,
    peakRssBytes: Math.max(...measured.peakRssBytes),
    runs: measured.seconds.length,
  };
}

/** The ratios the goals are stated in, at one size. */
export function ratiosOf(size) {
  const time = (id) => statsOf(size, id).seconds;
  return {
    analyzeOverGunzip: time('analyze-gzip') / time('gunzip-limit'),
    analyzeOverDuckdb: time('analyze-parquet') / time('duckdb-limit'),
    awkOverAnalyze: time('awk') / time('analyze-gzip'),
    parquetOverGzip: time('analyze-parquet') / time('analyze-gzip'),
  };
}

export function formatSeconds(seconds) {
  return seconds < 10 ? `${seconds.toFixed(2)} s` : `${seconds.toFixed(1)} s`;
}

export function formatRate(perSecond) {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  return `${Math.round(perSecond / 1e3)} k/s`;
}

export function formatMiB(bytes) {
  return `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MiB`;
}

export function formatRecords(records) {
  if (records >= 1e6) return `${(records / 1e6).toFixed(records >= 1e7 ? 0 : 1)} M`;
  return `${Math.round(records / 1e3)} k`;
}

export function formatRatio(ratio) {
  return `${ratio.toFixed(ratio >= 10 ? 1 : 2)}x`;
}

/** Parses `1M`, `200k`, `1.5M` or `250000` into a count. */
export function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (match === null) {
    throw new Error(`--sizes: expected sizes such as 200k, 1M or 16M, found "${text}"`);
  }
  const unit = { '': 1, k: 1e3, m: 1e6 }[match[2].toLowerCase()];
  const records = Math.round(Number(match[1]) * unit);
  if (records < 1000) throw new Error(`--sizes: ${text} is too small; use 1k or more`);
  return records;
}
