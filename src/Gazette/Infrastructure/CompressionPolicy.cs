using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Gazette.Infrastructure;

/// <summary>
/// What is compressed: ASP.NET Core's choice (text types, the encoding the browser asks for), less every answer that
/// could hold a secret. Compressing a secret beside text an attacker can choose (a search, an address in a link) lets
/// them read it from the compressed sizes (BREACH). So an answer is compressed only when it is the same for anyone
/// (<see cref="PublicRequests"/>: no sign-in, no reader's cookie) and carries no antiforgery token
/// (<see cref="TokenMarkingAntiforgery"/>). Those are the answers the page cache may keep, so a cached page is stored
/// compressed; a signed-in or participating reader's pages, and forms, go uncompressed.
/// </summary>
internal sealed class CompressionPolicy(IServiceProvider services, IOptions<ResponseCompressionOptions> compression, IOptions<CompressionOptions> options)
    : IResponseCompressionProvider
{
    private readonly ResponseCompressionProvider framework = new(services, compression);

    public ICompressionProvider? GetCompressionProvider(HttpContext context) =>
        StringValues.IsNullOrEmpty(context.Request.Headers.AcceptEncoding) ? null : framework.GetCompressionProvider(context);

    /// <summary>
    /// Every public answer passes through compression, also when the browser asks for none: one of a compressible type is
    /// then marked "Vary: Accept-Encoding" too, so that a shared cache does not hand its uncompressed copy to everyone.
    /// </summary>
    public bool CheckRequestAcceptsCompression(HttpContext context) => options.Value.Enabled && PublicRequests.IsPublic(context);

    public bool ShouldCompressResponse(HttpContext context) =>
        !TokenMarkingAntiforgery.HasIssuedToken(context) && framework.ShouldCompressResponse(context);
}
