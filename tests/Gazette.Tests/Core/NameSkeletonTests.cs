using System.Text.RegularExpressions;
using Gazette.Core.Accounts;

namespace Gazette.Tests.Core;

/// <summary>Display names that belong to someone are looked up by their skeleton: these say which names are one name.</summary>
public sealed partial class NameSkeletonTests
{
    public static TheoryData<string, string> SameNames => Pairs("same.txt");

    public static TheoryData<string, string> DifferentNames => Pairs("different.txt");

    [Theory]
    [MemberData(nameof(SameNames))]
    public void NamesThatDifferOnlyInCaseAccentsSpacingOrLookAlikeLettersHaveOneSkeleton(string name, string lookAlike)
    {
        Assert.Equal(NameSkeleton.Of(name), NameSkeleton.Of(lookAlike));
    }

    [Theory]
    [MemberData(nameof(DifferentNames))]
    public void NamesThatReadDifferentlyHaveDifferentSkeletons(string name, string other)
    {
        Assert.NotEqual(NameSkeleton.Of(name), NameSkeleton.Of(other));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u0301")]
    [InlineData("\uFFFE\uD800")]
    public void ANameWithNothingVisibleHasNoSkeleton(string? name)
    {
        Assert.Null(NameSkeleton.Of(name));
    }

    [Fact]
    public void ASkeletonIsItsOwnSkeleton()
    {
        var skeleton = NameSkeleton.Of("Ⅿаrу Ⓢmith-Jоnеs")!;

        Assert.Equal(skeleton, NameSkeleton.Of(skeleton));
    }

    [Fact]
    public void AVeryLongNameHasABoundedSkeleton()
    {
        Assert.Equal(NameSkeleton.MaxLength, NameSkeleton.Of(new string('x', 10_000))!.Length);
    }

    private static TheoryData<string, string> Pairs(string file)
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "names", file)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split(" | ");
            data.Add(Unescape(parts[0]), Unescape(parts[1]));
        }
        return data;
    }

    private static string Unescape(string text) =>
        Escape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex Escape();
}
