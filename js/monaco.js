// The only JavaScript of the playground: loads Monaco (served from ./vs, never a CDN) and gives
// the Rust side a few narrow operations. Bound in src/platform/monaco.rs; every model is named
// by a numeric document key.

// Monaco 0.57's AMD build registers the services of the editor contributions (code lens cache,
// suggest memories, inlay hints, …) in this chunk, but `editor.main` does not make its language
// contributions wait for it: when one of those runs first, Monaco starts its services without
// them and logs "… depends on UNKNOWN service ICodeLensCache" (a race on load order). Loading
// this chunk first fixes the order. The name belongs to monaco-editor 0.57.0, pinned in
// package.json; a test checks that the file exists.
export const CONTRIBUTIONS_CHUNK = "vs/toggleHighContrast-DuqAmExZ";

let loading = null;
const models = new Map(); // key -> { model, timer, listener, decorations: Map<kind, ids>, markers }
// Delay between an edit and the text going to the app: 0 while evaluations are fast (the text
// goes at the end of the current task, so one keystroke's edits arrive together), a debounce
// when they are slow (set by the app after each evaluation, src/platform/monaco.rs).
let editDelayMs = 0;
// Markers are set in batches of this many per animation frame, so a large document's
// thousands of findings never block the page at once.
const MARKER_BATCH = 1000;
// A document this long (UTF-16 units, the engine worker's threshold of src/store/live.rs) is
// shown without the editor features that cost the page's main thread time in proportion to its
// size after every change (measured with tests/profile-big-input.mjs on a 1 MB policy): word
// wrap (Monaco breaks every line again), folding (the JSON worker's ranges become thousands of
// decorations: 50–70 ms per edit), bracket-pair colours (a tree of every bracket, parsed on the
// next render: 40 ms), bracket matching, occurrence and selection highlights, sticky scroll,
// links, colour decorators and word-based suggestions (both scan the whole text).
const LARGE_LENGTH = 64 * 1024;
const LARGE_OPTIONS = {
  wordWrap: "off",
  folding: false,
  matchBrackets: "never",
  occurrencesHighlight: "off",
  selectionHighlight: false,
  stickyScroll: { enabled: false },
  links: false,
  colorDecorators: false,
  wordBasedSuggestions: "off",
  guides: { bracketPairs: false, bracketPairsHorizontal: false, highlightActiveBracketPair: false, indentation: false },
};
// What the editor had before it first showed a large document (read back from the editor).
let smallOptions = null;
let largeShown = false;

// The options for what the editor shows (or is about to show: `length`).
function fitSize(editor, length) {
  const large = length >= LARGE_LENGTH;
  const model = editor.getModel();
  if (model) fitModel(model, large);
  if (large === largeShown) return;
  if (!smallOptions) {
    const { EditorOption } = globalThis.monaco.editor;
    smallOptions = { wordBasedSuggestions: "currentDocument" };
    for (const key of Object.keys(LARGE_OPTIONS)) {
      if (key in EditorOption) smallOptions[key] = editor.getOption(EditorOption[key]);
    }
  }
  largeShown = large;
  editor.updateOptions(large ? LARGE_OPTIONS : smallOptions);
}

// Bracket-pair colours are the model's option (the editor's option does not reach it).
function fitModel(model, large) {
  if (model.__iamLarge === large) return;
  model.__iamLarge = large;
  model.updateOptions({ bracketColorizationOptions: { enabled: !large, independentColorPoolPerBracketType: false } });
}

// Monaco's AMD loader: js/boot.js starts loading it early (the full page) and an embed, which
// has no editor, never loads it; this waits for it, or loads it.
function monacoLoader() {
  if (typeof globalThis.require?.config === "function") return Promise.resolve(globalThis.require);
  let script = document.querySelector("script[data-monaco-loader]");
  if (!script) {
    script = document.createElement("script");
    script.src = "vs/loader.js";
    script.dataset.monacoLoader = "";
    document.head.append(script);
  }
  return new Promise((resolve, reject) => {
    script.addEventListener("load", () => resolve(globalThis.require), { once: true });
    script.addEventListener("error", () => reject(new Error("the Monaco loader (vs/loader.js) did not load")), {
      once: true,
    });
  });
}

