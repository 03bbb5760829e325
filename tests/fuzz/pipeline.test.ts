/**
 * The fuzz property in CI (harness.ts): random damage to a small cut of the
 * sample's CSV files never ends in exit 1 or a stack trace, and every run that
 * succeeds reconciles read = loaded + rejected per file, rejects.csv listing
 * every rejected row. Every mutation kind, other line ends included (a file with
 * mixed CRLF/LF is read from an LF copy; one with a lone CR DuckDB cannot read
 * past is an exit 2 naming it). A fixed seed and a bounded number of cases
 * (about a second each); `npm run fuzz -- --runs 500 --seed 123` runs more by hand.
 */
import {describe, expect, it} from "vitest";
import {describeCase, makeCase, runCase, sampleSubset} from "./harness.js";
import {MUTATION_KINDS} from "./mutate.js";

const SEED = 20261128;
const CASES = 30;

describe("fuzzed exports", () => {
  it(`${CASES} damaged copies of the sample (seed ${SEED}) end in a published, reconciled run or a named error`, async () => {
    const subset = sampleSubset();
    const broken: string[] = [];
    const outcomes = {published: 0, refused: 0, broken: 0};
    for (let index = 0; index < CASES; index++) {
      const c = makeCase(SEED, index, MUTATION_KINDS, subset);
      const outcome = await runCase(c);
      outcomes[outcome.kind]++;
      if (outcome.kind === "broken") broken.push(`${describeCase(c, MUTATION_KINDS)}\n  ${outcome.problem}`);
    }
    expect(broken, broken.join("\n\n")).toEqual([]);
    // Not vacuous: the damage both passed through to published outputs and stopped runs.
    expect(outcomes.published).toBeGreaterThanOrEqual(5);
    expect(outcomes.refused).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it("an undamaged cut publishes: what the cases find is the damage", async () => {
    const subset = sampleSubset();
    const outcome = await runCase({seed: 0, index: 0, mutations: [], rejectLimit: undefined, files: subset});
    expect(outcome.kind).toBe("published");
  }, 60_000);
});
