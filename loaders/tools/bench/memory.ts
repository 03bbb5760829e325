/**
 * Peak memory of a child process tree. Two sources:
 *  - GNU `/usr/bin/time -v` prints "Maximum resident set size (kbytes)": the
 *    largest single process among the child and its waited-for descendants;
 *  - polling /proc/<pid>/status of the whole tree (VmRSS summed over the
 *    processes alive at each sample), which also counts npx + tsx + node together.
 */
import {readFileSync, readdirSync} from "node:fs";

/** "Maximum resident set size (kbytes): 123456" → bytes, or null when absent. */
export function parseTimeVerboseMaxRss(stderr: string): number | null {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
  return m ? Number(m[1]) * 1024 : null;
}

/** One field of /proc/<pid>/status in bytes ("VmRSS:   1234 kB"), or null. */
export function statusFieldBytes(status: string, field: "VmRSS" | "VmHWM"): number | null {
  const m = new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, "m").exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

function readStatus(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** Parent pid → children, from /proc (Linux only; empty elsewhere). */
function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return map;
  }
  for (const e of entries) {
    const status = readStatus(Number(e));
    const ppid = status ? /^PPid:\s*(\d+)/m.exec(status) : null;
    if (!ppid) continue;
    const list = map.get(Number(ppid[1])) ?? [];
    list.push(Number(e));
    map.set(Number(ppid[1]), list);
  }
  return map;
}

/** The pid and all its descendants alive now. */
export function processTree(root: number): number[] {
  const children = childrenByParent();
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

export interface TreeMemory {
  /** Highest sum of VmRSS over the tree seen at one sample. */
  peakTreeRss: number;
  /** Highest VmHWM (peak RSS) of any single process of the tree. */
  peakProcessHwm: number;
}

/** Samples the tree of `root` every `intervalMs` until `stop()` is called. */
export function watchTreeMemory(root: number, intervalMs = 100): {stop(): TreeMemory} {
  const seen: TreeMemory = {peakTreeRss: 0, peakProcessHwm: 0};
  const sample = () => {
    let sum = 0;
    for (const pid of processTree(root)) {
      const status = readStatus(pid);
      if (!status) continue;
      sum += statusFieldBytes(status, "VmRSS") ?? 0;
      seen.peakProcessHwm = Math.max(seen.peakProcessHwm, statusFieldBytes(status, "VmHWM") ?? 0);
    }
    seen.peakTreeRss = Math.max(seen.peakTreeRss, sum);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return {...seen};
    }
  };
}
