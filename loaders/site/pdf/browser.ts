/**
 * The headless Chromium that prints the board pack and runs the browser
 * tests: the machine's own (Debian's `chromium` package), driven by
 * playwright-core, so nothing is downloaded. CHROMIUM_PATH names another one.
 */
import {existsSync} from "node:fs";
import {chromium, type Browser} from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic"
];

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** The Chromium to drive: $CHROMIUM_PATH when set (even if missing: then null), else the first one installed. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** What to do when there is no Chromium (exit code 3: fix the machine's setup). */
export function noChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  const where = env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist` : `none of ${CANDIDATES.join(", ")} exists`;
  return [
    `no Chromium found to print the board pack (${where}).`,
    "Install one, e.g. on Debian or Ubuntu: sudo apt-get install chromium",
    "or point CHROMIUM_PATH at a Chromium or Chrome executable: CHROMIUM_PATH=/path/to/chrome npm run pdf"
  ].join("\n  ");
}

export async function launchChromium(executablePath = chromiumPath()): Promise<Browser> {
  if (!executablePath) throw new Error(noChromiumMessage());
  return chromium.launch({executablePath, args: CHROMIUM_ARGS});
}
