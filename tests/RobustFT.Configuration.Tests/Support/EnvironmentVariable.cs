namespace RobustFT.Configuration.Tests.Support;

/// <summary>Sets a uniquely named process environment variable for the duration of a test.</summary>
internal sealed class EnvironmentVariable : IDisposable
{
    public EnvironmentVariable(string value)
    {
        Name = "ROBUSTFT_HOCON_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Environment.SetEnvironmentVariable(Name, value);
    }

    public string Name { get; }

    public void Dispose() => Environment.SetEnvironmentVariable(Name, null);
}
