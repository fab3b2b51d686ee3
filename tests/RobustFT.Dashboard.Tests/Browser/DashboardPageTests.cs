using System.Globalization;
using Microsoft.Playwright;
using RobustFT.Cluster.Samples;
using RobustFT.Dashboard.Api;
using RobustFT.Dashboard.Tests.Support;

namespace RobustFT.Dashboard.Tests.Browser;

/// <summary>Drives Debian's chromium (<c>/usr/bin/chromium</c>, installed by scripts/install-chromium.sh; Playwright never
/// downloads a browser) against a live embedded run.</summary>
public sealed class DashboardPageTests
{
    public const string Chromium = "/usr/bin/chromium";

    private const string ReadCounts =
        "() => Object.fromEntries([...document.querySelectorAll('#state-machine [data-state]')].map(g => [g.dataset.state, Number(g.querySelector('.count').textContent)]))";

    [Fact]
    public async Task The_page_follows_a_live_run_and_shows_a_relabeled_samples_lineage()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-chromium.sh");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        await using var run = await EmbeddedRun.StartAsync(rows: 150, delay: TimeSpan.FromMilliseconds(120), maxBatch: 4);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{run.Server.Address}#/runs/{Uri.EscapeDataString(run.RunId)}");
        await page.Locator("[data-testid=live]").Filter(new LocatorFilterOptions { HasText = "live" }).WaitForAsync();

        // The page's counts equal the API's (read the API before and after the page, so the three agree at one moment).
        var first = await MatchingCountsAsync(page, run);
        Assert.False(first.Ended, "the run ended before the page was compared with it: make it slower");

        // While the run progresses the page's counts change without a reload (server-sent events).
        await Eventually.TrueAsync(async () => !Same(await page.EvaluateAsync<Dictionary<string, int>>(ReadCounts), first.Counts), "the page's counts to change");

        // At the end the page shows the completed run, with the same counts as the API.
        await Eventually.TrueAsync(async () => await page.Locator("[data-testid=run-phase]").TextContentAsync() == "Completed", "the page to show the run completed", TimeSpan.FromMinutes(3));
        var final = await MatchingCountsAsync(page, run);
        Assert.True(final.Ended);
        Assert.True(final.Counts[SampleStates.Clean] > 0);
        Assert.Equal("index barrier: passed", await page.Locator("[data-testid=barrier-index]").TextContentAsync());
        Assert.Equal("selection barrier: passed", await page.Locator("[data-testid=barrier-selection]").TextContentAsync());
        Assert.NotEqual("–", await page.Locator("[data-testid=threshold]").TextContentAsync());
        Assert.Equal(1, await page.Locator("[data-testid=node-row]").CountAsync());
        Assert.Equal("Up", await page.Locator("[data-testid=node-status]").TextContentAsync());
        Assert.Equal("yes", await page.Locator("[data-testid=node-coordinator]").TextContentAsync());
        Assert.Equal(1, await page.Locator("[data-testid=worker-row]").CountAsync());
        var screenshot = Path.Combine(ArtifactDirectory(), "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

        // Lineage of a relabeled sample, found through the search box.
        var relabeled = (await run.GetAsync<SamplesResponse>($"/api/runs/{run.RunId}/samples?state={SampleStates.Selected}&limit=1")).Samples.Single();
        var lineage = await run.GetAsync<SampleLineage>(relabeled.Url);
        await page.Locator("[data-testid=sample-search]").FillAsync(relabeled.SampleId);
        await page.Locator("#search-form button").ClickAsync();
        await page.Locator("[data-testid=search-result] a", new PageLocatorOptions { HasText = relabeled.SampleId }).First.ClickAsync();
        await page.Locator("[data-testid=lineage-id]").Filter(new LocatorFilterOptions { HasText = relabeled.SampleId }).WaitForAsync();

        Assert.Equal(lineage.Entropy!.Value.ToString("F4", CultureInfo.InvariantCulture), await page.Locator("[data-testid=lineage-entropy]").TextContentAsync());
        Assert.Equal(SampleStates.Selected, await page.Locator("[data-testid=lineage-state]").TextContentAsync());
        Assert.Equal("none (full method)", await page.Locator("[data-testid=lineage-skipped-steps]").TextContentAsync());
        var links = page.Locator("[data-testid=neighbour-link]");
        Assert.Equal(lineage.Neighbours.Select(n => n.SampleId), await links.AllTextContentsAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactDirectory(), "lineage.png"), FullPage = true });

        // A neighbour link opens the neighbour's lineage (a clean sample).
        await links.First.ClickAsync();
        await page.Locator("[data-testid=lineage-id]").Filter(new LocatorFilterOptions { HasText = lineage.Neighbours[0].SampleId }).WaitForAsync();
        Assert.Equal(SampleStates.Clean, await page.Locator("[data-testid=lineage-state]").TextContentAsync());

        Assert.True(new FileInfo(screenshot).Length > 20_000, $"screenshot {screenshot} is suspiciously small");
    }

    /// <summary>Where screenshots are kept: <c>$ROBUSTFT_TEST_ARTIFACTS</c>, else <c>artifacts/</c> beside the test assembly.</summary>
    public static string ArtifactDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("ROBUSTFT_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static async Task<(Dictionary<string, int> Counts, bool Ended)> MatchingCountsAsync(IPage page, EmbeddedRun run)
    {
        (Dictionary<string, int>, bool)? match = null;
        await Eventually.TrueAsync(async () =>
        {
            var before = await run.GetAsync<RunDetail>($"/api/runs/{run.RunId}");
            var shown = await page.EvaluateAsync<Dictionary<string, int>>(ReadCounts);
            var after = await run.GetAsync<RunDetail>($"/api/runs/{run.RunId}");
            var api = after.States.ToDictionary(s => s.State, s => s.Count);
            if (!Same(before.States.ToDictionary(s => s.State, s => s.Count), api) || !Same(shown, api)) return false;
            match = (shown, after.Run.Ended);
            return true;
        }, "the page's counts to equal the API's");
        return match!.Value;
    }

    private static bool Same(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
