namespace RobustFT.Core.Datasets;

/// <summary>The one order of every export: by the sample's source line, then ordinal id.</summary>
public static class OutcomeOrder
{
    public static IEnumerable<SampleOutcome> Sort(IEnumerable<SampleOutcome> outcomes) =>
        outcomes.OrderBy(o => o.Sample.Line).ThenBy(o => o.Sample.Id, StringComparer.Ordinal);
}
