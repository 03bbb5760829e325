/**
 * vitest's global setup: every temporary file of a test run (pipeline outputs, spill files,
 * built sites, ~0.5 GB a run) goes into one folder of the system's temporary folder, removed when
 * the run ends. Test files call os.tmpdir() as usual; the forked test processes and the commands
 * they start inherit TMPDIR. A run that is killed leaves this one folder, not hundreds.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "crosssell-tests-"));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, {recursive: true, force: true});
  };
}
