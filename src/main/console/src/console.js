// The rules console: a rule editor logs in, edits a version's files, checks them as a new version,
// previews its impact on real customers, publishes it, compares versions and rolls back. Everything goes
// through /api/v1/rules with the editor's name and password (HTTP Basic), kept in memory only.
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { yaml } from "@codemirror/lang-yaml";
import { drl } from "./drl.js";

const API = "/api/v1/rules";
const $ = (id) => document.getElementById(id);

const session = {
  credentials: null,
  base: null, // the version the edits started from
  files: new Map(), // path -> text being edited
  open: null, // the path in the editor
  checked: null, // the last version checked here: its detail
  versions: [],
};

let editor = null;

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, body) {
  const headers = { Authorization: "Basic " + session.credentials, Accept: "application/json",
    // asks for a challenge the browser does not answer with its own login dialog
    "X-Requested-With": "ticketspace-console" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json && json.code, (json && json.message) || response.statusText);
  }
  return { json, servedVersion: response.headers.get("Ticketspace-Rules-Version") };
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "onclick") node.addEventListener("click", value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function status(text, kind = "") {
  const box = $("status");
  box.className = kind;
  box.textContent = text;
}

function showError(error) {
  status(error instanceof ApiError ? `${error.message} (${error.code || error.status})` : String(error), "error");
}

// --- log in -----------------------------------------------------------------------------------------

$("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = $("login-name").value;
  const password = $("login-password").value;
  session.credentials = btoa(unescape(encodeURIComponent(name + ":" + password)));
  try {
    const published = await refreshServed();
    $("login-password").value = "";
    $("login-error").textContent = "";
    $("login-view").hidden = true;
    $("work-view").hidden = false;
    $("logout").hidden = false;
    await refreshVersions();
    startEditing(published.json);
    $("versions").querySelector("button")?.focus();
  } catch (error) {
    session.credentials = null;
    $("login-error").textContent = error.status === 401 ? "Wrong name or password." : error.message;
  }
});

$("logout").addEventListener("click", () => {
  session.credentials = null;
  location.reload();
});

async function refreshServed() {
  const published = await call("GET", "/published");
  const p = published.json;
  $("served").textContent = `Published: version ${p.version} by ${p.publishedBy || "?"}`
    + (published.servedVersion ? ` · this replica serves version ${published.servedVersion}` : "");
  $("served").dataset.version = p.version;
  $("served").dataset.served = published.servedVersion || "";
  return published;
}

// --- history ----------------------------------------------------------------------------------------

async function refreshVersions() {
  const { json } = await call("GET", "/versions?limit=100");
  session.versions = json;
  const published = json.find((v) => v.published);
  const list = $("versions");
  list.replaceChildren(...json.map((v) => {
    const label = `version ${v.version}`;
    const publishLabel = published && v.version < published.version ? "Roll back to" : "Publish";
    return element("li", { "data-version": v.version },
      element("span", { class: "meta" }, element("strong", {}, `v${v.version}`), " ", v.message,
        element("br"), `${v.author}, ${new Date(v.createdAt).toLocaleString()}`),
      v.published ? element("span", { class: "badge published" }, "published") : null,
      v.publishable === false ? element("span", { class: "badge unpublishable" }, "has problems") : null,
      element("button", { type: "button", "aria-label": `Open ${label}`, onclick: () => openVersion(v.version) }, "Open"),
      !v.published && v.publishable !== false
        ? element("button", { type: "button", class: "publish-version", "aria-label": `${publishLabel} ${label}`,
          onclick: () => publish(v.version, $("reason").value || `${publishLabel.toLowerCase()} version ${v.version}`,
            v.publishable == null) },
        publishLabel)
        : null);
  }));
  for (const select of [$("diff-from"), $("diff-to")]) {
    const chosen = select.value;
    select.replaceChildren(...json.map((v) => element("option", { value: v.version }, `v${v.version}`)));
    if (chosen) select.value = chosen;
  }
  if (json.length > 1 && !$("diff-from").dataset.touched) {
    $("diff-from").value = json[1].version;
    $("diff-to").value = json[0].version;
  }
}

$("diff-from").addEventListener("change", () => { $("diff-from").dataset.touched = "1"; });

