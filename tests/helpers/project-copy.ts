/**
 * A private copy of the project for tests that build the site: Framework's
 * loader cache lives in src/.observablehq and every build clears it, so two
 * builds in one checkout at once would break each other. The copy shares
 * node_modules through a link.
 */
import {spawn} from "node:child_process";
import {cpSync, mkdtempSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative, resolve} from "node:path";

export const REPO = resolve(import.meta.dirname, "../..");

const SKIP = new Set(["node_modules", ".git", "dist", ".pipeline", ".observablehq", "bench-data", ".bench"]);

/** Copies what a build needs (not node_modules, builds, caches or git) to `to` and links node_modules. */
export function copyProject(to: string): void {
  cpSync(REPO, to, {
    recursive: true,
    filter: (source) => {
      const rel = relative(REPO, source);
      return rel === "" || !rel.split("/").some((part) => SKIP.has(part) || part.startsWith(".dist"));
    }
  });
  symlinkSync(join(REPO, "node_modules"), join(to, "node_modules"), "dir");
}

/** A fresh temp folder holding `project/` (a copy of the repo); returns both paths. */
export function tempProject(prefix: string): {temp: string; project: string} {
  const temp = mkdtempSync(join(tmpdir(), prefix));
  const project = join(temp, "project");
  copyProject(project);
  return {temp, project};
}

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command without blocking the test worker: a long spawnSync (a site
 * build takes minutes) starves vitest's worker RPC and fails the whole run
 * with "Timeout calling onTaskUpdate".
 */
export function runCommand(command: string, args: string[], cwd: string): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {cwd, env: process.env});
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({status, stdout, stderr}));
  });
}
