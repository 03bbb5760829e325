/** Content of a folder tree as {relative path: sha256}, to check "left byte for byte as it was". */
import {createHash} from "node:crypto";
import {readFileSync, readdirSync} from "node:fs";
import {join, relative} from "node:path";

export function treeHash(root: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else result[relative(root, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(root);
  return result;
}

/** Every file under `root` whose relative path matches `pattern`. */
export function findFiles(root: string, pattern: RegExp): string[] {
  return Object.keys(treeHash(root)).filter((p) => pattern.test(p)).map((p) => join(root, p));
}
