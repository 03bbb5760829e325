/**
 * The preview bench's probe (loaders/tools/bench/site.ts): it waits for the preview's port
 * with TCP connects, then loads the page once, instead of polling with page loads.
 */
import {createServer, type Server} from "node:net";
import {describe, expect, it} from "vitest";
import {acceptsConnections, freePort} from "../../../loaders/tools/bench/site.js";

function listen(port: number): Promise<Server> {
  return new Promise((ok, fail) => {
    const server = createServer((socket) => socket.end());
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok(server));
  });
}

describe("acceptsConnections", () => {
  it("is false before a server listens on the port, true while it does, false after it closed", async () => {
    const port = await freePort();
    expect(await acceptsConnections(port)).toBe(false);
    const server = await listen(port);
    try {
      expect(await acceptsConnections(port)).toBe(true);
    } finally {
      await new Promise((done) => server.close(done));
    }
    expect(await acceptsConnections(port)).toBe(false);
  });
});
