namespace Gazette.Data;

/// <summary>The databases Gazette runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>One file in the data folder: nothing to install, right for one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for several Gazette instances sharing one database.</summary>
    Postgres,
}

/// <summary>Section "Database": which database holds the site. Where it is, is <c>ConnectionStrings:Gazette</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
