"""Keyboard-only checks: what Tab reaches, in what order, and whether focus can be seen."""

#: Marks every element the Tab key should reach, in DOM order, and records how each looks
#: unfocused. Returns one description per element.
MARK_FOCUSABLES = """() => {
  const selector = "a[href], area[href], button, input, select, textarea, iframe, summary, "
    + "[tabindex], [contenteditable=true]";
  const rendered = (el) => {
    const style = getComputedStyle(el);
    return el.getClientRects().length > 0 && style.visibility !== "hidden";
  };
  const focusables = [...document.querySelectorAll(selector)].filter(
    (el) => el.tabIndex >= 0 && !el.disabled && !el.closest("[hidden], [inert]") && rendered(el)
  );
  document.activeElement.blur();
  window.lctUnfocused = focusables.map((el, index) => {
    el.dataset.tabOrder = index;
    return window.lctFocusLook(el);
  });
  return focusables.map(window.lctDescribe);
}"""

#: The parts of an element's computed style that make a focus indicator visible.
DEFINE_LOOK = """() => {
  window.lctDescribe = (el) => {
    const name = (el.innerText || el.getAttribute("aria-label") || el.name || "").trim();
    const href = el.getAttribute("href");
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${href ? " " + href : ""}> `
      + JSON.stringify(name.slice(0, 60));
  };
  window.lctFocusLook = (el) => {
    const s = getComputedStyle(el);
    return JSON.stringify({
      outline: s.outlineStyle === "none" || s.outlineWidth === "0px"
        ? "none" : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      boxShadow: s.boxShadow,
      background: s.backgroundColor,
    });
  };
}"""

#: Where focus is now: its tab-order mark and how it looks focused versus unfocused.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const order = el.dataset.tabOrder === undefined ? null : Number(el.dataset.tabOrder);
  const before = JSON.parse(order === null ? "{}" : window.lctUnfocused[order]);
  const after = JSON.parse(window.lctFocusLook(el));
  const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
  return {
    order,
    element: window.lctDescribe(el),
    changed: changed.filter((key) => after[key] !== "none" && after[key] !== "rgba(0, 0, 0, 0)"),
  };
}"""


def mark_focusables(page):
    """Mark the page's focusable elements; return their descriptions in DOM order."""
    page.evaluate(DEFINE_LOOK)
    return page.evaluate(MARK_FOCUSABLES)


def tab_through(page, count):
    """Press Tab `count` times from where focus is; return what was focused after each press."""
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops
