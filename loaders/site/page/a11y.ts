/**
 * The accessibility fixes every page gets (an inline script at the end of the
 * body, written by observablehq.config.ts's footer). They mend what libraries
 * render, on every page, including pages written from the guide that call
 * Plot or Inputs directly:
 *   - Framework's sidebar <ol> holds a <label> (only <li> is allowed), and its
 *     toggle checkbox has only a title;
 *   - Plot labels its mark groups (<g aria-label="bar">) without a role, which
 *     ARIA does not allow on a plain <g>: they get role="group" (as
 *     src/components/plot.ts does for the report's own charts);
 *   - code blocks that scroll sideways cannot take the keyboard focus: every
 *     <pre> gets tabindex="0";
 *   - Inputs.range's slider sits beside a labelled number box but has no label
 *     of its own, and Inputs.table's row checkboxes have none: they are named
 *     from their control's label, or "Select row" / "Select all rows".
 * Charts and tables are drawn after the page loads, so the fixes also run on
 * whatever is added later (a MutationObserver).
 */
// Plain JavaScript in a string, not a serialised function: a TypeScript loader
// may wrap functions in helpers (esbuild's __name) that the page does not have.
const SCRIPT = `(() => {
  const close = document.getElementById("observablehq-sidebar-close");
  if (close && close.parentElement && close.parentElement.tagName === "OL") close.parentElement.before(close);
  document.getElementById("observablehq-sidebar-toggle")?.setAttribute("aria-label", "Toggle the sidebar");
  const fix = (root) => {
    for (const g of root.querySelectorAll("g[aria-label]:not([role])")) g.setAttribute("role", "group");
    for (const pre of root.querySelectorAll("pre:not([tabindex])")) pre.setAttribute("tabindex", "0");
    for (const input of root.querySelectorAll("input[type=range], input[type=checkbox], input[type=radio]")) {
      if (input.labels?.length || input.hasAttribute("aria-label") || input.hasAttribute("aria-labelledby")) continue;
      const cell = input.closest("td, th");
      const name = cell ? (cell.tagName === "TH" ? "Select all rows" : "Select row") : input.closest("form")?.querySelector("label")?.textContent?.trim();
      input.setAttribute("aria-label", name || "Value");
    }
  };
  fix(document.body);
  new MutationObserver((changes) => {
    // Once per parent: a table adds its rows one by one.
    const roots = new Set();
    for (const change of changes) for (const node of change.addedNodes) if (node.nodeType === 1) roots.add(node.parentElement ?? node);
    for (const root of roots) if (root.isConnected) fix(root);
  }).observe(document.body, {childList: true, subtree: true});
})();`;

/** For the page's head: the page's language (Framework writes <html> without one). */
export const A11Y_HEAD = `<script>document.documentElement.lang = "en";</script>`;

/** The script element, for the page's footer (it runs once the page's static content exists). */
export const A11Y_FIXES = `<script>${SCRIPT}</script>`;

/** The script's code alone (tests run it in a DOM of their own). */
export const A11Y_SCRIPT = SCRIPT;
