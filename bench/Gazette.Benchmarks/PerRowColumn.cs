using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Gazette.Benchmarks;

/// <summary>The mean time divided by the value of an int parameter (rows, comments): flat when the cost is linear.</summary>
public sealed class PerRowColumn(string parameter) : IColumn
{
    public string Id => $"{nameof(PerRowColumn)}.{parameter}";
    public string ColumnName => $"Per {parameter.TrimEnd('s').ToLowerInvariant()}";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => $"Mean divided by {parameter}";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || benchmarkCase.Parameters[parameter] is not int count || count <= 0)
        {
            return "-";
        }
        return $"{statistics.Mean / count:N1} ns";
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
