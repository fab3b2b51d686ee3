using RobustFT.Core.Method;

namespace RobustFT.Cluster.Tests.Decisions;

/// <summary>Sampling seeds per (run seed, sample, step): reproducible, and distinct per step.</summary>
public sealed class StepSeedTests
{
    [Fact]
    public void The_same_seed_sample_and_step_always_give_the_same_non_negative_seed()
    {
        var seed = StepSeed.For(42, "s1", "base");

        Assert.Equal(seed, StepSeed.For(42, "s1", "base"));
        Assert.True(seed >= 0);
    }

    [Fact]
    public void Every_step_of_a_sample_gets_its_own_seed()
    {
        string[] steps = ["base", "reasoning", "reasoning-2", "checker", "context", "review"];

        var seeds = steps.Select(s => StepSeed.For(42, "s1", s)).ToList();

        Assert.Equal(steps.Length, seeds.Distinct().Count());
    }

    [Fact]
    public void The_run_seed_and_the_sample_change_the_seed()
    {
        var reference = StepSeed.For(42, "s1", "base");

        Assert.NotEqual(reference, StepSeed.For(43, "s1", "base"));
        Assert.NotEqual(reference, StepSeed.For(42, "s2", "base"));
        Assert.NotEqual(StepSeed.For(42, "s1", "base"), StepSeed.For(42, "s1b", "ase"));
    }
}
