using DiagnosticTests.Api.OData.DirectWriting;

namespace DiagnosticTests.Tests.Querying;

/// <summary>
/// The positional copy of a repeated statement must mean exactly what EF's named statement meant to Npgsql, or not
/// be made at all (the statement then runs as EF wrote it).
/// </summary>
public sealed class PositionalSqlTests
{
    [Test]
    public void Placeholders_are_numbered_in_order_of_first_use_and_a_repeated_one_keeps_its_number()
    {
        var rewritten = PositionalSql.TryRewrite(
            """SELECT d."Id" FROM "DiagnosticTests" AS d WHERE d."Name" = @b OR d."Code" = @a OR d."Specimen" = @b LIMIT @__p_0""",
            ["@a", "@b", "@__p_0"]);

        Assert.That(rewritten?.Sql, Is.EqualTo("""SELECT d."Id" FROM "DiagnosticTests" AS d WHERE d."Name" = $1 OR d."Code" = $2 OR d."Specimen" = $1 LIMIT $3"""));
        Assert.That(rewritten?.ParameterOrder, Is.EqualTo(new[] { 1, 0, 2 }));
    }

    [Test]
    public void Quoted_text_casts_and_operators_are_copied_as_they_are()
    {
        const string sql = """SELECT 'it''s @p', "odd ""@p"" name", t."Name"::citext, a @> b, b <@ a, x[1:2], y :z FROM "Tags" AS t WHERE t."Name" = @p""";

        var rewritten = PositionalSql.TryRewrite(sql, ["p"]);

        Assert.That(rewritten?.Sql, Is.EqualTo(sql[..^2] + "$1"));
    }

    [Test]
    public void A_placeholder_cast_to_citext_keeps_its_cast()
    {
        var rewritten = PositionalSql.TryRewrite("""SELECT t."Id" FROM "Tags" AS t WHERE t."Name" = @__name_0::citext OR t."Name" = @__name_1::citext""", ["@__name_0", "@__name_1"]);

        Assert.That(rewritten?.Sql, Is.EqualTo("""SELECT t."Id" FROM "Tags" AS t WHERE t."Name" = $1::citext OR t."Name" = $2::citext"""));
    }

    [TestCase("SELECT 1 WHERE x = @p -- @p")]
    [TestCase("SELECT 1 /* @p */ WHERE x = @p")]
    [TestCase("SELECT E'\\'' WHERE x = @p")]
    [TestCase("SELECT $$ @p $$ WHERE x = @p")]
    [TestCase("SELECT 1 WHERE x = @p; SELECT 2")]
    [TestCase("SELECT 1 WHERE x = @p AND y = @other")]
    [TestCase("SELECT 1 WHERE x = :p")]
    [TestCase("SELECT 1 WHERE x = @p AND y = 'open")]
    [TestCase("SELECT 1")]
    public void A_statement_it_cannot_read_with_certainty_is_left_alone(string sql) =>
        Assert.That(PositionalSql.TryRewrite(sql, ["@p"]), Is.Null);
}
