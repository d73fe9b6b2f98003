import cliProgress from 'cli-progress';
import type { SeedProgress } from '../seed/seed-demo.js';

/** A progress bar on stderr (a line per stage when not a terminal), fed by seed progress events. */
export function progressReporter(): { update: (p: SeedProgress) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar({
    format: '{stage} [{bar}] {percentage}% | {value}/{total}',
    stream: process.stderr,
    noTTYOutput: !process.stderr.isTTY,
    notTTYSchedule: 2_000,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let stage: string | undefined;
  return {
    update: (p) => {
      if (p.stage !== stage) {
        if (stage !== undefined) bar.stop();
        stage = p.stage;
        bar.start(Math.max(p.total, 1), p.done, { stage: p.stage.padEnd(24) });
      } else {
        bar.update(p.done, { stage: p.stage.padEnd(24) });
      }
    },
    stop: () => {
      if (stage !== undefined) bar.stop();
    },
  };
}
