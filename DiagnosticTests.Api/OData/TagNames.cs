using DiagnosticTests.Domain;
using Microsoft.OData.UriParser;

namespace DiagnosticTests.Api.OData;

/// <summary>Reads the tag names out of an <c>any</c> body that only compares the tag's Name with literals.</summary>
public static class TagNames
{
    /// <summary>
    /// The names in <c>t/Name eq 'a'</c>, <c>t/Name in ('a','b')</c> and <c>or</c> of those;
    /// null for any other body (another property, a function, a null literal, <c>and</c>, <c>not</c>).
    /// </summary>
    public static IReadOnlyList<string>? Of(SingleValueNode body, RangeVariable tag)
    {
        var names = new List<string>();
        return Collect(body, tag, names) ? names.Distinct(TagName.Comparer).ToList() : null;
    }

    private static bool Collect(SingleValueNode node, RangeVariable tag, List<string> names) => node switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or =>
            Collect(or.Left, tag, names) && Collect(or.Right, tag, names),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal } equal =>
            (IsName(equal.Left, tag) && AddLiteral(equal.Right, names)) || (IsName(equal.Right, tag) && AddLiteral(equal.Left, names)),
        InNode { Right: CollectionConstantNode list } @in when IsName(@in.Left, tag) =>
            list.Collection.Count > 0 && list.Collection.All(item => AddLiteral(item, names)),
        _ => false,
    };

    private static bool IsName(SingleValueNode node, RangeVariable tag) =>
        Unconverted(node) is SingleValuePropertyAccessNode { Property.Name: "Name", Source: ResourceRangeVariableReferenceNode source }
        && source.RangeVariable == tag;

    private static bool AddLiteral(SingleValueNode node, List<string> names)
    {
        if (Unconverted(node) is ConstantNode { Value: string name })
        {
            names.Add(name);
            return true;
        }

        return false;
    }

    private static SingleValueNode Unconverted(SingleValueNode node) => node is ConvertNode convert ? Unconverted(convert.Source) : node;
}
