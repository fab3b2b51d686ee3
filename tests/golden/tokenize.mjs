// Reference tokenization for the golden tests.
// Usage: node tokenize.mjs <tokenizer-dir> <input-file|-> [output-file]
//   <tokenizer-dir> holds tokenizer.json (+ optional tokenizer_config.json), or is a bare name such as "llama3_1" or
//   "llama2" for the files bundled in the @lenml/tokenizer-<name> package. Input: one JSON string per line. Output: one JSON array of ids per line,
//   encoded with @lenml/tokenizers and add_special_tokens:false.
// Packages are resolved through NODE_PATH (see scripts/npm-golden.sh).
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);
const { TokenizerLoader } = require("@lenml/tokenizers");

const [tokenizerArg, inputArg, outputArg] = process.argv.slice(2);
if (!tokenizerArg || !inputArg) {
  console.error("usage: node tokenize.mjs <tokenizer-dir|package-name> <input-file|-> [output-file]");
  process.exit(2);
}

function resolveDir(arg) {
  if (/^[a-z0-9_]+$/.test(arg)) {
    return path.dirname(require.resolve(`@lenml/tokenizer-${arg}/models/tokenizer.json`));
  }
  return arg;
}

const dir = resolveDir(tokenizerArg);
const tokenizerJSON = JSON.parse(fs.readFileSync(path.join(dir, "tokenizer.json"), "utf8"));
const configPath = path.join(dir, "tokenizer_config.json");
const tokenizerConfig = fs.existsSync(configPath) ? JSON.parse(fs.readFileSync(configPath, "utf8")) : {};
const tokenizer = TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig });

const input = fs.readFileSync(inputArg === "-" ? 0 : inputArg, "utf8");
const lines = input.split("\n").filter((line) => line.length > 0);
const out = [];
for (const line of lines) {
  const text = JSON.parse(line);
  out.push(JSON.stringify(tokenizer.encode(text, { add_special_tokens: false })));
}
const result = out.join("\n") + "\n";
if (outputArg) fs.writeFileSync(outputArg, result);
else process.stdout.write(result);
