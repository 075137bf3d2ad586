using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// $top, $skip and $count for results an action pages itself (a ranking computed in the database),
/// validated like the query attribute does; any other system query option is refused by name.
/// </summary>
public sealed record PagingOptions(int Skip, int? Top, bool Count)
{
    private static readonly string[] Supported = ["$top", "$skip", "$count", "$format"];

    public static (PagingOptions? Options, string? Error) Parse(IQueryCollection query, QueryLimits limits)
    {
        var unsupported = query.Keys.FirstOrDefault(k => k.StartsWith('$') && !Supported.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unsupported is not null)
        {
            return (null, $"The query option '{unsupported}' is not supported here; use $top, $skip and $count.");
        }

        if (!TryInt(query["$skip"], out var skip) || skip < 0)
        {
            return (null, "$skip must be a whole number of 0 or more.");
        }

        int? top = null;
        if (!StringValues.IsNullOrEmpty(query["$top"]))
        {
            if (!TryInt(query["$top"], out var parsedTop) || parsedTop < 0)
            {
                return (null, "$top must be a whole number of 0 or more.");
            }

            if (parsedTop > limits.MaxTop)
            {
                return (null, $"The limit of '{limits.MaxTop}' for Top query has been exceeded. The value from the incoming request is '{parsedTop}'.");
            }

            top = parsedTop;
        }

        var countText = query["$count"].ToString();
        if (countText.Length > 0 && countText is not ("true" or "false"))
        {
            return (null, "$count must be true or false.");
        }

        return (new PagingOptions(skip, top, countText == "true"), null);
    }

    private static bool TryInt(StringValues value, out int number)
    {
        number = 0;
        return StringValues.IsNullOrEmpty(value) || int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
