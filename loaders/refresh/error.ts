/** A refresh failure that knows its exit code (loaders/exit-codes.ts) and which step failed. */
import {CodedError, type ExitCode} from "../exit-codes.js";

export class RefreshError extends CodedError {
  constructor(
    message: string,
    exitCode: ExitCode,
    readonly step?: string
  ) {
    super(message, exitCode);
    this.name = "RefreshError";
  }
}
