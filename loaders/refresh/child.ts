/**
 * Running a step as a child process: its output is forwarded live (or kept
 * back when quiet) and its last lines are kept, so that a failure can be
 * explained even under --quiet and recorded in the run log.
 */
import {spawn, type ChildProcess} from "node:child_process";

/** Children still running, so that a refresh stopped by a signal can stop them too. */
export const runningChildren = new Set<ChildProcess>();

export function stopRunningChildren(signal: NodeJS.Signals = "SIGTERM"): void {
  for (const child of runningChildren) child.kill(signal);
}

/**
 * Resolves once every running child has closed (its last output forwarded), or after
 * `timeoutMs` for one that does not stop: a stopped refresh waits for its pipeline to say it
 * was stopped and remove its own temporary files, but never hangs on it.
 */
export function waitForRunningChildren(timeoutMs: number): Promise<void> {
  const closed = [...runningChildren].map((child) => new Promise<void>((done) => child.once("close", () => done())));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((done) => (timer = setTimeout(done, timeoutMs)));
  return Promise.race([Promise.all(closed).then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the child printed (stdout and stderr interleaved). */
  tail: string[];
}

export interface ChildOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Where to forward the child's output live; null to only keep the tail. */
  forward: ((text: string) => void) | null;
  tailLines?: number;
}

// Framework colours its output when it thinks it writes to a terminal; the
// tail is shown in logs and mails, where escape codes are noise.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function runChild(command: string, args: string[], options: ChildOptions): Promise<ChildResult> {
  const tailLines = options.tailLines ?? 60;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: {...(options.env ?? process.env), NO_COLOR: "1", FORCE_COLOR: "0"},
      stdio: ["ignore", "pipe", "pipe"]
    });
    runningChildren.add(child);
    const tail: string[] = [];
    let partial = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      options.forward?.(text);
      const parts = (partial + text.replace(ANSI, "")).split(/\r?\n/);
      partial = parts.pop() ?? "";
      for (const line of parts) if (line.trim() !== "") tail.push(line);
      if (tail.length > tailLines) tail.splice(0, tail.length - tailLines);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => {
      runningChildren.delete(child);
      reject(error);
    });
    child.on("close", (status, signal) => {
      runningChildren.delete(child);
      if (partial.trim() !== "") tail.push(partial);
      if (tail.length > tailLines) tail.splice(0, tail.length - tailLines);
      resolvePromise({status, signal, tail});
    });
  });
}
