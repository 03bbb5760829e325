import {describe, expect, it} from "vitest";
import {Random} from "../../../loaders/tools/sample/random.js";

describe("Random", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const a = Array.from({length: 5}, ((r) => () => r.next())(new Random(7)));
    const b = Array.from({length: 5}, ((r) => () => r.next())(new Random(7)));
    const c = Array.from({length: 5}, ((r) => () => r.next())(new Random(8)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("gives named streams that are independent of each other", () => {
    expect(Random.stream(1, "accounts").next()).toBe(Random.stream(1, "accounts").next());
    expect(Random.stream(1, "accounts").next()).not.toBe(Random.stream(1, "billing").next());
  });

  it("stays in range and is roughly uniform", () => {
    const r = new Random(42);
    const counts = [0, 0, 0, 0];
    let outside = 0;
    for (let i = 0; i < 40_000; i++) {
      const x = r.int(0, 3);
      if (x >= 0 && x <= 3) counts[x]++;
      else outside++;
    }
    expect(outside).toBe(0);
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });

  it("picks by weight", () => {
    const r = new Random(3);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted(["a", "b"], [9, 1]) === "a") heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });
});
