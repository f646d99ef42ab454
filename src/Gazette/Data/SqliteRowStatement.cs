using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gazette.Data;

/// <summary>
/// One SQLite statement, prepared once on an open connection and run again for each row, its values bound by
/// position. Written by hand because Microsoft.Data.Sqlite binds every parameter by its name, a linear search through
/// the statement's names (<c>sqlite3_bind_parameter_index</c>): in a million-comment import that search and the binder's
/// type tests were a sixth of the writing thread's time. Values are bound as Microsoft.Data.Sqlite binds them (text as
/// UTF-8, a time as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>), so that rows read back alike whichever way they were written.
/// </summary>
public sealed class SqliteRowStatement : IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;
    private byte[] text = ArrayPool<byte>.Shared.Rent(1024);

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(database, sql, out statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, database);
        }
    }

    /// <summary>Whether <see cref="Bind"/> takes values of this type (after the model's value converter).</summary>
    public static bool Binds(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(string) || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte)
            || t == typeof(bool) || t == typeof(double) || t == typeof(float) || t == typeof(DateTime) || t == typeof(byte[]));

    /// <summary>Binds the value of the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),

            string s => BindText(index, s),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            short s => raw.sqlite3_bind_int64(statement, index, s),
            byte b => raw.sqlite3_bind_int64(statement, index, b),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(statement, index, d),
            float f => raw.sqlite3_bind_double(statement, index, f),
            DateTime t => BindText(index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new NotSupportedException($"A value of type {value.GetType()} is not bound here."),
        };
        Check(rc);
    }

    /// <summary>Runs the statement with the values bound, then makes it ready for the next row's.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }
    }

    private int BindText(int index, string value)
    {
        // As Microsoft.Data.Sqlite encodes it (a lone surrogate becomes U+FFFD); SQLite copies the bytes.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (text.Length < length)
        {
            ArrayPool<byte>.Shared.Return(text);
            text = ArrayPool<byte>.Shared.Rent(length);
        }
        var written = Encoding.UTF8.GetBytes(value, text);
        return raw.sqlite3_bind_text(statement, index, text.AsSpan(0, written));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }
    }

    public void Dispose()
    {
        statement.Dispose();
        ArrayPool<byte>.Shared.Return(text);
        text = [];
    }
}
