import type { ProgressEvent } from '../analyze.js';

/**
 * A one-line progress bar on stderr, redrawn in place: files and bytes done,
 * rate and time left. Only on a terminal; elsewhere it prints nothing, so
 * logs and pipes stay clean.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): {
  update: (event: ProgressEvent) => void;
  done: () => void;
} {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };

  const started = Date.now();
  let drawn = false;

  const update = (event: ProgressEvent): void => {
    const fraction = event.bytesTotal > 0 ? event.bytesDone / event.bytesTotal : 1;
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? event.bytesDone / seconds : 0;
    const left = rate > 0 ? (event.bytesTotal - event.bytesDone) / rate : 0;
    const width = 24;
    const filled = Math.round(fraction * width);

    const line =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
      `${event.filesDone}/${event.filesTotal} files, ` +
      `${megabytes(event.bytesDone)}/${megabytes(event.bytesTotal)}, ` +
      `${megabytes(rate)}/s, ${Math.ceil(left)} s left`;
    stream.write(`\r${line}\u001b[K`);
    drawn = true;
  };

  const done = (): void => {
    if (drawn) stream.write('\r\u001b[K');
  };
  return { update, done };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
