using System.Runtime.CompilerServices;

namespace Gazette.Tests.Infrastructure;

internal static class TestEnvironment
{
    /// <summary>
    /// A test run keeps many sites alive at once, and each would hold inotify watchers (appsettings reloading, static
    /// files for asp-append-version): past Linux's default of 128 per user, sites fail to start. Tests never change
    /// those files, so configuration is read once and files are polled instead of watched.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }
}
