using Gazette.Core.Import;

namespace Gazette.Tests.Core.Import;

public sealed class AddressKeyTests
{
    [Theory]
    [InlineData("http://www.Old.example/2019/05/a-story/", "https://old.example/2019/05/a-story")]
    [InlineData("https://old.example/2019/05/a-story/?utm_source=x&utm_medium=y", "https://old.example/2019/05/a-story")]
    [InlineData("https://old.example/2019/05/a-story/?fbclid=abc#comment-4", "https://old.example/2019/05/a-story/")]
    [InlineData("https://old.example/2019/05/a-story/amp/", "https://old.example/2019/05/a-story")]
    [InlineData("https://old.example/?p=12&utm_campaign=z", "http://old.example/?p=12")]
    [InlineData("//old.example/a", "http://old.example/a/")]
    public void SpellingsOfOnePageMeet(string one, string other)
    {
        Assert.Equal(AddressKey.Of(one), AddressKey.Of(other));
    }

    [Theory]
    [InlineData("https://old.example/?p=12", "https://old.example/?p=13")]
    [InlineData("https://old.example/a", "https://other.example/a")]
    [InlineData("https://old.example/a", "https://old.example/b")]
    public void DifferentPagesDoNot(string one, string other)
    {
        Assert.NotEqual(AddressKey.Of(one), AddressKey.Of(other));
    }

    [Fact]
    public void AHostTheSiteMovedFromCountsAsItsOwn()
    {
        string[] site = ["http://old.example", "https://www.news.example/"];

        Assert.Equal(AddressKey.Of("https://news.example/2019/a/", site), AddressKey.Of("http://www.old.example/2019/a", site));
        Assert.NotEqual(AddressKey.Of("https://elsewhere.example/2019/a/", site), AddressKey.Of("http://old.example/2019/a", site));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("mailto:someone@example.org")]
    public void WhatIsNoWebAddressHasNoKey(string? address)
    {
        Assert.Null(AddressKey.Of(address));
    }
}
