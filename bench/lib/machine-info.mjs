// What the figures were measured on: the machine, the tools' versions, and
// the state of the code.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

import { DuckDBInstance } from '@duckdb/node-api';

import { MAIN_DIR } from './bench-commands.mjs';

export async function machineInfo() {
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    node: process.version,
    duckdb: await duckdbVersion(),
    nodeApi: packageVersion('@duckdb/node-api'),
    awk: firstLine('awk', ['-W', 'version']) ?? firstLine('awk', ['--version']),
    gzip: firstLine('gzip', ['--version']),
    loadAverage: loadavg()[0],
    commit: gitState(),
  };
}

function cpuModel() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? 'unknown CPU';
}

async function duckdbVersion() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT version() AS version');
    return String(reader.getRowObjects()[0]?.version);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function packageVersion(name) {
  const path = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')).version;
}

function firstLine(command, args) {
  try {
    const output = execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return output.split('\n')[0].trim();
  } catch {
    return undefined;
  }
}

/** The commit, and whether src/ differs from it: the figures measure the working tree. */
function gitState() {
  try {
    const git = (...args) =>
      execFileSync('git', args, {
        cwd: MAIN_DIR,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const changed = git('status', '--porcelain', '--', 'src').length > 0;
    return changed ? `${commit} with uncommitted changes in src/` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
