namespace RobustFT.Cli.Backends;

/// <summary>The models loaded on one device of a GPU node: <paramref name="Device"/> ("cpu", "cuda:1", "openai") names
/// the device's GPU worker.</summary>
public sealed record DeviceBackends(string Device, ModelBackends Models);
