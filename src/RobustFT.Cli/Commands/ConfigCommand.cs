using System.CommandLine;
using RobustFT.Cli.Configuration;
using RobustFT.Configuration.Rendering;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft config show</c>: the resolved configuration, secrets redacted: one <c>dotted.path = value</c>
/// line per key (valid HOCON), or with <c>--json</c> one JSON document.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var raw = new Option<bool>("--raw") { Description = "Only the given file and its includes, without the built-in defaults" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of one 'dotted.path = value' line per key" };
        var show = new Command("show", "Print the resolved configuration (secrets redacted)") { config, set, raw, json };
        show.SetAction((parse, _) => Cli.Guard(() =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set), includeDefaults: !parse.GetValue(raw));
            Console.Out.Write(parse.GetValue(json) ? HoconRenderer.ToJson(loaded.Tree) + "\n" : HoconRenderer.ToPathLines(loaded.Tree));
            return Task.FromResult(Cli.Ok);
        }));
        return new Command("config", "Inspect configuration") { show };
    }
}
