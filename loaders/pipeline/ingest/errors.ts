/** Bad input: the run stops with exit status 2. Thrown by ingest and by the mapping layer's file checks. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
