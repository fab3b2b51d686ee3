using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Tests.Decisions;

/// <summary>A saga's correlation id is a pure function of (run id, sample id).</summary>
public sealed class SampleIdentityTests
{
    [Fact]
    public void The_same_run_and_sample_always_give_the_same_id()
    {
        Assert.Equal(SampleIdentity.CorrelationId("run-1", "s1"), SampleIdentity.CorrelationId("run-1", "s1"));
        Assert.NotEqual(Guid.Empty, SampleIdentity.CorrelationId("run-1", "s1"));
    }

    [Fact]
    public void Different_samples_and_different_runs_give_different_ids()
    {
        var ids = new[]
        {
            SampleIdentity.CorrelationId("run-1", "s1"),
            SampleIdentity.CorrelationId("run-1", "s2"),
            SampleIdentity.CorrelationId("run-2", "s1"),
            SampleIdentity.CorrelationId("run-1s", "1"),
            SampleIdentity.CorrelationId("run-", "1s1"),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_of_many_samples_do_not_collide()
    {
        var ids = Enumerable.Range(0, 5000).Select(i => SampleIdentity.CorrelationId("run", $"row-{i}")).ToHashSet();

        Assert.Equal(5000, ids.Count);
    }

    [Fact]
    public void The_id_is_marked_as_a_name_based_version_5_uuid()
    {
        var text = SampleIdentity.CorrelationId("run-1", "s1").ToString();

        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
    }
}
