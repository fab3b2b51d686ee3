using RobustFT.Cli.Configuration;

namespace RobustFT.Cluster.Tests.Support;

/// <summary>The shipped defaults (hocon/robustft.conf through the CLI's loader), so that tests run with the values a
/// user gets and no test repeats a default.</summary>
public static class ShippedDefaults
{
    public static RobustFtConfig Config { get; } = new(ConfigLoader.Load(null, null));

    public static int PostgresStartupAttempts => Config.Reader.Int("robustft.store.postgres.startup-attempts");
}
