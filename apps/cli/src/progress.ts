// The upload bar of `isac incident file`: on a terminal a bar redrawn in place on stderr, else
// one plain line at the end (logs and CI output stay readable).

const units = ['B', 'KB', 'MB', 'GB'];
export function bytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** `[#########...........]  45%  2.1 MB of 4.7 MB` */
export function bar(sent: number, total: number, width = 30): string {
  const share = total > 0 ? Math.min(sent / total, 1) : 1;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${bytes(sent)} of ${bytes(total)}`;
}

export interface UploadProgress {
  update(sent: number, total: number): void;
  /** the upload is done and the hub is answering */
  done(): void;
}

/** Only bundles worth watching get a bar (on a terminal) or the final line (elsewhere); small ones go quietly. */
export const LARGE_UPLOAD_BYTES = 1024 * 1024;

export function uploadProgress(stream: { isTTY?: boolean; write(s: string): unknown }, label: string, total: number, started = Date.now()): UploadProgress {
  const large = total > LARGE_UPLOAD_BYTES;
  const live = stream.isTTY === true && large;
  let drawn = -1;
  return {
    update(sent) {
      if (!live) return;
      const percent = Math.floor((sent / total) * 100);
      if (percent === drawn) return;
      drawn = percent;
      stream.write(`\r${label} ${bar(sent, total)}`);
    },
    done() {
      if (!large) return;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const line = `${label}: ${bytes(total)} sent in ${seconds} s, waiting for the hub's answer`;
      stream.write(live ? `\r${label} ${bar(total, total)}\n${line}\n` : `${line}\n`);
    },
  };
}
