namespace RobustFT.Dashboard.Api;

/// <summary>Body of every 4xx answer of the API.</summary>
public sealed record ApiError(string Error);
