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

    /// <summary><c>--match reference|lenient</c>: how multiple-choice answers are compared with gold labels (default: the
    /// configuration key <c>robustft.method.answer-matching</c>).</summary>
    public static Option<string?> Match()
    {
        var match = new Option<string?>("--match")
        {
            Description = "Multiple-choice answer matching: reference (exact, as the reference code) or lenient (case and punctuation ignored); default: robustft.method.answer-matching",
        };
        match.AcceptOnlyFromAmong("reference", "lenient");
        return match;
    }

    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON" };
}
