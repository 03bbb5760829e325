/**
 * The shipped GitHub Actions workflow deploys to GitHub Pages only when the
 * repository says the report may be public (variable CROSSSELL_PUBLIC_SITE)
 * or its Pages are private; otherwise it keeps the site as a short-lived
 * artifact and says why. The deciding step's own script is run here with bash,
 * against a stand-in `gh`, for each case.
 */
import {execFileSync} from "node:child_process";
import {chmodSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {describe, expect, it} from "vitest";

const WORKFLOW = readFileSync(resolve(import.meta.dirname, "..", "..", ".github", "workflows", "refresh.yml"), "utf8");

/** The lines of a step, from its `- name:` line to the next step or job. */
function step(name: string): string {
  const lines = WORKFLOW.split("\n");
  const start = lines.findIndex((l) => l.trim() === `- name: ${name}`);
  expect(start, `no step "${name}"`).toBeGreaterThan(-1);
  const indent = lines[start].indexOf("-");
  const end = lines.findIndex((l, i) => i > start && l.trim() !== "" && l.search(/\S/) <= indent);
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/** The `run: |` block of a step, without its indentation. */
function script(name: string): string {
  const lines = step(name).split("\n");
  const at = lines.findIndex((l) => l.trim() === "run: |");
  const body = lines.slice(at + 1);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.search(/\S/)));
  return body.map((l) => l.slice(indent)).join("\n");
}

function decide(env: {PUBLIC_SITE?: string; pagesPublic?: "true" | "false" | null}) {
  const dir = mkdtempSync(join(tmpdir(), "workflow-"));
  // A stand-in for the GitHub CLI: answers the Pages API's "public", or fails as for a repository without Pages.
  const gh = join(dir, "gh");
  writeFileSync(gh, env.pagesPublic ? `#!/bin/sh\necho ${env.pagesPublic}\n` : `#!/bin/sh\necho '{"message":"Not Found"}'\necho "HTTP 404: Not Found" >&2\nexit 1\n`);
  chmodSync(gh, 0o755);
  const output = join(dir, "output");
  const summary = join(dir, "summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const stdout = execFileSync("bash", ["--norc", "--noprofile", "-e", "-c", script("Decide where the site goes")], {
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_REPOSITORY: "acme/report",
      ...(env.PUBLIC_SITE !== undefined ? {PUBLIC_SITE: env.PUBLIC_SITE} : {})
    },
    encoding: "utf8"
  });
  return {stdout, output: readFileSync(output, "utf8"), summary: readFileSync(summary, "utf8")};
}

describe("refresh.yml: where the site goes", () => {
  it("deploys when the repository variable says the report may be public", () => {
    expect(decide({PUBLIC_SITE: "true"}).output).toBe("publish=true\n");
  });

  it("deploys when the repository's Pages are private", () => {
    const r = decide({pagesPublic: "false"});
    expect(r.output).toBe("publish=true\n");
    expect(r.stdout).toContain("private");
  });

  it.each([
    ["no variable, public Pages", {pagesPublic: "true" as const}],
    ["no variable, no Pages site", {pagesPublic: null}],
    ["a variable that is not exactly true", {PUBLIC_SITE: "yes", pagesPublic: null}]
  ])("keeps the site as an artifact and says why: %s", (_, env) => {
    const r = decide(env);
    expect(r.output).toBe("publish=false\n");
    expect(r.stdout).toMatch(/^::notice title=Report not published::The report was NOT published to GitHub Pages: .*CROSSSELL_PUBLIC_SITE/m);
    expect(r.summary).toContain("only people with access to the repository");
    expect(r.stdout).toMatch(/Pages visibility: (true|unknown)\)/);
  });

  it("wires the decision: Pages upload and deploy only when publishing, else a 7-day artifact", () => {
    expect(WORKFLOW).toContain("publish: ${{ steps.where.outputs.publish }}");
    expect(step("Upload the site for Pages")).toContain("if: steps.where.outputs.publish == 'true'");
    expect(step("Upload the site for Pages")).toContain("actions/upload-pages-artifact@");
    const kept = step("Keep the site (not published)");
    expect(kept).toContain("if: steps.where.outputs.publish != 'true'");
    expect(kept).toContain("actions/upload-artifact@");
    expect(kept).toMatch(/retention-days: [1-7]\n/);
    const [refreshJob, deployJob] = WORKFLOW.split("\n  deploy:\n");
    expect(deployJob).toMatch(/^ {4}if: needs\.refresh\.outputs\.publish == 'true'$/m);
    expect(deployJob).toContain("pages: write");
    // Only the deploy job may write to Pages.
    expect(refreshJob).not.toContain("pages: write");
    expect(refreshJob).not.toContain("id-token: write");
  });
});
