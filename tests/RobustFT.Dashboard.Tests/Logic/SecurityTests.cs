using RobustFT.Dashboard.Security;

namespace RobustFT.Dashboard.Tests.Logic;

public sealed class SecurityTests
{
    [Theory]
    [InlineData("s3cret", "Bearer s3cret", true)]
    [InlineData("s3cret", "bearer s3cret", true)]
    [InlineData("s3cret", "Bearer wrong", false)]
    [InlineData("s3cret", "Basic s3cret", false)]
    [InlineData("s3cret", null, false)]
    [InlineData(null, "Bearer ", false)]
    [InlineData("", "Bearer ", false)]
    public void Only_the_configured_bearer_token_authorises_control(string? configured, string? header, bool authorized) =>
        Assert.Equal(authorized, BearerAuthorization.IsAuthorized(configured, header));

    [Fact]
    public void The_token_comes_from_the_environment_then_a_file_then_the_configuration()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from-file\n");
            Assert.Equal("from-env", DashboardToken.Resolve("configured", n => n == DashboardToken.EnvironmentVariable ? "from-env" : file));
            Assert.Equal("from-file", DashboardToken.Resolve("configured", n => n == DashboardToken.FileEnvironmentVariable ? file : null));
            Assert.Equal("configured", DashboardToken.Resolve("configured", _ => null));
            Assert.Null(DashboardToken.Resolve(null, _ => null));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Options_never_print_the_token() =>
        Assert.DoesNotContain("s3cret", new DashboardOptions("http://127.0.0.1:0", true, "s3cret") { StaleAfter = TimeSpan.FromSeconds(1) }.ToString());
}