async function openVersion(number) {
  try {
    const { json } = await call("GET", `/versions/${number}`);
    startEditing(json);
    showCheck(json);
    status(`Opened version ${number}.`);
  } catch (error) {
    showError(error);
  }
}

// --- editing ----------------------------------------------------------------------------------------

function startEditing(detail) {
  session.base = detail;
  session.files = new Map(Object.entries(detail.files));
  $("editing").textContent = `from version ${detail.version}`;
  const first = [...session.files.keys()].sort()[0];
  openFile(first);
}

function languageOf(path) {
  return path.endsWith(".yml") || path.endsWith(".yaml") ? yaml() : drl;
}

function openFile(path) {
  keepEdits();
  session.open = path;
  renderFiles();
  if (path === undefined) return;
  const state = EditorState.create({
    doc: session.files.get(path),
    extensions: [basicSetup, languageOf(path), lintGutter(), EditorView.contentAttributes.of({ "aria-label": `Contents of ${path}` })],
  });
  if (editor) editor.setState(state);
  else editor = new EditorView({ state, parent: $("code") });
  showDiagnostics();
}

function keepEdits() {
  if (editor && session.open !== null && session.files.has(session.open)) {
    session.files.set(session.open, editor.state.doc.toString());
  }
}

function renderFiles() {
  const problems = problemsByFile();
  $("files").replaceChildren(...[...session.files.keys()].sort().map((path) => element("li", { role: "presentation" },
    element("button", { type: "button", role: "tab", "aria-selected": String(path === session.open),
      class: problems.has(path) ? "has-errors" : null, onclick: () => openFile(path) }, path))));
}

$("revert").addEventListener("click", () => {
  const original = session.base.files[session.open];
  if (original === undefined) return;
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: original } });
  status(`Reverted ${session.open} to version ${session.base.version}.`);
});

$("remove").addEventListener("click", () => {
  if (!session.open) return;
  const removed = session.open;
  session.files.delete(removed);
  session.open = null;
  openFile([...session.files.keys()].sort()[0]);
  status(`Removed ${removed} from the draft.`);
});

$("new-file").addEventListener("submit", (event) => {
  event.preventDefault();
  const path = $("new-file-name").value.trim();
  if (!path || session.files.has(path)) return;
  keepEdits();
  session.files.set(path, path.endsWith(".drl") ? "package ticketspace.rules;\n\n" : "");
  $("new-file-name").value = "";
  openFile(path);
  editor.focus();
});

// --- check ------------------------------------------------------------------------------------------

$("check-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  keepEdits();
  status("Checking: compiling the rules and running their scenarios…");
  $("check").disabled = true;
  try {
    const { json } = await call("POST", "/versions", { files: Object.fromEntries(session.files), message: $("message").value });
    session.base = json;
    $("editing").textContent = `from version ${json.version}`;
    showCheck(json);
    await refreshVersions();
  } catch (error) {
    showError(error);
  } finally {
    $("check").disabled = false;
  }
});

function problemsByFile() {
  const byFile = new Map();
  for (const problem of session.checked?.problems || []) {
    if (!byFile.has(problem.file)) byFile.set(problem.file, []);
    byFile.get(problem.file).push(problem);
  }
  return byFile;
}

function showCheck(detail) {
  session.checked = detail;
  $("impact").replaceChildren();
  $("diff").replaceChildren();
  const problems = detail.problems || [];
  $("problems").replaceChildren(...problems.map((p) => element("li", { class: p.warning ? "warning" : "error" },
    element("button", { type: "button", onclick: () => goTo(p) }, `${p.file}:${p.line}:${p.column}`),
    ` ${p.warning ? "warning: " : ""}${p.message}`)));
  const scenarios = detail.scenarios;
  $("scenarios").replaceChildren(...(scenarios ? [
    element("p", { class: scenarios.failed ? "error" : "ok" }, `Scenarios: ${scenarios.passed} passed, ${scenarios.failed} failed`),
    ...scenarios.failures.map((f) => element("details", { open: true },
      element("summary", {}, `${f.file}:${f.line} ${f.name || ""}`),
      element("pre", {}, f.differences.join("\n")))),
    ...scenarios.warnings.map((w) => element("p", { class: "warning" }, w)),
  ] : detail.checked ? [element("p", { class: "error" }, "Scenarios did not run: the rules do not compile.")] : []));
  const errors = problems.filter((p) => !p.warning).length;
  if (!detail.checked) status(`Version ${detail.version} has not been checked yet.`);
  else if (detail.publishable) status(`Version ${detail.version} passes its check: preview or publish it.`, "ok");
  else status(`Version ${detail.version} cannot be published: ${errors} error(s), ${scenarios ? scenarios.failed : "no"} failing scenario(s).`, "error");
  $("preview-form").hidden = !detail.publishable;
  $("publish-form").hidden = !detail.publishable || detail.published;
  renderFiles();
  showDiagnostics();
}