function loadMonaco() {
  if (loading) return loading;
  loading = monacoLoader().then((req) => new Promise((resolve, reject) => {
    if (!req || typeof req.config !== "function") {
      reject(new Error("the Monaco loader (vs/loader.js) is not on the page"));
      return;
    }
    req.config({ paths: { vs: "vs" } });
    const main = () =>
      req(["vs/editor/editor.main"], () => resolve(globalThis.monaco), (err) => reject(err));
    req([CONTRIBUTIONS_CHUNK], main, main);
  }));
  return loading;
}

export async function createEditor(host, theme) {
  const monaco = await loadMonaco();
  const json = monaco.json ?? monaco.languages.json;
  // The engine reports JSON syntax errors itself (with the same positions); avoid duplicates.
  // The World editor's model (key 4294967279 = u32::MAX - 16) gets the World schema, for
  // completion and hover; nothing is fetched (enableSchemaRequest is off).
  // Monaco's JSON worker would answer colors, document symbols and diagnostics after every edit;
  // the policies have no colors, nothing shows symbols, and the engine reports the errors. On a
  // 1 MB document those replies cost the page seconds per keystroke. Completion and hover stay
  // (the World schema), and folding, formatting and selection ranges (asked on demand).
  json?.jsonDefaults?.setModeConfiguration?.({
    ...json.jsonDefaults.modeConfiguration,
    colors: false,
    documentSymbols: false,
    diagnostics: false,
  });
  json?.jsonDefaults?.setDiagnosticsOptions({
    validate: false,
    enableSchemaRequest: false,
    schemas: [
      {
        uri: "inmemory://schema/world.json",
        fileMatch: ["inmemory://policy/4294967279.json", "*/4294967279.json"],
        schema: WORLD_SCHEMA,
      },
    ],
  });
  const editor = monaco.editor.create(host, {
    model: null,
    theme,
    language: "json",
    automaticLayout: true,
    minimap: { enabled: false },
    wordWrap: "on",
    wrappingIndent: "indent",
    fontSize: 13,
    tabSize: 2,
    scrollBeyondLastLine: false,
    fixedOverflowWidgets: true,
    renderValidationDecorations: "on",
    // Completion inside strings too: actions, keys and ARNs are all strings.
    quickSuggestions: { other: true, comments: false, strings: true },
    ariaLabel: "Policy editor",
    // Tab and Shift+Tab move focus out of the editor (Escape first closes a suggestion or
    // leaves a snippet), so keyboard users are never trapped; Ctrl+M switches Tab to indenting
    // and back (the hint under the editor and the help say so).
    tabFocusMode: true,
  });
  editor.addAction({
    id: "iam.toggleTabFocus",
    label: "Toggle Tab moves focus",
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM],
    run: (ed) => {
      const next = !ed.getOption(monaco.editor.EditorOption.tabFocusMode);
      ed.updateOptions({ tabFocusMode: next });
      host.dataset.tabMovesFocus = String(next);
      host.dispatchEvent(new CustomEvent("tab-focus-mode", { bubbles: true, detail: next }));
    },
  });
  host.dataset.tabMovesFocus = "true";
  // Before Monaco inserts a large paste, and whenever the shown document grows or shrinks
  // past the limit. A large paste into one selection goes in in pieces (pasteInPieces).
  host.addEventListener(
    "paste",
    (e) => {
      const text = e.clipboardData?.getData("text/plain") ?? "";
      const model = editor.getModel();
      const fit = () => fitSize(editor, (model?.getValueLength() ?? 0) + text.length);
      const one = editor.getSelections()?.length === 1;
      if (model && one && text.length > 2 * PASTE_PIECE && !editor.getOption(monaco.editor.EditorOption.readOnly)) {
        e.preventDefault();
        e.stopPropagation();
        // The options fitted in a task of their own, after the first piece.
        pasteInPieces(editor, model, text, (rest) => fitSize(editor, model.getValueLength() + rest));
      } else {
        fit();
      }
    },
    { capture: true },
  );
  // (Not while a paste goes in in pieces: it fitted the options to its whole length first.)
  editor.onDidChangeModelContent(() => pasting || fitSize(editor, editor.getModel()?.getValueLength() ?? 0));
  editor.onDidChangeModel(() => fitSize(editor, editor.getModel()?.getValueLength() ?? 0));
  return editor;
}

