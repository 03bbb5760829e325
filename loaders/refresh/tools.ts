/**
 * The project's own command-line tools (tsx, observable), found in its
 * node_modules/.bin. `npm run` puts that folder on PATH, but `node --import tsx
 * loaders/refresh/refresh.ts`, cron or a systemd unit do not, and Framework runs the
 * `.ts` data loaders with a bare `tsx`: without this the build dies with
 * "spawn tsx ENOENT".
 */
import {existsSync} from "node:fs";
import {delimiter, join} from "node:path";
import {EXIT_FAILURE} from "../exit-codes.js";
import {RefreshError} from "./error.js";

export function projectBin(projectRoot: string): string {
  return join(projectRoot, "node_modules", ".bin");
}

/** The path of `name` in the project's node_modules/.bin; a clear error when it is not installed. */
export function findTool(projectRoot: string, name: string, step = "build"): string {
  const path = join(projectBin(projectRoot), name);
  if (!existsSync(path)) {
    throw new RefreshError(
      `${name} is not installed in ${projectBin(projectRoot)}: run \`npm ci\` (or \`npm install\`) in ${projectRoot} first`,
      EXIT_FAILURE,
      step
    );
  }
  return path;
}

/** `env` with the project's node_modules/.bin first on PATH, for the tools the children start themselves. */
export function withProjectBin(projectRoot: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const path = env.PATH ?? env.Path ?? "";
  return {...env, PATH: path ? `${projectBin(projectRoot)}${delimiter}${path}` : projectBin(projectRoot)};
}
