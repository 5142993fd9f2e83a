// Starts every GOV.UK Frontend component on the page (loaded as a module, so no inline script).
import { initAll } from "./govuk-frontend.min.js";

initAll();
