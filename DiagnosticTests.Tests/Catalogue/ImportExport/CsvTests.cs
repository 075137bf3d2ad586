using System.Text;
using DiagnosticTests.Api.Catalogue;

namespace DiagnosticTests.Tests.Catalogue.ImportExport;

/// <summary>The RFC 4180 reader and writer on their own; no database involved.</summary>
public sealed class CsvTests
{
    [Test]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var records = Csv.Read("a,\"b, \"\"c\"\"\r\nd\",e\r\nf,,\"\"\n").ToList();

        Assert.That(records.Select(r => (r.Line, r.Fields)), Is.EqualTo(new[]
        {
            (1, (IReadOnlyList<string>)["a", "b, \"c\"\r\nd", "e"]),
            (3, (IReadOnlyList<string>)["f", "", ""]),
        }));
    }

    [Test]
    public void A_byte_order_mark_and_blank_lines_are_not_data()
    {
        var records = Csv.Read("\uFEFFname\n\nx\n\n").ToList();

        Assert.That(records.Select(r => (r.Line, r.Fields[0])), Is.EqualTo(new[] { (1, "name"), (3, "x") }));
    }

    [TestCase("a,\"open\nstill open", 1, "a quoted field is not closed.")]
    [TestCase("ok\n\"quoted\"tail,x", 2, "a closing quote must end the field (write \"\" for a quote inside it).")]
    [TestCase("ok\nsay \"hi\",x", 2, "a field that contains a quote must be enclosed in quotes.")]
    public void Broken_quoting_is_reported_with_its_line(string text, int line, string message)
    {
        var ex = Assert.Throws<CsvFormatException>(() => Csv.Read(text).ToList());

        Assert.That((ex.Line, ex.Message), Is.EqualTo((line, message)));
    }

    [Test]
    public void What_the_writer_writes_the_reader_reads_back_unchanged()
    {
        string[] fields = ["plain", "comma, inside", "quote \" inside", "two\r\nlines", "lone\nLF", "", "°C – naïve"];
        var output = new StringBuilder();

        Csv.WriteRecord(output, fields);
        var read = Csv.Read(output.ToString()).Single();

        Assert.That(read.Fields, Is.EqualTo(fields));
        Assert.That(output.ToString(), Does.StartWith("plain,\"comma, inside\",\"quote \"\" inside\","));
    }
}
