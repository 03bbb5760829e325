/** The places the product refuses to write, checked on real temp folders (symbolic links included). */
import {chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {MARKER_FILE, readMarker, removeOwnedFolder, whyNotOwned, writeMarker} from "../../../loaders/pipeline/safety/marker.js";
import {checkOutputFile, checkOutputFolder, checkSeparate, isInside, realPathOf, UnsafePathError, type GuardContext} from "../../../loaders/pipeline/safety/paths.js";

let tmp: string;
let ctx: GuardContext;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "paths-"));
  for (const d of ["home/me/exports", "home/me/project"]) mkdirSync(join(tmp, d), {recursive: true});
  ctx = {input: join(tmp, "home/me/exports"), projectRoot: join(tmp, "home/me/project"), home: join(tmp, "home/me")};
});
afterEach(() => {
  chmodSync(tmp, 0o755);
  rmSync(tmp, {recursive: true, force: true});
});

const refusal = (fn: () => void): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafePathError);
    expect((error as UnsafePathError).exitCode).toBe(3);
    return (error as Error).message;
  }
  throw new Error("not refused");
};

describe("realPathOf", () => {
  it("resolves links, also for a path that does not exist yet", () => {
    symlinkSync(join(tmp, "home/me/exports"), join(tmp, "link"));
    expect(realPathOf(join(tmp, "link"))).toBe(realPathOf(ctx.input));
    expect(realPathOf(join(tmp, "link", "new", "out"))).toBe(join(realPathOf(ctx.input), "new", "out"));
  });

  it("isInside is strict and not fooled by a common prefix", () => {
    expect(isInside("/a/b/c", "/a/b")).toBe(true);
    expect(isInside("/a/b", "/a/b")).toBe(false);
    expect(isInside("/a/bc", "/a/b")).toBe(false);
    expect(isInside("/a/b/..c", "/a/b")).toBe(true);
  });
});

