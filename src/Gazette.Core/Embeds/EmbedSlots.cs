using System.Security.Cryptography;

namespace Gazette.Core.Embeds;

/// <summary>
/// Where a body's embeds go. Their facades are put in after the sanitizer, which rightly drops data attributes from
/// anyone's HTML: each is first a paragraph marker the writer cannot guess (it changes with every rendering).
/// </summary>
public sealed class EmbedSlots
{
    private readonly string nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly List<Embed> embeds = [];

    /// <summary>The marker paragraph standing for the embed until <see cref="Fill"/>.</summary>
    public string Add(Embed embed)
    {
        embeds.Add(embed);
        return Marker(embeds.Count - 1);
    }

    public string Fill(string html)
    {
        for (var i = 0; i < embeds.Count; i++)
        {
            html = html.Replace(Marker(i), EmbedFacade.Html(embeds[i]), StringComparison.Ordinal);
        }
        return html;
    }

    private string Marker(int index) => $"<p>embed-{nonce}-{index}</p>";
}
