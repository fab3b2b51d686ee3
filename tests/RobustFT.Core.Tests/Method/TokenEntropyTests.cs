using RobustFT.Core.Method;

namespace RobustFT.Core.Tests.Method;

public class TokenEntropyTests
{
    [Fact]
    public void EntropyIsTheNegativeMeanLogprob() =>
        Assert.Equal(1.0, TokenEntropy.FromLogprobs([-0.5f, -1.5f]), 6);

    [Fact]
    public void CertainTokensHaveZeroEntropy() => Assert.Equal(0.0, TokenEntropy.FromLogprobs([0f, 0f, 0f]));

    [Fact]
    public void AResponseWithoutTokensHasNoEntropy() =>
        Assert.Throws<ArgumentException>(() => TokenEntropy.FromLogprobs([]));
}
