namespace RobustFT.Dashboard.Api;

/// <summary>A clean sample retrieved as a few-shot example; <see cref="Url"/> is its own lineage in the API.</summary>
public sealed record NeighbourLink(string SampleId, string Question, string Label, string Url);
