import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`; may end early when `signal` aborts. Tests pass one that does not wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A timer that is cleared on abort, so that an aborted wait keeps no process alive. */
export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal === undefined ? {} : { signal });
};

/**
 * Waits `ms` with `sleep`, but resolves as soon as `signal` aborts, whether
 * or not `sleep` heeds the signal; the caller then looks at `signal.aborted`.
 */
export function interruptibleSleep(
  ms: number,
  signal: AbortSignal | undefined,
  sleep: Sleep = realSleep,
): Promise<void> {
  if (signal === undefined) return sleep(ms);
  if (signal.aborted) return Promise.resolve();

  return new Promise<void>((resolve, reject) => {
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms, signal)
      .then(resolve, (error: unknown) => (signal.aborted ? resolve() : reject(error)))
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
