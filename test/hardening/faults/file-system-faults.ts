import { spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ways to make the store's directory fail under a child process, without
 * Docker and without touching the machine: each lasts as long as the child.
 *
 * Root ignores file modes, so read-only and full disks are made in a mount
 * namespace of the child's own (`unshare --mount`, with `--map-root-user`
 * for other users, where the kernel allows user namespaces): a tmpfs that
 * is nearly full, or a read-only bind mount. Mounts in such a namespace
 * vanish with its last process, so nothing is left mounted whatever
 * happens to the test.
 */
export interface FileSystemFault {
  /** The command the CLI runs under. */
  readonly wrapper: readonly string[];
}

const IS_ROOT = process.getuid?.() === 0;

/** `unshare` as this user may use it: root may mount; others need a user namespace. */
const UNSHARE = IS_ROOT ? ['unshare', '--mount'] : ['unshare', '--mount', '--map-root-user'];

/**
 * Why mount namespaces cannot be used here, or null when they can: a
 * tmpfs is mounted in one, as the faults below do.
 */
export async function mountNamespaceUnavailable(): Promise<string | null> {
  const probe = await mkdtemp(join(tmpdir(), 'stale-sg-probe-'));
  try {
    const result = await exec([
      ...UNSHARE,
      'sh',
      '-c',
      'mount -t tmpfs -o size=1m stale-sg-probe "$0" && touch "$0/probe"',
      probe,
    ]);
    return result.code === 0
      ? null
      : `\`${UNSHARE.join(' ')}\` cannot mount a tmpfs here: ${result.stderr.trim() || `exit ${result.code}`}`;
  } finally {
    await rm(probe, { recursive: true, force: true });
  }
}

/**
 * The store's directory on a disk with `freeKb` KiB free: a 64 MiB tmpfs
 * filled up to that, holding a copy of the directory, bind-mounted over
 * it. When the child ends, whatever it left there is copied back, as if
 * the disk had been freed: the next, normal run finds the files exactly as
 * the failed one left them.
 */
export function diskFull(storeDir: string, scratchDir: string, freeKb: number): FileSystemFault {
  const script = `
    set -u
    store=$1 small=$2 free=$3
    shift 3
    mount -t tmpfs -o size=64m,mode=0755 stale-sg-full "$small" || exit 97
    cp -a "$store"/. "$small"/ || exit 97
    avail=$(df -k --output=avail "$small" | tail -n 1)
    fallocate -l $(( (avail - free) * 1024 )) "$small/.filler" || exit 97
    mount --bind "$small" "$store" || exit 97
    "$@"
    code=$?
    umount "$store" && rm -f "$small/.filler" || exit 97
    find "$store" -mindepth 1 -delete && cp -a "$small"/. "$store"/ || exit 97
    exit $code`;
  return {
    wrapper: [...UNSHARE, 'bash', '-c', script, 'disk-full', storeDir, scratchDir, String(freeKb)],
  };
}

/** The store's directory bind-mounted read-only: writes fail with EROFS. */
export function readOnlyFileSystem(storeDir: string): FileSystemFault {
  const script =
    'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"';
  return { wrapper: [...UNSHARE, 'sh', '-c', script, 'read-only', storeDir] };
}

/**
 * Files may grow to `kb` KiB, no further (RLIMIT_FSIZE): writes past it
 * fail with EFBIG, as on a full disk. SIGXFSZ, which would kill the
 * process at the first such write, is ignored, and stays ignored across
 * `exec`. Needs no privilege at all.
 */
export function fileSizeLimit(kb: number): FileSystemFault {
  const script = 'trap "" XFSZ && ulimit -f "$1" && shift && exec "$@"';
  return { wrapper: ['bash', '-c', script, 'file-size-limit', String(kb)] };
}

/**
 * The store's directory not writable by the child, its file still is: a
 * store moved under a directory of another user. As root, the child runs
 * as `nobody` (setpriv), which owns the store file, so that the paths it
 * reads must be readable by all; as anyone else, the directory loses its
 * write permission. `restore` undoes it.
 */
export async function unwritableDirectory(
  storeDir: string,
  storeFile: string,
  writableDirs: readonly string[],
): Promise<FileSystemFault & { restore(): Promise<void> }> {
  if (!IS_ROOT) {
    await chmod(storeDir, 0o555);
    return { wrapper: [], restore: () => chmod(storeDir, 0o755) };
  }

  await chown(storeFile, NOBODY, NOBODY);
  for (const dir of writableDirs) {
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o777);
  }
  return {
    wrapper: ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'],
    restore: () => chown(storeFile, 0, 0),
  };
}

const NOBODY = 65534;

function exec(command: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const [program, ...args] = command;
    const child = spawn(program ?? 'false', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ code: null, stderr: error.message }));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
