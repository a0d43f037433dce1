/**
 * How many runs a property gets: `base`, times STALE_SG_FUZZ_SCALE when set
 * (STALE_SG_FUZZ_SCALE=20 searches twenty times longer; CI keeps 1).
 */
export function fuzzRuns(base: number): number {
  const scale = Number(process.env['STALE_SG_FUZZ_SCALE'] ?? 1);
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
