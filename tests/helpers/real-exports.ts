/**
 * Where the real Maven "CRM Sales Opportunities" export is, for the tests that
 * also run on it. It is not part of the repository: the environment variable
 * CROSSSELL_REAL_EXPORTS names its folder (the one holding sales_pipeline.csv);
 * without it, ../shared/real/maven-crm-sales-opportunities beside the checkout
 * is used when it exists. When neither is there, those tests are skipped and
 * say why; the same paths are tested on tests/fixtures/maven-like on any clone.
 */
import {existsSync} from "node:fs";
import {join, resolve} from "node:path";

const REPO = resolve(import.meta.dirname, "../..");

export const REAL_EXPORTS_VARIABLE = "CROSSSELL_REAL_EXPORTS";

/** The export's layout, made by the project itself (invented rows): always present. */
export const MAVEN_FIXTURE_DIR = join(REPO, "tests", "fixtures", "maven-like");

const DEFAULT_DIR = resolve(REPO, "..", "shared", "real", "maven-crm-sales-opportunities");

/**
 * The real export's folder, or null when it is absent. A folder named by the
 * variable that does not hold the export is an error, not a skip: whoever set
 * it meant the tests to run.
 */
export function realMavenDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env[REAL_EXPORTS_VARIABLE];
  if (named) {
    const dir = resolve(named);
    if (!existsSync(join(dir, "sales_pipeline.csv"))) {
      throw new Error(`${REAL_EXPORTS_VARIABLE}=${named}: no sales_pipeline.csv in ${dir} (it must name the Maven export's folder)`);
    }
    return dir;
  }
  return existsSync(join(DEFAULT_DIR, "sales_pipeline.csv")) ? DEFAULT_DIR : null;
}

export const REAL_MAVEN_DIR = realMavenDir();

/** The line a test file prints when it skips the real export. */
export const REAL_SKIP_NOTE =
  `real Maven export not found: set ${REAL_EXPORTS_VARIABLE}=/path/to/maven-crm-sales-opportunities ` +
  `(or place it at ../shared/real/ beside the checkout) to run these tests on it; ` +
  `the fixture in tests/fixtures/maven-like covers the same paths`;

/** Prints the skip note once per test file, when the real export is absent. */
export function noteWhenRealAbsent(what: string): void {
  if (!REAL_MAVEN_DIR) console.warn(`skipped: ${what} — ${REAL_SKIP_NOTE}`);
}
