import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generateDemo } from '../../src/demo/generate-demo.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import type { StoredReport } from '../../src/pipeline/stored-report.js';

/**
 * A real StoredReport: the demo account with 3 days of flow logs (to stay
 * fast), run through the whole pipeline into a DuckDB store. Everything it
 * writes lives in a temporary directory that is gone when this returns.
 */
export async function demoStoredReport(): Promise<StoredReport> {
  const dir = await mkdtemp(join(tmpdir(), 'stale-sg-report-'));
  try {
    const demo = await generateDemo({ outDir: join(dir, 'demo'), days: 3 });
    const { report } = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [demo.flowLogsDir],
      dbPath: join(dir, 's.duckdb'),
    });
    return report;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
