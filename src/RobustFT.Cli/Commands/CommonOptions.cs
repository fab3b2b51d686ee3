using System.CommandLine;

namespace RobustFT.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    public static Option<string?> Config() => new("--config", "-c") { Description = "HOCON configuration file (layered over the built-in defaults)" };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a configuration key: --set robustft.method.beta=0.3 (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON" };
}
