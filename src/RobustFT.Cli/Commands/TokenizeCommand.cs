using System.CommandLine;
using System.Text.Json;
using RobustFT.Cli.Configuration;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft tokenize --tokenizer DIR</c>: one JSON array of token ids per stdin line.</summary>
public static class TokenizeCommand
{
    public static Command Create()
    {
        var tokenizer = new Option<string>("--tokenizer") { Description = "Directory with tokenizer.json (+ tokenizer_config.json)", Required = true };
        var special = new Option<bool>("--add-special-tokens") { Description = "Add the post-processor's special tokens (BOS, [CLS]…)" };
        var json = new Option<bool>("--json") { Description = "Read each line as a JSON string (to pass newlines and tabs)" };
        var command = new Command("tokenize", "Tokenize stdin lines with a Hugging Face tokenizer.json") { tokenizer, special, json };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var dir = parse.GetValue(tokenizer)!;
            if (!File.Exists(Path.Combine(dir, "tokenizer.json"))) throw new UsageException($"--tokenizer: no tokenizer.json in '{dir}'");
            HfTokenizer tok;
            try { tok = HfTokenizer.Load(dir); }
            catch (Exception e) when (e is TokenizerException or NotSupportedException) { throw new UsageException(e.Message, e); }
            var add = parse.GetValue(special);
            var asJson = parse.GetValue(json);
            var lineNumber = 0;
            while (await Console.In.ReadLineAsync(ct) is { } line)
            {
                lineNumber++;
                string text;
                try { text = asJson ? JsonSerializer.Deserialize<string>(line) ?? "" : line; }
                catch (JsonException e) { throw new UsageException($"stdin line {lineNumber}: not a JSON string ({e.Message})"); }
                Console.Out.WriteLine(JsonSerializer.Serialize(tok.Encode(text, add)));
            }
            return Cli.Ok;
        }));
        return command;
    }
}
