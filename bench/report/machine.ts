import os from 'node:os';

/** The machine a run happened on, for the README table. */
export function machine() {
  return {
    at: new Date().toISOString(),
    node: process.version,
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    // Other work on the machine skews every timing: recorded so a reader can judge.
    loadAverageAtStart: os
      .loadavg()
      .map((l) => Math.round(l * 10) / 10)
      .join(' '),
  };
}
