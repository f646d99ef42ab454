using Microsoft.AspNetCore.Antiforgery;

namespace Gazette.Infrastructure;

/// <summary>
/// The antiforgery service, noting on the request when it hands out a token (for a form or a script), so that the
/// answer carrying it is not compressed (<see cref="CompressionPolicy"/>). Every token goes through here, whoever asks.
/// </summary>
internal sealed class TokenMarkingAntiforgery(IAntiforgery inner) : IAntiforgery
{
    private static readonly object Issued = new();

    public static bool HasIssuedToken(HttpContext context) => context.Items.ContainsKey(Issued);

    /// <summary>Puts this in place of the antiforgery service registered so far (registering it first if need be).</summary>
    public static void Decorate(IServiceCollection services)
    {
        services.AddAntiforgery();
        var registered = services.Last(service => service.ServiceType == typeof(IAntiforgery) && !service.IsKeyedService);
        if (registered.ImplementationType is not { } type)
        {
            throw new InvalidOperationException("The antiforgery service is expected to be registered by its type.");
        }
        services.Remove(registered);
        services.AddSingleton<IAntiforgery>(provider => new TokenMarkingAntiforgery((IAntiforgery)ActivatorUtilities.CreateInstance(provider, type)));
    }

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        httpContext.Items[Issued] = true;
        return inner.GetAndStoreTokens(httpContext);
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext)
    {
        httpContext.Items[Issued] = true;
        return inner.GetTokens(httpContext);
    }

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
}
