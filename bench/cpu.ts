/** CPU time from /proc (Linux): what a benchmark can say about where the cores went. */
import fs from 'node:fs';

/**
 * utime + stime from /proc/<pid>/stat, or of one thread from /proc/<pid>/task/<tid>/stat (fields 14
 * and 15, in clock ticks of 10 ms). The main thread's task id is the process id. Null elsewhere.
 */
export function processCpuMs(pid: number | undefined, thread?: number): number | null {
  try {
    const stat = fs.readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
