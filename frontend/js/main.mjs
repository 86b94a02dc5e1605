// Marks the page as script-capable and starts GOV.UK Frontend's components. A separate file,
// never inline, so the Content Security Policy can forbid inline script.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Filters collapse behind their "Filter" summary on a phone, so that the results come first;
// on wider screens they stay open (and the summary is hidden). Without this script, or
// before it runs, they are simply open: nothing is ever out of reach.
const narrow = window.matchMedia("(max-width: 40.0525em)");
const filterToggles = document.querySelectorAll("[data-filter-toggle]");
const fitFilters = () => {
  for (const toggle of filterToggles) {
    toggle.open = !narrow.matches;
  }
};
fitFilters();
narrow.addEventListener("change", fitFilters);
