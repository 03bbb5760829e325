/**
 * `npm run fuzz -- [--runs N] [--seed S] [--kinds a,b,…] [--case I] [--keep]`: the
 * fuzz property (harness.ts) by hand, over more cases than CI runs. Prints one
 * line per broken case (seed, case, mutations, how to replay it), then a count
 * of outcomes per mutation kind. Exit 1 when any case broke the property.
 *
 * --kinds defaults to every kind (mutate.ts), as CI runs them;
 * --case I runs only case I (with --keep, its files and outputs stay in a
 * folder that is printed); --verbose also prints the first line of every refusal.
 */
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {describeCase, makeCase, runCase, sampleSubset} from "./harness.js";
import {MUTATION_KINDS, type MutationKind} from "./mutate.js";

const USAGE = `Usage: npm run fuzz -- [--runs N] [--seed S] [--kinds ${MUTATION_KINDS.join(",")}] [--case I] [--keep] [--verbose]`;

function fail(message: string): never {
  process.stderr.write(`fuzz: ${message}\n${USAGE}\n`);
  process.exit(3);
}

async function main(): Promise<number> {
  let values;
  try {
    ({values} = parseArgs({
      options: {
        runs: {type: "string", default: "100"},
        seed: {type: "string", default: "1"},
        kinds: {type: "string"},
        case: {type: "string"},
        keep: {type: "boolean", default: false},
        verbose: {type: "boolean", default: false},
        help: {type: "boolean", short: "h", default: false}
      },
      strict: true
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const whole = (name: string, text: string) => (/^\d+$/.test(text) ? Number(text) : fail(`--${name}: expected a whole number, got "${text}"`));
  const runs = whole("runs", values.runs);
  const seed = whole("seed", values.seed);
  const kinds = (values.kinds?.split(",").map((k) => k.trim()) ?? [...MUTATION_KINDS]) as MutationKind[];
  const unknown = kinds.filter((k) => !(MUTATION_KINDS as readonly string[]).includes(k));
  if (unknown.length) fail(`unknown mutation kind ${unknown.join(", ")}`);
  const indexes = values.case === undefined ? Array.from({length: runs}, (_, i) => i) : [whole("case", values.case)];

  const subset = sampleSubset();
  const tally = new Map<string, {published: number; refused: number; broken: number}>();
  let broken = 0;
  const started = Date.now();
  for (const index of indexes) {
    const c = makeCase(seed, index, kinds, subset);
    const keepDir = values.keep ? mkdtempSync(join(tmpdir(), `fuzz-${seed}-${index}-`)) : undefined;
    const outcome = await runCase(c, {keepDir});
    for (const kind of new Set(c.mutations.map((m) => m.kind))) {
      const t = tally.get(kind) ?? {published: 0, refused: 0, broken: 0};
      t[outcome.kind]++;
      tally.set(kind, t);
    }
    if (outcome.kind === "broken") {
      broken++;
      process.stdout.write(`BROKEN ${describeCase(c, kinds)}\n  ${outcome.problem.split("\n").slice(0, 6).join("\n  ")}\n`);
    } else if (values.verbose && outcome.kind === "refused") {
      process.stdout.write(`refused case ${index} (${c.mutations.map((m) => m.kind).join(", ")}): exit ${outcome.exitCode}: ${outcome.message.split("\n")[0].slice(0, 300)}\n`);
    } else if (indexes.length === 1) {
      process.stdout.write(`${outcome.kind} ${describeCase(c, kinds)}\n${outcome.kind === "refused" ? `  exit ${outcome.exitCode}: ${outcome.message}\n` : ""}`);
    }
    if (keepDir) process.stdout.write(`  files and outputs kept in ${keepDir}\n`);
  }
  process.stdout.write(`\n${indexes.length} cases (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s, ${broken} broken\n`);
  process.stdout.write(`  ${"kind".padEnd(18)} published  refused  broken\n`);
  for (const kind of kinds) {
    const t = tally.get(kind);
    if (t) process.stdout.write(`  ${kind.padEnd(18)} ${String(t.published).padStart(9)}  ${String(t.refused).padStart(7)}  ${String(t.broken).padStart(6)}\n`);
  }
  return broken ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
});