// At most this many UTF-16 units of changes go to the app as edits (more: the whole text).
const EDITS_LIMIT = 16 * 1024;

// A paste longer than twice this (UTF-16 units) goes into the document in pieces of about this
// size, ending at line ends, as many per task as fit in PASTE_SLICE_MS: Monaco's work on an
// edit grows with the lines it inserts (a 1 MB paste in one edit was one task of 90–110 ms).
const PASTE_PIECE = 32 * 1024;
const PASTE_SLICE_MS = 20;
// How many pastes are going in in pieces.
let pasting = 0;

// Paste `text` over the editor's selection in pieces, one undo step. The app hears of the
// change once, when the last piece is in. What the user types meanwhile stays where they typed
// it (at the cursor, which follows the pasted text while they leave it there): the pieces go
// where the pasted text ends, followed by a decoration.
function pasteInPieces(editor, model, text, prepare) {
  const monaco = globalThis.monaco;
  const entry = [...models.values()].find((e) => e.model === model);
  if (entry) entry.pasting = true;
  pasting++;
  model.pushStackElement();
  let range = editor.getSelection();
  let from = 0;
  let tracked = [];
  const end = () => {
    if (entry) entry.pasting = false;
    pasting--;
    if (!model.isDisposed()) {
      model.deltaDecorations(tracked, []);
      model.pushStackElement();
      entry?.changed();
    }
  };
  // `budget`: how long this task may insert for (the first piece goes in at once, alone, so
  // that nothing typed meanwhile can replace the selection the paste replaces).
  const step = (budget) => {
    if (model.isDisposed()) return end();
    const t0 = performance.now();
    do {
      if (!range) {
        // Where the pasted text ends now (the user may have edited before it).
        const done = tracked.length ? model.getDecorationRange(tracked[0]) : null;
        if (!done) return end();
        const p = done.getEndPosition();
        range = new monaco.Range(p.lineNumber, p.column, p.lineNumber, p.column);
      }
      // The first piece is small: it goes in in the paste event's task.
      const size = from === 0 ? PASTE_PIECE / 8 : PASTE_PIECE;
      let to = Math.min(text.length, from + size);
      const eol = text.indexOf("\n", to);
      if (to < text.length && eol !== -1 && eol - to < size) to = eol + 1;
      const start = range.getStartPosition();
      const cursor = editor.getSelection();
      // The cursor follows the pasted text unless the user put it elsewhere.
      const follow = from === 0 || (cursor.isEmpty() && cursor.getStartPosition().equals(range.getEndPosition()));
      editor.executeEdits(
        "paste",
        [{ range, text: text.slice(from, to), forceMoveMarkers: true }],
        follow ? (inverse) => [monaco.Selection.fromPositions(inverse[0].range.getEndPosition())] : undefined,
      );
      const stop = model.getPositionAt(model.getOffsetAt(start) + (to - from));
      const first = tracked.length ? model.getDecorationRange(tracked[0]).getStartPosition() : start;
      tracked = model.deltaDecorations(tracked, [
        { range: monaco.Range.fromPositions(first, stop), options: { stickiness: 1 } },
      ]);
      from = to;
      range = null;
    } while (from < text.length && performance.now() - t0 < budget);
    if (from >= text.length) end();
    else if (budget === 0) {
      // After the first piece: `prepare` (fitting the editor's options to the whole paste, given
      // the length still to come) in a task of its own, then the other pieces.
      setTimeout(() => {
        if (!model.isDisposed()) prepare(text.length - from);
        setTimeout(() => step(PASTE_SLICE_MS), 0);
      }, 0);
    } else setTimeout(() => step(PASTE_SLICE_MS), 0);
  };
  step(0);
}

/// Set the delay between an edit and the text going to the app (0: at the end of the task).
export function setEditDelay(ms) {
  editDelayMs = Math.max(0, Number(ms) || 0);
}

