using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Workers;

/// <summary>The models of one device of a node with the gpu role, as its host registers them (one registration per
/// device): <paramref name="Name"/> ("cpu", "cuda:1", "openai") names the device's GPU worker, the models were loaded on
/// that device. The host owns and disposes the models.</summary>
public sealed record ModelDevice(string Name, ILanguageModel Generator, IEmbedder Encoder);
