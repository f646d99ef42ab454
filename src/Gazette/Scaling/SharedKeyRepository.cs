using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Gazette.Scaling;

/// <summary>
/// Data-protection keys (what sign-in, guest and antiforgery cookies are sealed with) kept in Redis, so that a cookie
/// made by one instance opens on every other, and in the data folder too, so that Gazette starts and serves while
/// Redis is away (a key ring that cannot be read fails every page with a form). Reading merges both: keys this
/// instance made while Redis was away are handed to Redis (the others then open its cookies), and Redis's keys are
/// kept here (should Redis lose them, as a Redis without persistence does when it restarts).
/// </summary>
public sealed class SharedKeyRepository(IXmlRepository redisKeys, IXmlRepository folderKeys, RedisConnection redis) : IXmlRepository
{
    private const string Use = "data-protection keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var local = folderKeys.GetAllElements();
        IReadOnlyCollection<XElement> shared;
        try
        {
            shared = redisKeys.GetAllElements();
            var sharedTexts = shared.Select(Text).ToHashSet();
            foreach (var element in local.Where(element => !sharedTexts.Contains(Text(element))))
            {
                redisKeys.StoreElement(element, FriendlyName(element));
            }
            redis.ReportSuccess(Use);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportFailure(Use, e);
            return local;
        }
        var localTexts = local.Select(Text).ToHashSet();
        var onlyShared = shared.Where(element => !localTexts.Contains(Text(element))).ToList();
        foreach (var element in onlyShared)
        {
            folderKeys.StoreElement(element, FriendlyName(element));
        }
        return [.. local, .. onlyShared];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        folderKeys.StoreElement(element, friendlyName);
        try
        {
            redisKeys.StoreElement(element, friendlyName);
            redis.ReportSuccess(Use);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            // Handed to Redis when it is read next (GetAllElements).
            redis.ReportFailure(Use, e);
        }
    }

    /// <summary>A key by its id, anything else (a revocation) by its content.</summary>
    private static string Text(XElement element) =>
        element.Attribute("id")?.Value is { } id ? $"{element.Name.LocalName} {id}" : element.ToString(SaveOptions.DisableFormatting);

    /// <summary>The file name data protection itself gives a key ("key-{id}"); anything else by its content.</summary>
    private static string FriendlyName(XElement element) =>
        element.Attribute("id")?.Value is { } id ? $"key-{id}" : $"{element.Name.LocalName}-{Guid.NewGuid():N}";
}