// `delayMs` (optional) fixes the delay for this model; without it the app's current delay
// (setEditDelay) applies.
export function openModel(key, text, onChange, delayMs) {
  const monaco = globalThis.monaco;
  if (models.has(key)) return;
  const uri = monaco.Uri.parse(`inmemory://policy/${key}.json`);
  const model = monaco.editor.createModel(text, "json", uri);
  // `edits`: the changes since the text last went to the app, [[offset, length, text], …] in
  // UTF-16 units (null: too many, the whole text goes).
  const entry = { model, timer: 0, queued: false, decorations: new Map(), markers: 0, edits: [], editUnits: 0, onEdit: null };
  const send = () => {
    entry.timer = 0;
    entry.queued = false;
    const edits = entry.edits;
    entry.edits = [];
    entry.editUnits = 0;
    // A large document: only what changed, when the app can apply it to the text it has.
    const length = model.getValueLength();
    if (edits?.length && entry.onEdit && length >= LARGE_LENGTH && entry.onEdit(JSON.stringify(edits), length)) {
      // Counted for the tests.
      const root = document.documentElement.dataset;
      root.editsSent = String(Number(root.editsSent ?? 0) + 1);
      return;
    }
    onChange(model.getValue());
  };
  // A change: the text goes to the app now, at the end of the task or after the delay (not
  // while a large paste is going in: once it is in).
  entry.changed = () => {
    clearTimeout(entry.timer);
    const delay = delayMs ?? editDelayMs;
    if (delay > 0) {
      entry.timer = setTimeout(send, delay);
    } else if (model.getValueLength() >= LARGE_LENGTH) {
      // A large document (a paste, before the app has measured it): in a task of its own, so
      // Monaco's work on the edit and the app's on the text never add up to one long task.
      entry.queued = false;
      entry.timer = setTimeout(send, 0);
    } else if (!entry.queued) {
      // At the end of this task: a keystroke's edits (a typed quote and its closing quote, a
      // paste) arrive together, and the page updates before the next frame.
      entry.queued = true;
      queueMicrotask(() => entry.queued && send());
    }
  };
  entry.listener = model.onDidChangeContent((e) => {
    if (entry.edits) {
      // One event's changes run from the end of the document to its start: in order.
      for (const c of e.changes) {
        entry.edits.push([c.rangeOffset, c.rangeLength, c.text]);
        entry.editUnits += c.text.length + 16;
      }
      if (e.isFlush || entry.editUnits > EDITS_LIMIT) entry.edits = null;
    }
    if (!entry.pasting) entry.changed();
  });
  models.set(key, entry);
}

// `onEdit(editsJson, length)` receives the changes of a large document instead of its whole
// text (`onChange`) and returns whether it applied them to the text it had (false: the whole
// text follows).
export function setEditHandler(key, onEdit) {
  const entry = models.get(key);
  if (entry) entry.onEdit = onEdit;
}

export function closeModel(key) {
  const entry = models.get(key);
  if (!entry) return;
  clearTimeout(entry.timer);
  entry.queued = false;
  entry.markers++;
  entry.listener.dispose();
  entry.model.dispose();
  models.delete(key);
}

export function showModel(editor, key) {
  const entry = models.get(key);
  if (entry && editor.getModel() !== entry.model) editor.setModel(entry.model);
}

export function setText(key, text) {
  const entry = models.get(key);
  if (entry && entry.model.getValue() !== text) {
    entry.model.setValue(text);
    // The app has this text: what goes next is the whole text (never this flush as an edit).
    entry.edits = null;
  }
}

