using System.Globalization;
using System.Text.RegularExpressions;

namespace DiagnosticTests.Api.OData;

public static partial class ODataLinks
{
    /// <summary>The integer key of an entity id such as <c>http://host/odata/Tags(3)</c> or <c>Tags(3)</c>.</summary>
    public static int? TryGetKey(Uri link, string entitySet)
    {
        var text = link.IsAbsoluteUri ? link.AbsolutePath : link.OriginalString;
        var match = KeySegment().Match(text);
        return match.Success && match.Groups["set"].Value == entitySet
            && int.TryParse(match.Groups["key"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            ? key
            : null;
    }

    [GeneratedRegex(@"(?<set>[A-Za-z]+)\((?<key>\d+)\)/?$")]
    private static partial Regex KeySegment();
}
