/**
 * Tiny DOM helpers shared by the components. Every component takes an optional
 * `document` so that it can be rendered in tests (jsdom) as well as in the
 * browser. Text always goes in through textContent — never innerHTML — so an
 * account called `<script>` is shown as text.
 */
export type Doc = Document;

export function doc(d?: Doc): Doc {
  const out = d ?? (globalThis as {document?: Doc}).document;
  if (!out) throw new Error("no document: pass {document} when rendering outside a browser");
  return out;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  d: Doc,
  tag: K,
  attrs: Record<string, string | null | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const e = d.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, v);
  for (const c of children) if (c != null && c !== false) e.append(typeof c === "string" ? d.createTextNode(c) : c);
  return e;
}

/** A title with a link to the figure's definition: "Cross-sell rate (definition)". */
export function titleWithDefinition(d: Doc, title: string, figureId?: string, base = "./"): HTMLElement {
  const h = el(d, "h2", {}, title);
  if (figureId) {
    h.append(" ");
    h.append(el(d, "a", {href: `${base}definitions#${figureId}`, class: "def-link", "aria-label": `Definition of ${title}`}, "definition"));
  }
  return h;
}