// markers: [{ startLineNumber, startColumn, endLineNumber, endColumn, message, severity }]
export function setMarkers(key, markersJson) {
  const entry = models.get(key);
  if (!entry) return;
  const monaco = globalThis.monaco;
  const severity = { error: "Error", warning: "Warning", info: "Info" };
  const markers = JSON.parse(markersJson).map((m) => ({
    ...m,
    severity: monaco.MarkerSeverity[severity[m.severity] ?? "Warning"],
  }));
  // A newer call replaces the batches of an older one that are still to come.
  const run = ++entry.markers;
  const owner = (i) => (i === 0 ? "iam" : `iam-${i + 1}`);
  const batches = Math.max(1, Math.ceil(markers.length / MARKER_BATCH));
  // Many markers: one batch per animation frame, each under its own owner (Monaco replaces an
  // owner's markers on each call), so no frame does all the work.
  let i = 0;
  const step = () => {
    if (run !== entry.markers || entry.model.isDisposed()) return;
    monaco.editor.setModelMarkers(entry.model, owner(i), markers.slice(i * MARKER_BATCH, (i + 1) * MARKER_BATCH));
    i++;
    entry.owners = Math.max(entry.owners ?? 1, i);
    if (i < batches) {
      requestAnimationFrame(step);
    } else {
      // Batches of an earlier, longer list.
      for (let j = batches; j < entry.owners; j++) monaco.editor.setModelMarkers(entry.model, owner(j), []);
      entry.owners = batches;
    }
  };
  step();
}

// decorations: [{ range: { startLineNumber, … }, className, hover }]
export function setDecorations(key, kind, decorationsJson) {
  const entry = models.get(key);
  if (!entry) return;
  const list = JSON.parse(decorationsJson).map((d) => ({
    range: d.range,
    options: {
      className: d.className,
      isWholeLine: false,
      hoverMessage: d.hover ? { value: d.hover } : undefined,
      overviewRuler: { color: d.ruler, position: 4 },
      stickiness: 1,
    },
  }));
  const old = entry.decorations.get(kind) ?? [];
  entry.decorations.set(kind, entry.model.deltaDecorations(old, list));
}

export function focusRange(editor, key, rangeJson) {
  const entry = models.get(key);
  if (!entry) return;
  if (editor.getModel() !== entry.model) editor.setModel(entry.model);
  const r = JSON.parse(rangeJson);
  editor.setSelection(r);
  editor.revealRangeInCenterIfOutsideViewport(r);
  editor.focus();
}

export function focusEditor(editor) {
  editor.focus();
}

export function setTheme(theme) {
  globalThis.monaco?.editor.setTheme(theme);
}

// Editor help: completion and hover on the policy models, answered by Rust (src/features/editor/)
// as JSON. complete(text, offset) -> { start, end, items: [{ label, kind, detail, insert,
// snippet }] }; hover(text, offset) -> { start, end, contents: [markdown] }; "" for none.
let helpInstalled = false;
let managedHelpInstalled = false;
export function installHelp(complete, hover) {
  const monaco = globalThis.monaco;
  if (helpInstalled || !monaco) return;
  helpInstalled = true;
  registerHelp(monaco, complete, hover);
}

// Completion and hover of AWS managed policy ARNs, in every editor of ours (policy documents and
// the World scenario): a second pair of providers, merged by Monaco with the first.
export function installManagedHelp(complete, hover) {
  const monaco = globalThis.monaco;
  if (managedHelpInstalled || !monaco) return;
  managedHelpInstalled = true;
  registerHelp(monaco, complete, hover);
}

// Help reads the text around the cursor, at most HELP_WINDOW UTF-16 units on each side, from the
// start of a line (a JSON string never spans lines, so the scanner starts outside one) to the
// end of one: a statement being edited is whole in it, and a 1 MB document costs no more than a
// small one (passing the whole document to the engine took 20–45 ms per suggestion request).
const HELP_WINDOW = 16 * 1024;

// { text, offset, base }: the text help reads, the cursor's offset in it, and the document
// offset where it starts.
function around(model, position) {
  const offset = model.getOffsetAt(position);
  const length = model.getValueLength();
  if (length <= 2 * HELP_WINDOW) return { text: model.getValue(), offset, base: 0 };
  let from = model.getPositionAt(Math.max(0, offset - HELP_WINDOW));
  let to = model.getPositionAt(Math.min(length, offset + HELP_WINDOW));
  const lineStart = model.getOffsetAt({ lineNumber: from.lineNumber, column: 1 });
  // A line too long to take whole (a minified document): the window starts inside it.
  if (offset - lineStart <= 2 * HELP_WINDOW) from = { lineNumber: from.lineNumber, column: 1 };
  const lineEnd = model.getOffsetAt({ lineNumber: to.lineNumber, column: model.getLineMaxColumn(to.lineNumber) });
  if (lineEnd - offset <= 2 * HELP_WINDOW) to = { lineNumber: to.lineNumber, column: model.getLineMaxColumn(to.lineNumber) };
  const range = new globalThis.monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column);
  const base = model.getOffsetAt(from);
  const text = model.getValueInRange(range);
  // For the tests: how much text the last help request read.
  document.documentElement.dataset.helpTextLength = String(text.length);
  return { text, offset: offset - base, base };
}

