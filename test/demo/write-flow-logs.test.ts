import { describe, expect, it } from 'vitest';

import { buildDemoAccount } from '../../src/demo/demo-account.js';
import { generateTraffic } from '../../src/demo/demo-traffic.js';
import { writeFlowLogs } from '../../src/demo/write-flow-logs.js';
import { listFiles, withTempDir } from './demo-output.js';

describe('writeFlowLogs', () => {
  it('splits a large hour into files delivered five minutes apart', async () => {
    const account = buildDemoAccount();
    const [hour] = generateTraffic(account, { days: 1, scale: 3 });
    if (hour === undefined) throw new Error('no traffic');

    await withTempDir(async (dir) => {
      const written = await writeFlowLogs(account, [hour], dir, { maxRecordsPerFile: 50 });
      expect(written.records).toBe(hour.records.length);
      expect(await listFiles(dir)).toEqual([...written.files].sort());

      const times = written.files.map((file) => /T(\d{4})Z_/.exec(file)?.[1]);
      expect(new Set(times)).toContain('0000');
      expect(new Set(times)).toContain('0005');
      expect(written.files.length).toBeGreaterThanOrEqual(Math.ceil(hour.records.length / 50));
    });
  });
});
