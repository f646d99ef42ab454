using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gazette.Data;

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : toStore,
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