function registerHelp(monaco, complete, hover) {
  const ours = (model) => model.uri.scheme === "inmemory" && model.uri.authority === "policy";
  const range = (model, r, base) => {
    const a = model.getPositionAt(base + r.start);
    const b = model.getPositionAt(base + r.end);
    return new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
  };
  const K = monaco.languages.CompletionItemKind;
  const kinds = { module: K.Module, function: K.Function, operator: K.Operator, property: K.Property, snippet: K.Snippet };
  monaco.languages.registerCompletionItemProvider("json", {
    triggerCharacters: ['"', ":", "/"],
    provideCompletionItems(model, position) {
      if (!ours(model)) return { suggestions: [] };
      const at = around(model, position);
      const json = complete(at.text, at.offset);
      if (!json) return { suggestions: [] };
      const c = JSON.parse(json);
      const r = range(model, c, at.base);
      return {
        suggestions: c.items.map((i) => ({
          label: i.label,
          kind: kinds[i.kind] ?? K.Text,
          detail: i.detail,
          insertText: i.insert,
          insertTextRules: i.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : 0,
          range: r,
          command: i.kind === "module" ? { id: "editor.action.triggerSuggest", title: "" } : undefined,
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider("json", {
    provideHover(model, position) {
      if (!ours(model)) return null;
      const at = around(model, position);
      const json = hover(at.text, at.offset);
      if (!json) return null;
      const h = JSON.parse(json);
      return { range: range(model, h, at.base), contents: h.contents.map((value) => ({ value })) };
    },
  });
}

// JSON schema of the World scenario (shared/scenario-format.md, "World (extension, v2)"),
// given to Monaco's JSON language for completion and hover in the World editor.
const policy = { description: "An IAM policy: a JSON object or a JSON string", type: ["object", "string"] };
const policies = { type: "array", items: policy };
const tags = {
  description: "Tags: an object of tag keys to values",
  type: "object",
  additionalProperties: { type: "string" },
};
const orgNode = {
  type: "object",
  properties: {
    Id: { type: "string", description: "r-… for the root, ou-… for an organizational unit" },
    ServiceControlPolicies: { ...policies, description: "SCPs attached here (a level with none has FullAWSAccess)" },
    ResourceControlPolicies: { ...policies, description: "RCPs attached here (RCPFullAWSAccess is always attached too)" },
    Accounts: {
      type: "array",
      description: "Member accounts: 12-digit IDs, or objects with Id and the account's own SCPs/RCPs",
      items: {
        anyOf: [
          { type: "string", pattern: "^[0-9]{12}$" },
          {
            type: "object",
            properties: {
              Id: { type: "string", pattern: "^[0-9]{12}$" },
              ServiceControlPolicies: policies,
              ResourceControlPolicies: policies,
            },
            required: ["Id"],
          },
        ],
      },
    },
    Children: { type: "array", description: "Child OUs", items: { $ref: "#/definitions/orgNode" } },
  },
};
const hop = {
  type: "object",
  properties: {
    Api: {
      enum: ["AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "GetSessionToken"],
      description: "The STS operation",
    },
    RoleArn: { type: "string", description: "arn:aws:iam::ACCOUNT:role/NAME" },
    RoleSessionName: { type: "string" },
    Tags: { ...tags, description: "Session tags (need sts:TagSession in the trust policy)" },
    TransitiveTagKeys: { type: "array", items: { type: "string" }, description: "Session tags that survive role chaining" },
    Policy: { ...policy, description: "Inline session policy" },
    ExternalId: { type: "string", description: "sts:ExternalId" },
    SourceIdentity: { type: "string", description: "sts:SourceIdentity" },
    DurationSeconds: { type: "integer", minimum: 900, description: "Session length; 3600 by default, at most 3600 when chaining" },
    FederatedClaims: { ...tags, description: "Claims such as saml:aud or accounts.google.com:sub" },
    Provider: { type: "string", description: "The identity provider (SAML provider ARN or accounts.google.com, …)" },
    Mfa: { type: "boolean", description: "MFA passed with this call (SerialNumber + TokenCode)" },
    IssuedAt: { type: "string", description: "When the call is made (ISO 8601); credentials expire DurationSeconds later" },
  },
};
const WORLD_SCHEMA = {
  type: "object",
  definitions: { orgNode },
  properties: {
    World: {
      type: "object",
      properties: {
        Organization: {
          type: "object",
          properties: {
            Id: { type: "string", description: "o-…" },
            ManagementAccount: { type: "string", description: "SCPs skip its principals, RCPs its resources" },
            Root: { $ref: "#/definitions/orgNode" },
          },
        },
        Users: {
          type: "array",
          items: {
            type: "object",
            properties: {
              Arn: { type: "string", description: "arn:aws:iam::ACCOUNT:user/NAME" },
              UserId: { type: "string" },
              Tags: tags,
              Groups: { type: "array", items: { type: "string" }, description: "Group names or ARNs" },
              Policies: policies,
              PermissionsBoundary: policy,
              MfaDevices: { type: "array", items: { type: "string" } },
              AccessKeys: {
                type: "array",
                items: { type: "object", properties: { Id: { type: "string" }, Status: { enum: ["Active", "Inactive"] } } },
              },
            },
            required: ["Arn"],
          },
        },
        Groups: {
          type: "array",
          items: { type: "object", properties: { Arn: { type: "string" }, Policies: policies }, required: ["Arn"] },
        },
        Roles: {
          type: "array",
          items: {
            type: "object",
            properties: {
              Arn: { type: "string", description: "arn:aws:iam::ACCOUNT:role/NAME" },
              RoleId: { type: "string" },
              TrustPolicy: { ...policy, description: "Who may assume the role (its resource-based policy)" },
              Policies: policies,
              PermissionsBoundary: policy,
              Tags: tags,
              MaxSessionDuration: { type: "integer", minimum: 3600, maximum: 43200 },
            },
            required: ["Arn"],
          },
        },
        Resources: {
          type: "array",
          items: {
            type: "object",
            properties: {
              Arn: { type: "string" },
              Account: { type: "string" },
              Tags: tags,
              Policy: policy,
              KeyManager: { enum: ["AWS", "CUSTOMER"], description: "A KMS key: AWS managed keys are not affected by RCPs" },
            },
            required: ["Arn"],
          },
        },
      },
    },
    Request: {
      type: "object",
      properties: {
        Principal: { type: "string", description: "A user ARN, arn:aws:iam::ACCOUNT:root, or an identity provider" },
        Authentication: {
          type: "object",
          properties: {
            Mfa: { type: "boolean" },
            MfaAgeSeconds: { type: "integer", minimum: 0 },
            AccessKey: { type: "string", description: "Long-term access key used (no MFA keys then)" },
          },
        },
        AssumeRoleChain: { type: "array", items: hop },
        ViaVpcEndpoint: {
          type: "object",
          description: "The request travels through this VPC endpoint; no Policy means the default endpoint policy (full access)",
          properties: {
            Id: { type: "string", description: "vpce-… (aws:SourceVpce)" },
            VpcId: { type: "string", description: "vpc-… (aws:SourceVpc)" },
            Policy: { ...policy, description: "The endpoint policy: it must allow what passes through; it never grants" },
          },
        },
        ActionNames: { type: "array", items: { type: "string" } },
        ResourceArns: { type: "array", items: { type: "string" } },
        ContextEntries: {
          type: "array",
          items: {
            type: "object",
            properties: {
              ContextKeyName: { type: "string" },
              ContextKeyValues: { type: "array", items: { type: "string" } },
              ContextKeyType: {
                enum: ["string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList"],
              },
            },
          },
        },
      },
      required: ["Principal", "ActionNames"],
    },
  },
  required: ["World", "Request"],
};
