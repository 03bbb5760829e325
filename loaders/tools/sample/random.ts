/**
 * Seeded pseudo-random numbers (mulberry32). The sample must be byte-identical
 * for a given seed, so nothing here touches Math.random or the clock.
 * Each concern (accounts, billing noise, opportunities...) gets its own stream
 * derived from the seed, so that changing e.g. the invoice-line target does not
 * reshuffle account names.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    // Scramble the seed once so that nearby seeds give unrelated streams.
    this.state = hash32(seed >>> 0) || 0x9e3779b9;
  }

  /** A new independent stream named by `label` (stable for a given seed). */
  static stream(seed: number, label: string): Random {
    let h = seed >>> 0;
    for (let i = 0; i < label.length; i++) h = hash32(h ^ label.charCodeAt(i));
    return new Random(h);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Pick by weights (need not sum to 1). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      u -= weights[i];
      if (u < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-sd. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Number of Bernoulli(p) failures before the first success (geometric, ≥ 0). */
  geometric(p: number): number {
    if (p <= 0) return Number.POSITIVE_INFINITY;
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }
}

function hash32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}
