// Compiles the portal's Sass (GOV.UK Frontend underneath) and copies the scripts and assets it
// needs into build/static, which Django's staticfiles serves. Nothing here is committed.
//
// `node frontend/build.mjs [OUT]` builds into OUT (default build/static). The build fails when
// the CSS refers to a file under /static/ that it did not produce: collectstatic's manifest
// storage would refuse it later, in production only.
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";
import { missingStaticFiles, staticReferences } from "./static_references.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(process.argv[2] ?? join(root, "build", "static"));
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const result = sass.compile(join(root, "frontend", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "css", "main.css"), result.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
cpSync(join(root, "frontend", "js"), join(out, "js"), { recursive: true });
cpSync(join(root, "frontend", "images"), join(out, "images"), { recursive: true });

// GOV.UK Frontend's own images and fonts, only those our CSS refers to (e.g. the crest its
// footer styles name), so that every reference resolves and nothing unused is published.
for (const path of staticReferences(result.css)) {
  const source = join(govuk, "assets", path);
  if (!existsSync(join(out, path)) && existsSync(source)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    cpSync(source, join(out, path));
  }
}

const missing = missingStaticFiles(result.css, out);
if (missing.length) {
  console.error(
    "The CSS refers to files under /static/ that the front-end build does not produce:\n" +
      missing.map((path) => `  /static/${path}`).join("\n"),
  );
  process.exit(1);
}
console.log(`front end built into ${out}`);
