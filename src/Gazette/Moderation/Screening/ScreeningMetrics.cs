using Gazette.Infrastructure;

namespace Gazette.Moderation.Screening;

/// <summary>
/// What the screening decided, counted on Gazette's meter (<see cref="GazetteMetrics"/>): called by the comment writer
/// once the decision has taken effect (refused, or stored and committed), so that a failed write counts nothing.
/// </summary>
public static class ScreeningMetrics
{
    private static readonly KeyValuePair<string, object?> Published = new("status", "published");
    private static readonly KeyValuePair<string, object?> Held = new("status", "held");
    private static readonly KeyValuePair<string, object?> Spam = new("status", "spam");

    /// <summary>A new comment: refused, or stored as published, held or spam.</summary>
    public static void Posted(ScreeningDecision decision)
    {
        switch (decision.Outcome)
        {
            case ScreeningOutcome.Refuse:
                Refused(decision);
                break;
            case ScreeningOutcome.Hold:
                GazetteMetrics.CommentsPosted.Add(1, Held);
                GazetteMetrics.CommentsHeld.Add(1);
                break;
            case ScreeningOutcome.Spam:
                GazetteMetrics.CommentsPosted.Add(1, Spam);
                break;
            default:
                GazetteMetrics.CommentsPosted.Add(1, Published);
                break;
        }
    }

    /// <summary>An edit: refused, or held for what it added. An edit let through counts nothing.</summary>
    public static void Edited(ScreeningDecision decision)
    {
        if (decision.Outcome == ScreeningOutcome.Refuse)
        {
            Refused(decision);
        }
        else if (decision.Outcome == ScreeningOutcome.Hold)
        {
            GazetteMetrics.CommentsHeld.Add(1);
        }
    }

    private static void Refused(ScreeningDecision decision) =>
        GazetteMetrics.CommentsRefused.Add(1, new KeyValuePair<string, object?>("reason", decision.Reasons.Count > 0 ? decision.Reasons[0].Rule : "unknown"));
}
