// DRL (Drools rule language) highlighting for CodeMirror: keywords, strings, comments, numbers, constants.
import { StreamLanguage } from "@codemirror/language";

const KEYWORDS = new Set(["package", "import", "rule", "when", "then", "end", "not", "exists", "forall", "and", "or",
  "from", "collect", "accumulate", "eval", "salience", "no-loop", "agenda-group", "function", "global", "query",
  "insert", "insertLogical", "modify", "retract", "delete", "update", "new", "true", "false", "null", "contains",
  "matches", "memberOf", "in", "this"]);

export const drl = StreamLanguage.define({
  name: "drl",
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo("*/")) {
        stream.match("*/");
        state.inComment = false;
      } else {
        stream.skipToEnd();
      }
      return "comment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("//")) { stream.skipToEnd(); return "comment"; }
    if (stream.match("/*")) { state.inComment = true; return "comment"; }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
    if (stream.match(/^\$[\w]+/)) return "variableName";
    if (stream.match(/^\d+(\.\d+)?/)) return "number";
    if (stream.match(/^[A-Z][A-Z0-9_]+\b/)) return "atom";
    if (stream.match(/^[\w-]+/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return "keyword";
      return /^[A-Z]/.test(word) ? "typeName" : "propertyName";
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
});
