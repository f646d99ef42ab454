using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Gazette.Accounts;

/// <summary>
/// Ties a field to its error message for assistive technology: a field in error gets <c>aria-invalid="true"</c>
/// and is described by its message (the <c>span</c> of <c>asp-validation-for</c>, given its id by
/// <see cref="FieldErrorMessageTagHelper"/>), ahead of any hint it is already described by.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
public sealed class FieldErrorAriaTagHelper : TagHelper
{
    /// <summary>After the framework's input tag helpers, which run at -1000.</summary>
    public override int Order => 0;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ViewData.ModelState.GetFieldValidationState(name) != ModelValidationState.Invalid)
        {
            return;
        }
        output.Attributes.SetAttribute("aria-invalid", "true");
        var hints = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value?.ToString() : null;
        var errorId = FieldErrorMessageTagHelper.IdFor(name);
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrWhiteSpace(hints) ? errorId : $"{errorId} {hints}");
    }
}

/// <summary>Gives the error message of a field a stable id, "{field id}-error", that the field points to.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorMessageTagHelper : TagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public static string IdFor(string fullFieldName) => TagBuilder.CreateSanitizedId(fullFieldName, "_") + "-error";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id"))
        {
            output.Attributes.SetAttribute("id", IdFor(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name)));
        }
    }
}
