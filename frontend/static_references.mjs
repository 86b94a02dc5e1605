// Which files under /static/ a stylesheet refers to, and which of them a build folder lacks.
import { existsSync } from "node:fs";
import { join } from "node:path";

const URL_PATTERN = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;

/** Paths (relative to /static/) of every url(/static/...) in `css`, without query or hash. */
export function staticReferences(css) {
  const paths = new Set();
  for (const match of css.matchAll(URL_PATTERN)) {
    const url = match[2].trim();
    if (url.startsWith("/static/")) {
      paths.add(url.slice("/static/".length).split(/[?#]/)[0]);
    }
  }
  return [...paths].sort();
}

/** The referenced paths that do not exist under `folder`. */
export function missingStaticFiles(css, folder) {
  return staticReferences(css).filter((path) => !existsSync(join(folder, path)));
}
