using System.CommandLine;
using RobustFT.Cli.Configuration;
using RobustFT.Configuration.Rendering;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft config show</c>: the resolved configuration as JSON, secrets redacted.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var raw = new Option<bool>("--raw") { Description = "Only the given file and its includes, without the built-in defaults" };
        var json = CommonOptions.Json();
        var show = new Command("show", "Print the resolved configuration (secrets redacted)") { config, set, raw, json };
        show.SetAction((parse, _) => Cli.Guard(() =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set), includeDefaults: !parse.GetValue(raw));
            Console.Out.WriteLine(HoconRenderer.ToJson(loaded.Tree));
            return Task.FromResult(Cli.Ok);
        }));
        return new Command("config", "Inspect configuration") { show };
    }
}
