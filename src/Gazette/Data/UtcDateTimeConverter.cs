using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gazette.Data;

/// <summary>
/// Every time is UTC. A time without a kind (made with <c>new DateTime(...)</c>) is taken as UTC on the way in, as
/// PostgreSQL's timestamptz needs; on the way out SQLite's kindless times are marked UTC.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
