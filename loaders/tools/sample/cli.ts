/**
 * npm run sample [-- --out DIR --accounts N --invoice-lines N --opportunities N --seed N --end YYYY-MM-DD --gzip]
 * Writes the deterministic sample exports (canonical format) into data/ by default.
 */
import {parseSampleArgs} from "./args.js";
import {generateSample} from "./generate.js";

async function main(): Promise<void> {
  const options = parseSampleArgs(process.argv.slice(2));
  const started = performance.now();
  const summary = await generateSample(options);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `sample: ${summary.accounts} accounts (${summary.customers} customers), ` +
      `${summary.invoiceLines.lines} invoice lines, ${summary.opportunities.rows} opportunities, ` +
      `${summary.mappedCustomers} mapped and ${summary.unmatchedCustomers} unmatched billing customers, ` +
      `${summary.demandUnits} demand units → ${options.out}/ in ${seconds} s\n`
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`sample: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
