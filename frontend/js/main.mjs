// Marks the page as script-capable and starts GOV.UK Frontend's components. A separate file,
// never inline, so the Content Security Policy can forbid inline script.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
