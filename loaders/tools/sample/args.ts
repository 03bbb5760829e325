/** Command-line options of `npm run sample` (also used by the benchmark). */
import {DEFAULT_SAMPLE_OPTIONS, type SampleOptions} from "./generate.js";
import {parseIsoDate} from "./dates.js";

const USAGE =
  "usage: npm run sample -- [--out DIR] [--accounts N] [--invoice-lines N] [--opportunities N] [--seed N] [--end YYYY-MM-DD] [--gzip]";

export function parseSampleArgs(argv: readonly string[], defaults: SampleOptions = DEFAULT_SAMPLE_OPTIONS): SampleOptions {
  const options = {...defaults};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    const count = (): number => {
      const text = value();
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} expects a whole number, got "${text}"\n${USAGE}`);
      return n;
    };
    switch (flag) {
      case "--out":
        options.out = value();
        break;
      case "--accounts":
        options.accounts = count();
        break;
      case "--invoice-lines":
        options.invoiceLines = count();
        break;
      case "--opportunities":
        options.opportunities = count();
        break;
      case "--demand-units":
        options.demandUnits = count();
        break;
      case "--seed":
        options.seed = count();
        break;
      case "--end": {
        const text = value();
        parseIsoDate(text); // throws a clear message for a bad date
        options.end = text;
        break;
      }
      case "--gzip":
        options.gzip = true;
        break;
      case "--help":
      case "-h":
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  return options;
}
