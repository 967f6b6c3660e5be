// Copies the console's page and style next to the bundle, in the jar's console/ folder.
import { copyFileSync, mkdirSync } from "node:fs";

const out = new URL("../../../target/classes/console/", import.meta.url);
mkdirSync(out, { recursive: true });
for (const file of ["index.html", "console.css"]) {
  copyFileSync(new URL("src/" + file, import.meta.url), new URL(file, out));
}
