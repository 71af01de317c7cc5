// A one-line progress bar on stderr when it is a terminal; silent otherwise (scripts read stdout).
import type { Progress } from '../services/ingest.service.ts';

export function progressPrinter(label: string): { update: (p: Progress) => void; finish: () => void } {
  const tty = process.stderr.isTTY;
  return {
    update(p) {
      if (!tty) return;
      const total = Math.max(p.found, 1);
      const ratio = p.status === 'unpacked' ? p.processed / Math.max(p.stored, 1) : 0;
      const width = 30;
      const filled = Math.round(ratio * width);
      const busy = p.status === 'unpacked' ? (p.pending > 0 ? 'processing' : 'grouping') : p.status;
      const stage = p.paused ? `paused (${p.paused.reason})` : busy;
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${stage}: found ${total}, processed ${p.processed}, errors ${p.failed}   `,
      );
    },
    finish() {
      if (tty) process.stderr.write('\n');
    },
  };
}
