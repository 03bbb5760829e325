import {describe, expect, it} from "vitest";
// @ts-expect-error jsdom ships no types here (@types/jsdom is not installed); only JSDOM is used.
import {JSDOM} from "jsdom";
import {A11Y_FIXES, A11Y_SCRIPT} from "../../../loaders/site/page/a11y.js";

/** A page shaped like the report's: Framework's sidebar, a Plot chart, a code block, Inputs.range and Inputs.table. */
const PAGE = `<!doctype html><html><body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<nav id="observablehq-sidebar"><ol><label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label><li>Overview</li></ol></nav>
<main id="observablehq-main">
  <svg><g aria-label="bar"><rect></rect></g><g aria-label="axis" role="img"></g></svg>
  <pre><code>const x = 1;</code></pre>
  <pre tabindex="-1">kept as it is</pre>
  <form><label for="n">Revenue at least</label><div><input id="n" type="number"><input type="range"></div></form>
  <form><table><thead><tr><th><input type="checkbox"></th><th>segment</th></tr></thead>
  <tbody><tr><td><input type="checkbox"></td><td>Enterprise</td></tr></tbody></table></form>
  <label><input type="checkbox" id="wrapped"> Active only</label>
</main></body></html>`;

function run(html = PAGE) {
  const dom = new JSDOM(html, {runScripts: "outside-only"});
  dom.window.eval(A11Y_SCRIPT);
  return dom.window.document as Document;
}

describe("the accessibility fixes of every page", () => {
  it("is a script element holding the script", () => {
    expect(A11Y_FIXES).toBe(`<script>${A11Y_SCRIPT}</script>`);
  });

  it("mends Framework's sidebar: the close label leaves the list, the toggle gets a name", () => {
    const doc = run();
    expect(doc.querySelector("#observablehq-sidebar-close")!.parentElement!.tagName).toBe("NAV");
    expect(doc.querySelector("#observablehq-sidebar-toggle")!.getAttribute("aria-label")).toBe("Toggle the sidebar");
  });

  it("gives Plot's labelled groups a role, keeping a role they have", () => {
    const doc = run();
    expect(doc.querySelector("g[aria-label=bar]")!.getAttribute("role")).toBe("group");
    expect(doc.querySelector("g[aria-label=axis]")!.getAttribute("role")).toBe("img");
  });

  it("makes code blocks focusable, keeping a tabindex they have", () => {
    const doc = run();
    const pres = [...doc.querySelectorAll("pre")].map((p) => p.getAttribute("tabindex"));
    expect(pres).toEqual(["0", "-1"]);
  });

  it("names the slider after its control's label, and the table's checkboxes", () => {
    const doc = run();
    expect(doc.querySelector("input[type=range]")!.getAttribute("aria-label")).toBe("Revenue at least");
    expect(doc.querySelector("th input")!.getAttribute("aria-label")).toBe("Select all rows");
    expect(doc.querySelector("td input")!.getAttribute("aria-label")).toBe("Select row");
    // Labelled inputs are left alone.
    expect(doc.querySelector("#n")!.hasAttribute("aria-label")).toBe(false);
    expect(doc.querySelector("#wrapped")!.hasAttribute("aria-label")).toBe(false);
  });

  it("mends what is drawn after the page loaded", async () => {
    const doc = run();
    doc.querySelector("main")!.insertAdjacentHTML("beforeend", `<div><svg><g aria-label="dot"></g></svg><form><label>Score</label><input type="range"></form></div>`);
    await new Promise((ok) => setTimeout(ok, 0)); // MutationObserver callbacks run as microtasks
    expect(doc.querySelector("g[aria-label=dot]")!.getAttribute("role")).toBe("group");
    expect(doc.querySelectorAll("input[type=range]")[1].getAttribute("aria-label")).toBe("Score");
  });
});