describe("checkOutputFolder", () => {
  it("refuses the root, the home folder, the project, the input, and folders containing or inside them", () => {
    expect(refusal(() => checkOutputFolder("--out", "/", ctx))).toContain("is the root of the file system");
    expect(refusal(() => checkOutputFolder("--out", ctx.home!, ctx))).toContain("is your home folder");
    expect(refusal(() => checkOutputFolder("--out", join(tmp, "home"), ctx))).toContain("contains your home folder");
    expect(refusal(() => checkOutputFolder("--out", ctx.projectRoot, ctx))).toContain("is the project folder");
    expect(refusal(() => checkOutputFolder("--out", ctx.input, ctx))).toContain("is the input folder");
    expect(refusal(() => checkOutputFolder("--out", join(ctx.input, "out"), ctx))).toContain("lies inside the input folder");
    expect(refusal(() => checkOutputFolder("--data-out", join(ctx.input, "a", "b"), ctx))).toMatch(/^--data-out .* lies inside the input folder/);
    const message = refusal(() => checkOutputFolder("--out", ctx.input, ctx));
    expect(message).toContain("Choose a folder of its own");
    expect(message).toContain("Nothing was changed");
  });

  it("sees through symbolic links to the input", () => {
    symlinkSync(ctx.input, join(tmp, "home/me/project/exports-link"));
    expect(refusal(() => checkOutputFolder("--out", join(tmp, "home/me/project/exports-link"), ctx))).toMatch(/exports-link \(really .*exports\) is the input folder/);
    // A link to a folder above the input: contains it.
    symlinkSync(join(tmp, "home/me"), join(tmp, "me-link"));
    expect(refusal(() => checkOutputFolder("--out", join(tmp, "me-link"), ctx))).toContain("is your home folder");
  });

  it("accepts a folder of its own, existing or not, inside the project or the home folder", () => {
    expect(() => checkOutputFolder("--out", join(ctx.projectRoot, "dist"), ctx)).not.toThrow();
    expect(() => checkOutputFolder("--out", join(ctx.home!, "reports", "cross-sell"), ctx)).not.toThrow();
    expect(readdirSync(ctx.home!).sort()).toEqual(["exports", "project"]); // nothing created by the check
  });

  it("refuses a file where the folder should be, and a parent that is a file", () => {
    writeFileSync(join(tmp, "file"), "x");
    expect(refusal(() => checkOutputFolder("--out", join(tmp, "file"), ctx))).toContain("is a file, not a folder");
    expect(refusal(() => checkOutputFolder("--out", join(tmp, "file", "out"), ctx))).toMatch(/file is a file, not a folder, so out cannot be created under it/);
  });

  it("refuses a parent that cannot be created or written", () => {
    // /proc accepts no new folders, even for root.
    expect(refusal(() => checkOutputFolder("--out", "/proc/no-such-folder/out", ctx))).toMatch(/cannot write in \/proc \(\/proc\/no-such-folder does not exist/);
  });

  it.skipIf(process.getuid?.() === 0)("refuses a read-only parent (permission bits do not stop root)", () => {
    mkdirSync(join(tmp, "ro"));
    chmodSync(join(tmp, "ro"), 0o555);
    expect(refusal(() => checkOutputFolder("--out", join(tmp, "ro", "out"), ctx))).toMatch(/cannot write in .*ro \(EACCES/);
  });
});

describe("checkOutputFile and checkSeparate", () => {
  it("refuses a log that is a folder or lies among the exports", () => {
    expect(refusal(() => checkOutputFile("--log", tmp, ctx))).toContain("is a folder; --log names a file");
    expect(refusal(() => checkOutputFile("--log", join(ctx.input, "refresh-log.jsonl"), ctx))).toContain("lies inside the input folder");
    expect(() => checkOutputFile("--log", join(tmp, "logs", "refresh-log.jsonl"), ctx)).not.toThrow();
  });

  it("refuses two outputs that are the same or nested", () => {
    expect(refusal(() => checkSeparate({option: "--out", path: join(tmp, "d")}, {option: "--data-out", path: join(tmp, "d")}))).toContain("are the same place");
    expect(refusal(() => checkSeparate({option: "--out", path: join(tmp, "d")}, {option: "--data-out", path: join(tmp, "d", "data")}))).toContain("nested");
    expect(() => checkSeparate({option: "--out", path: join(tmp, "dist")}, {option: "--data-out", path: join(tmp, "dist-data")})).not.toThrow();
  });
});

describe("markers", () => {
  it("recognise the product's folders and nothing else", () => {
    const dir = join(tmp, "out");
    expect(whyNotOwned(dir)).toBeNull(); // absent
    mkdirSync(dir);
    expect(whyNotOwned(dir)).toBeNull(); // empty
    writeFileSync(join(dir, "accounts.csv"), "id\n");
    expect(whyNotOwned(dir)).toMatch(/not empty \(accounts\.csv\) and was not written by this product \(no \.crosssell-output file\)/);
    writeMarker(dir, "pipeline-output");
    expect(readMarker(dir)).toMatchObject({kind: "pipeline-output", tool: "cross-sell-report"});
    expect(whyNotOwned(dir)).toBeNull();
    writeFileSync(join(dir, MARKER_FILE), "{}"); // a marker of something else is no marker
    expect(whyNotOwned(dir)).not.toBeNull();
    writeFileSync(join(tmp, "f"), "");
    expect(whyNotOwned(join(tmp, "f"))).toBe("it is a file, not a folder");
  });

  it("removeOwnedFolder deletes the product's folders and refuses others, deleting nothing", () => {
    const report = join(tmp, "out.failed");
    mkdirSync(report);
    writeFileSync(join(report, "rejects.csv"), "file,line\n"); // a failure report of an earlier version
    removeOwnedFolder("the failure report folder", report);
    mkdirSync(report);
    writeFileSync(join(report, "budget.xlsx"), "");
    expect(refusal(() => removeOwnedFolder("the failure report folder", report))).toContain("budget.xlsx");
    expect(readdirSync(report)).toEqual(["budget.xlsx"]);
  });
});
