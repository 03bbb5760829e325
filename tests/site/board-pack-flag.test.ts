// The Overview's board-pack flag (loaders/site/board-pack-flag.ts): written false by the build,
// set once report.pdf is printed into the built site, the way Framework would have written it.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {boardPackJson, markBoardPack} from "../../loaders/site/board-pack-flag.js";

const hash8 = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 8);

/** A built site as Framework writes it: the flag under its content hash, registered by two pages. */
function builtSite(): {dir: string; oldName: string} {
  const dir = mkdtempSync(join(tmpdir(), "board-pack-site-"));
  mkdirSync(join(dir, "_file/data"), {recursive: true});
  mkdirSync(join(dir, "guide"));
  const text = boardPackJson(false);
  const oldName = `board_pack.${hash8(text)}.json`;
  writeFileSync(join(dir, "_file/data", oldName), text);
  const register = (up: string) =>
    `registerFile("./data/board_pack.json", {"name":"./data/board_pack.json","mimeType":"application/json","path":"${up}_file/data/${oldName}","lastModified":1,"size":${text.length}});\n` +
    `registerFile("./data/kpis.json", {"name":"./data/kpis.json","mimeType":"application/json","path":"${up}_file/data/kpis.0badc0de.json","lastModified":1,"size":2186});\n`;
  writeFileSync(join(dir, "index.html"), register("./"));
  writeFileSync(join(dir, "guide/index.html"), register("../"));
  writeFileSync(join(dir, "other.html"), "<p>no flag here</p>");
  return {dir, oldName};
}

describe("markBoardPack", () => {
  it("writes {pdf: true} under its new hash and points every page's registration (path and size) at it", () => {
    const {dir, oldName} = builtSite();
    expect(boardPackJson(false)).toBe('{"pdf":false}');
    const newPath = markBoardPack(dir);
    const text = '{"pdf":true}';
    const newName = `board_pack.${hash8(text)}.json`;
    expect(newPath).toBe(join("_file/data", newName));
    expect(readdirSync(join(dir, "_file/data"))).toEqual([newName]);
    expect(readFileSync(join(dir, newPath), "utf8")).toBe(text);
    expect(existsSync(join(dir, "_file/data", oldName))).toBe(false);
    const index = readFileSync(join(dir, "index.html"), "utf8");
    expect(index).toContain(`"path":"./_file/data/${newName}","lastModified":1,"size":12}`);
    expect(index).not.toContain(oldName);
    expect(index).toContain('"path":"./_file/data/kpis.0badc0de.json","lastModified":1,"size":2186}'); // others untouched
    expect(readFileSync(join(dir, "guide/index.html"), "utf8")).toContain(`"path":"../_file/data/${newName}","lastModified":1,"size":12}`);
    expect(readFileSync(join(dir, "other.html"), "utf8")).toBe("<p>no flag here</p>");
    // Printing again leaves the site as it is.
    expect(markBoardPack(dir)).toBe(newPath);
    expect(readFileSync(join(dir, "index.html"), "utf8")).toBe(index);
  });

  it("names the folder when the site has no flag to set", () => {
    const dir = mkdtempSync(join(tmpdir(), "board-pack-none-"));
    expect(() => markBoardPack(dir)).toThrow(/_file\/data: expected one board_pack\.<hash>\.json, found none: rebuild the site/);
  });
});
