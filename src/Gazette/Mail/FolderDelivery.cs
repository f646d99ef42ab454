using MimeKit;

namespace Gazette.Mail;

/// <summary>
/// Without an SMTP server: each message is written as a .eml file into the data folder's mail folder, where whoever
/// runs the site (or a test) can open it. Written under a temporary name first, so a reader never finds half a file.
/// </summary>
public sealed class FolderDelivery(string folder) : IMailDelivery
{
    public string Folder { get; } = folder;

    public string Describe() => $"the folder {Folder} (no Mail:Smtp:Host)";

    public Task<IMailConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailConnection>(new Connection(Folder));
    }

    private sealed class Connection(string folder) : IMailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var name = $"{message.Date.UtcDateTime:yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}";
            var temporary = Path.Combine(folder, name + ".tmp");
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(folder, name + ".eml"), overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
