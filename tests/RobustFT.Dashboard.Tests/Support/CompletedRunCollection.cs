namespace RobustFT.Dashboard.Tests.Support;

[CollectionDefinition(Name)]
public sealed class CompletedRunCollection : ICollectionFixture<CompletedRunFixture>
{
    public const string Name = "completed run";
}
