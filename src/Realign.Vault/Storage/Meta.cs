using Microsoft.Data.Sqlite;

namespace Realign.Vault.Storage;

/// <summary>The vault's small key-value settings: config, checkpoint, clock, key reference, last sync.</summary>
internal static class Meta
{
    public const string TenantId = "tenant_id";
    public const string Channel = "channel";
    public const string VaultMode = "vault_mode";
    public const string ServerUrl = "server_url";
    public const string TokenReference = "token_ref";
    public const string Checkpoint = "pull_checkpoint";
    public const string Clock = "hlc_last";
    public const string LastSync = "last_sync";
    public const string KeyReference = "key_ref";
    public const string Resync = "resync";
    public const string WatchFolder = "watch_folder";
    public const string WatchMoved = "watch_moved";
    public const string WatchWrittenBack = "watch_written_back";
    public const string ChecksumMatched = "checksum_matched_at";
    public const string Exposure = "exposure_policy";
    public const string ServerEpoch = "server_epoch";

    public static string? Get(SqliteConnection db, string key, SqliteTransaction? tx = null) =>
        VaultDatabase.Scalar(db, "SELECT value FROM meta WHERE key = $k", tx, ("$k", key)) as string;

    public static void Set(SqliteConnection db, SqliteTransaction? tx, string key, string? value)
    {
        if (value is null)
        {
            VaultDatabase.Execute(db, "DELETE FROM meta WHERE key = $k", tx, ("$k", key));
            return;
        }

        VaultDatabase.Execute(db, "INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = $v", tx, ("$k", key), ("$v", value));
    }
}
