using System.Reflection;
using Gazette.Core.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace Gazette.Infrastructure;

/// <summary>
/// A form sent to a page with NUL (U+0000) in a field runs nothing (see <see cref="NulRefusal"/>): the page is shown as
/// its GET shows it, with what was typed put back less the NUL, the reason next to each such field and above the
/// form, and status 400, as the other refusals of a form are (discussion.js shows it in place too).
/// </summary>
public sealed class NulRefusingPages : IAsyncPageFilter
{
    private sealed record Refusal(IReadOnlyList<string> Fields);

    public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType)
        {
            return;
        }
        // A form that cannot be read (over the size limit, cut off) is left to the page and the error pages, which say
        // so; the error pages themselves, re-executed for such a form, must not read it again.
        if (context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null
            || context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return;
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or InvalidDataException)
        {
            return;
        }
        var fields = form.Where(f => NulCharacters.In(f.Key) || f.Value.Any(NulCharacters.In)).Select(f => NulCharacters.Remove(f.Key)).ToList();
        if (fields.Count == 0)
        {
            return;
        }
        context.HttpContext.Features.Set(new Refusal(fields));
        context.HandlerMethod = context.ActionDescriptor.HandlerMethods
            .FirstOrDefault(handler => handler.HttpMethod.Equals("Get", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(handler.Name));
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.Features.Get<Refusal>() is not { } refusal)
        {
            await next();
            return;
        }
        // What was typed was bound from the form; the GET handler may load the stored text over it (editing).
        var bound = context.ActionDescriptor.BoundProperties.OfType<PageBoundPropertyDescriptor>()
            .Where(p => p.Property.DeclaringType!.IsInstanceOfType(context.HandlerInstance) && p.Property.CanWrite)
            .Select(p => (p.Property, Value: WithoutNul(p.Property.GetValue(context.HandlerInstance))))
            .ToList();
        var executed = await next();
        foreach (var (property, value) in bound)
        {
            property.SetValue(context.HandlerInstance, value);
        }
        if (executed.Exception is not null)
        {
            return;
        }
        if (executed.Result is null or PageResult)
        {
            var modelState = context.ModelState;
            // Fields written with asp-for show what was sent (the model state) over the model: that too, less the NUL.
            foreach (var (key, attempted) in modelState.Select(e => (e.Key, e.Value?.AttemptedValue)).Where(e => NulCharacters.In(e.AttemptedValue)).ToList())
            {
                var kept = NulCharacters.Remove(attempted!);
                modelState.SetModelValue(key, kept, kept);
            }
            modelState.AddModelError("", NulRefusal.FormMessage);
            foreach (var field in refusal.Fields)
            {
                modelState.AddModelError(field, NulRefusal.FieldMessage);
            }
            var page = executed.Result as PageResult ?? new PageResult();
            page.StatusCode = StatusCodes.Status400BadRequest;
            executed.Result = page;
        }
        else
        {
            // The page could not be shown again (its GET sends elsewhere): the reason alone.
            executed.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = NulRefusal.Detail(refusal.Fields),
            };
        }
    }

    /// <summary>A bound value less its NUL: a string, or the text properties of a form's input class.</summary>
    private static object? WithoutNul(object? value)
    {
        switch (value)
        {
            case string text:
                return NulCharacters.Remove(text);
            case not null when value.GetType().Assembly == typeof(NulRefusingPages).Assembly && value.GetType().IsClass:
                foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.PropertyType == typeof(string) && p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0))
                {
                    if (property.GetValue(value) is string text && NulCharacters.In(text))
                    {
                        property.SetValue(value, NulCharacters.Remove(text));
                    }
                }
                return value;
            default:
                return value;
        }
    }
}
