/**
 * plot(options) — Plot.plot with the accessibility fixes every chart needs:
 * Plot labels its mark groups with aria-label but gives them no role, which
 * ARIA does not allow on a plain <g>; they get role="group" here. The chart's
 * root SVG keeps role="img"-like semantics through Plot's ariaLabel.
 * All chart components call this instead of Plot.plot.
 */
import * as Plot from "@observablehq/plot";
import type {Doc} from "./dom.js";

/** The options every chart takes: its size, its title and subtitle, and the document to draw in (tests). */
export interface ChartFrame {
  width?: number;
  height?: number;
  title?: string | Node;
  subtitle?: string | Node;
  document?: Doc;
}

export function plot(options: Plot.PlotOptions): ReturnType<typeof Plot.plot> {
  const out = Plot.plot(options);
  for (const g of out.querySelectorAll("g[aria-label]")) if (!g.hasAttribute("role")) g.setAttribute("role", "group");
  return out;
}
