using System.Globalization;
using Gazette.Articles;
using Gazette.Comments;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Gazette.Infrastructure;

/// <summary>
/// Sends anonymous readers a page the page cache already answered, before routing, authentication, the rate limiter
/// and the output-cache middleware run: those cost a page-cache hit several times what sending its compressed bytes
/// does (docs/benchmarks.md). Only a GET that carries no credential at all (no Authorization header, no session or
/// reader's cookie: <see cref="Readers.HasParticipantCookie"/>) and no conditional or range header takes the lane;
/// anything else goes through the whole pipeline as before. A request that misses goes through it too, and its answer
/// is kept (<see cref="FastPages"/>) when the page cache stored or served it: a 200 without cookies, not marked
/// no-store (antiforgery marks every page holding a token so), compressed as <see cref="CompressionPolicy"/> allows.
/// A hit counts the article's read as <see cref="ReadCounting"/> does, and a page-cache hit.
/// </summary>
public static class PageCacheFastLane
{
    private static readonly object CacheableKey = new();
    private const int MaxCapturedBytes = 8 * 1024 * 1024;

    /// <summary>Headers the server writes itself for each answer, or that change with the answer's age.</summary>
    private static readonly HashSet<string> NotKept = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Server, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Age,
        HeaderNames.Connection, HeaderNames.KeepAlive,
    };

    private static readonly string[] Ages = [.. Enumerable.Range(0, 3600).Select(age => age.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Called by the page policy for a request the page cache may serve or store: the lane may keep its answer.</summary>
    internal static void Offer(OutputCacheContext context) => context.HttpContext.Items[CacheableKey] = context;

    public static IApplicationBuilder UsePageCacheFastLane(this IApplicationBuilder app)
    {
        var pages = app.ApplicationServices.GetRequiredService<FastPages>();
        if (!pages.Enabled)
        {
            return app;
        }
        var reads = app.ApplicationServices.GetRequiredService<IReadCountStore>();
        var clock = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use((context, next) =>
        {
            if (!TakesTheLane(context.Request))
            {
                return next(context);
            }
            var key = FastPageKey.Of(context.Request);
            return pages.TryGet(key, out var page) ? SendAsync(context, page, reads, clock) : FillAsync(context, next, pages, key);
        });
    }

    private static bool TakesTheLane(HttpRequest request)
    {
        var headers = request.Headers;
        return HttpMethods.IsGet(request.Method) && !headers.ContainsKey(HeaderNames.Authorization) && !Readers.HasParticipantCookie(request)
            && !headers.ContainsKey(HeaderNames.IfNoneMatch) && !headers.ContainsKey(HeaderNames.IfModifiedSince)
            && !headers.ContainsKey(HeaderNames.Range);
    }

    private static async Task SendAsync(HttpContext context, FastPage page, IReadCountStore reads, TimeProvider clock)
    {
        GazetteMetrics.PageCacheHits.Add(1);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        foreach (var (name, value) in page.Headers)
        {
            headers[name] = value;
        }
        var age = (Environment.TickCount64 - page.StoredAtMs) / 1000;
        headers.Age = age < Ages.Length ? Ages[age] : age.ToString(CultureInfo.InvariantCulture);
        response.ContentLength = page.Body.Length;
        await response.BodyWriter.WriteAsync(page.Body, context.RequestAborted);
        if (page.ReadSlug is { } slug)
        {
            await ReadCounting.CountAsync(reads, clock, slug, context.Request);
        }
    }

    private static async Task FillAsync(HttpContext context, RequestDelegate next, FastPages pages, FastPageKey key)
    {
        var evictionsAtStart = pages.Evictions;
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var capture = new CapturingStream(original.Stream, context);
        var body = new StreamResponseBodyFeature(capture, original);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
            await body.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }
        if (Kept(context, capture) is { } page)
        {
            pages.TryAdd(key, page, evictionsAtStart);
        }
    }

    /// <summary>The answer as it went out, if the page cache stored or served it and it went out whole.</summary>
    private static FastPage? Kept(HttpContext context, CapturingStream capture)
    {
        var response = context.Response;
        if (!context.Items.TryGetValue(CacheableKey, out var offered) || offered is not OutputCacheContext cache
            // An endpoint's own policy may still turn the page cache off (the metrics scrape, the health checks).
            || !cache.EnableOutputCaching || !cache.AllowCacheStorage
            || capture.Captured is not { } bytes || context.RequestAborted.IsCancellationRequested
            || response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
            || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || response.Headers.ContentLength is { } length && length != bytes.Length)
        {
            return null;
        }
        // Served from the page cache, the answer says how old the kept copy is: this one goes when that one does.
        // (whole seconds, so up to one more: counted, so that this copy never outlives that one).
        var ageMs = long.TryParse(response.Headers.Age.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? (seconds + 1) * 1000 : 0;
        var storedAt = Environment.TickCount64 - ageMs;
        var expiresAt = storedAt + (long)(cache.ResponseExpirationTimeSpan ?? TimeSpan.Zero).TotalMilliseconds;
        if (expiresAt <= Environment.TickCount64)
        {
            return null;
        }
        var headers = response.Headers.Where(header => !NotKept.Contains(header.Key)).ToArray();
        return new FastPage(headers, bytes, ReadCounting.ArticleSlug(context), storedAt, expiresAt);
    }

    /// <summary>
    /// Passes the body on and keeps a copy, once the page cache has offered the request (before any body is written):
    /// other answers are only passed on.
    /// </summary>
    private sealed class CapturingStream(Stream inner, HttpContext context) : Stream
    {
        private MemoryStream? copy;
        private bool decided;
        private bool overflowed;

        public byte[]? Captured => decided && !overflowed && copy is not null ? copy.ToArray() : null;

        private void Keep(ReadOnlySpan<byte> buffer)
        {
            if (!decided)
            {
                decided = true;
                copy = context.Items.ContainsKey(CacheableKey) ? new MemoryStream() : null;
            }
            if (copy is null || overflowed)
            {
                return;
            }
            if (copy.Length + buffer.Length > MaxCapturedBytes)
            {
                overflowed = true;
                copy = null;
                return;
            }
            copy.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
