import { XMLParser, XMLValidator } from "fast-xml-parser";
import { SHARED_SAY_AS, SHARED_SSML_TAGS } from "./render.js";

/**
 * Problems with an SSML string for voice platforms: not well-formed XML, a root other than
 * <speak>, an element or say-as value outside what both Google and Alexa accept, or a break
 * longer than either allows. Empty when it is fine. Used by tests on every reply.
 */
export function ssmlProblems(ssml: string): string[] {
  const valid = XMLValidator.validate(ssml);
  if (valid !== true) return [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];
  const parser = new XMLParser({ ignoreAttributes: false, preserveOrder: true, attributeNamePrefix: "" });
  const tree = parser.parse(ssml) as Node[];
  const problems: string[] = [];
  const roots = tree.filter((n) => !("#text" in n));
  if (roots.length !== 1 || !("speak" in (roots[0] ?? {}))) problems.push("the root element must be <speak>");
  walk(tree, problems);
  return problems;
}

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };

function walk(nodes: Node[], problems: string[]): void {
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "#text" || key === ":@") continue;
      if (!SHARED_SSML_TAGS.has(key)) problems.push(`<${key}> is not accepted by both Google and Alexa`);
      const attrs = node[":@"] ?? {};
      if (key === "say-as" && !SHARED_SAY_AS.has(attrs["interpret-as"] ?? "")) {
        problems.push(`say-as interpret-as="${attrs["interpret-as"]}" is not shared`);
      }
      if (key === "break") {
        const m = /^(\d+)(ms|s)$/.exec(attrs.time ?? "");
        const ms = m ? Number(m[1]) * (m[2] === "s" ? 1000 : 1) : Number.NaN;
        if (!(ms >= 0 && ms <= 10000)) problems.push(`break time="${attrs.time}" is out of range`);
      }
      if (Array.isArray(value)) walk(value as Node[], problems);
    }
  }
}
