using RobustFT.Core.Datasets;

namespace RobustFT.Core.Tests.Datasets;

public class CsvParserTests
{
    private static List<CsvRecord> Parse(string text) => new CsvParser(new StringReader(text)).Records().ToList();

    [Fact]
    public void QuotedFieldsKeepCommasDoubledQuotesAndNewlines()
    {
        var records = Parse("a,b\n\"x, y\",\"say \"\"hi\"\"\nnext line\"\nlast,1\n");
        Assert.Equal(3, records.Count);
        Assert.Equal(["x, y", "say \"hi\"\nnext line"], records[1].Fields);
        Assert.Equal(["last", "1"], records[2].Fields);
    }

    [Fact]
    public void RecordsCarryTheLineTheyStartOn()
    {
        var records = Parse("h1,h2\n\"one\ntwo\nthree\",x\n\nplain,y\r\n\"a\r\nb\",z");
        Assert.Equal([1, 2, 6, 7], records.Select(r => r.Line));
        Assert.Equal("a\r\nb", records[3].Fields[0]);
    }

    [Fact]
    public void RawTextIsTheRecordAsWritten()
    {
        var records = Parse("\"a,\"\"b\"\"\",c\n");
        Assert.Equal("\"a,\"\"b\"\"\",c", records[0].Raw);
        Assert.Equal(["a,\"b\"", "c"], records[0].Fields);
    }

    [Fact]
    public void EmptyFieldsAndTrailingCommasArePreserved() =>
        Assert.Equal(["", "a", ""], Parse(",a,\n")[0].Fields);

    [Fact]
    public void AnUnterminatedQuoteIsReportedWithItsLine()
    {
        var records = Parse("h\nok\n\"never closed\nmore");
        Assert.Null(records[1].Error);
        Assert.Equal(3, records[2].Line);
        Assert.Contains("unterminated quoted field starting on line 3", records[2].Error);
    }
}
