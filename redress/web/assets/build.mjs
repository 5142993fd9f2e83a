// Builds the committed front-end assets: `npm run build` (or `make assets`).
//   - compiles app.scss with GOV.UK Frontend into redress/web/static/web/app.css
//   - copies GOV.UK Frontend's ES module bundle next to it (started by init.mjs, no inline script)
//   - copies axe-core for the browser tests into tests/browser/vendor/
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const out = join(root, "redress/web/static/web");
const require = createRequire(import.meta.url);
const frontend = dirname(require.resolve("govuk-frontend/package.json"));

mkdirSync(out, { recursive: true });

const result = sass.compile(join(here, "app.scss"), {
  importers: [new sass.NodePackageImporter(root)],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(out, "app.css"), result.css + "\n");

// Images the stylesheet refers to (collectstatic's manifest insists they exist); none is shown.
mkdirSync(join(out, "images"), { recursive: true });
for (const [, image] of result.css.matchAll(/url\("?images\/([^")]+)"?\)/g)) {
  copyFileSync(join(frontend, "dist/govuk/assets/images", image), join(out, "images", image));
}

for (const name of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  copyFileSync(join(frontend, "dist/govuk", name), join(out, name));
}
copyFileSync(join(here, "init.mjs"), join(out, "init.mjs"));
copyFileSync(join(here, "favicon.svg"), join(out, "favicon.svg"));

const vendor = join(root, "tests/browser/vendor");
mkdirSync(vendor, { recursive: true });
copyFileSync(require.resolve("axe-core/axe.min.js"), join(vendor, "axe.min.js"));

console.log(`Built ${out}/app.css (${result.css.length} bytes) and copied the GOV.UK Frontend bundle.`);
