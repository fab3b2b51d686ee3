using System.Text;

namespace RobustFT.Core.Datasets;

/// <summary>A streaming RFC 4180 reader: fields separated by commas, optionally quoted; inside quotes, commas, line
/// breaks and doubled quotes (<c>""</c>) are literal. Records end at LF, CRLF or CR outside quotes. Blank lines are
/// skipped. Each record carries the line it starts on, so callers can report errors by line.</summary>
public sealed class CsvParser(TextReader reader)
{
    private int _line = 1;
    private int _peeked = -2;

    public IEnumerable<CsvRecord> Records()
    {
        while (true)
        {
            var record = Next();
            if (record is null) yield break;
            if (record.Fields.Count == 1 && record.Raw.Length == 0) continue;
            yield return record;
        }
    }

    private CsvRecord? Next()
    {
        if (Peek() < 0) return null;
        var startLine = _line;
        var raw = new StringBuilder();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var quotedFieldStartLine = 0;
        while (true)
        {
            var c = Read();
            if (c < 0)
            {
                fields.Add(field.ToString());
                var error = inQuotes ? $"unterminated quoted field starting on line {quotedFieldStartLine}" : null;
                return new CsvRecord(startLine, fields, raw.ToString(), error);
            }
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (Peek() == '"')
                    {
                        Read();
                        raw.Append("\"\"");
                        field.Append('"');
                        continue;
                    }
                    inQuotes = false;
                    raw.Append(ch);
                    continue;
                }
                if (ch == '\n' || ch == '\r' && Peek() != '\n') _line++;
                raw.Append(ch);
                field.Append(ch);
                continue;
            }
            switch (ch)
            {
                case ',':
                    raw.Append(ch);
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '"' when field.Length == 0:
                    inQuotes = true;
                    quotedFieldStartLine = _line;
                    raw.Append(ch);
                    break;
                case '\r':
                    if (Peek() == '\n') Read();
                    _line++;
                    fields.Add(field.ToString());
                    return new CsvRecord(startLine, fields, raw.ToString());
                case '\n':
                    _line++;
                    fields.Add(field.ToString());
                    return new CsvRecord(startLine, fields, raw.ToString());
                default:
                    // A quote inside an unquoted field (or after a closing quote) is taken literally.
                    raw.Append(ch);
                    field.Append(ch);
                    break;
            }
        }
    }

    private int Peek()
    {
        if (_peeked == -2) _peeked = reader.Read();
        return _peeked;
    }

    private int Read()
    {
        var c = Peek();
        _peeked = -2;
        return c;
    }
}