function showDiagnostics() {
  if (!editor) return;
  const doc = editor.state.doc;
  const diagnostics = (problemsByFile().get(session.open) || [])
    .filter(() => session.checked && session.files.get(session.open) === session.checked.files?.[session.open])
    .map((p) => {
      const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
      const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
      return { from, to: Math.min(Math.max(from + 1, line.to), doc.length), severity: p.warning ? "warning" : "error", message: p.message };
    });
  editor.dispatch(setDiagnostics(editor.state, diagnostics));
}

function goTo(problem) {
  if (session.files.has(problem.file)) {
    openFile(problem.file);
    const line = editor.state.doc.line(Math.min(Math.max(problem.line, 1), editor.state.doc.lines));
    editor.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
    editor.focus();
  }
}

// --- preview and publish ----------------------------------------------------------------------------

$("preview-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const version = session.checked.version;
  status(`Previewing version ${version} on real customers (read only)…`);
  $("preview").disabled = true;
  try {
    const { json } = await call("POST", `/versions/${version}/preview?customers=${encodeURIComponent($("preview-customers").value)}`);
    showImpact(json);
    status(`Preview of version ${version} against version ${json.publishedVersion}: ${json.customersChanged} of ${json.customersCompared} customers would see something different.`);
  } catch (error) {
    showError(error);
  } finally {
    $("preview").disabled = false;
  }
});

function showImpact(result) {
  const rows = Object.entries(result.changes).map(([kind, count]) => element("tr", {}, element("td", {}, kind.replaceAll("_", " ")), element("td", {}, String(count))));
  const examples = result.examples.map((example) => element("details", {},
    element("summary", {}, `${example.customerId}: ${example.differences.join("; ")}`),
    element("pre", {}, "before: " + JSON.stringify(example.before)),
    element("pre", {}, "after:  " + JSON.stringify(example.after))));
  const stoppedEarly = result.complete ? []
    : [element("p", { class: "warning" }, `Stopped early (${result.stoppedBecause}): the figures cover the customers compared.`)];
  $("impact").replaceChildren(
    element("table", { "aria-label": "Impact by kind of change" },
      element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "change"), element("th", { scope: "col" }, "customers"))),
      element("tbody", {}, ...rows)),
    ...stoppedEarly,
    ...examples);
}

$("publish-form").addEventListener("submit", (event) => {
  event.preventDefault();
  publish(session.checked.version, $("reason").value || null);
});

async function publish(version, reason, unchecked = false) {
  status(unchecked ? `Checking version ${version}, which was stored unchecked, then publishing it…`
    : `Publishing version ${version}…`);
  try {
    await call("POST", `/versions/${version}/publish`, { reason });
    $("reason").value = "";
    $("publish-form").hidden = true;
    await refreshVersions();
    await refreshServed();
    status(`Published version ${version}: every replica switches to it within seconds.`, "ok");
  } catch (error) {
    showError(error);
  }
}

// --- compare ----------------------------------------------------------------------------------------

$("diff-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const from = $("diff-from").value;
  const to = $("diff-to").value;
  try {
    const { json } = await call("GET", `/versions/${from}/diff/${to}`);
    $("diff").replaceChildren(element("h3", {}, `From v${from} to v${to}`),
      ...(json.files.length ? json.files.map((file) => element("details", { open: true },
        element("summary", {}, `${file.path} (${file.change})`),
        element("pre", {}, ...file.diff.split("\n").map((line) => element("span", {
          class: line.startsWith("+") ? "diff-add" : line.startsWith("-") ? "diff-del" : null }, line + "\n")))))
        : [element("p", {}, "No difference.")]));
    $("diff").querySelector("summary")?.focus();
  } catch (error) {
    showError(error);
  }
});

setInterval(() => { if (session.credentials) refreshServed().catch(() => {}); }, 5000);
