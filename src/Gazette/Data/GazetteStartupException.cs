namespace Gazette.Data;

/// <summary>A reason the site cannot start that the operator can fix; its message is the whole explanation.</summary>
public sealed class GazetteStartupException(string message, Exception? inner = null) : Exception(message, inner);
