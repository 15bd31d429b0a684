using Microsoft.Data.Sqlite;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Vault.Clock;
using Realign.Vault.Crypto;
using Realign.Vault.Storage;

namespace Realign.Vault;

/// <summary>A local replica of one tenant: a folder holding <c>vault.db</c> (SQLite, WAL, synchronous=FULL).</summary>
/// <remarks>
/// Every local change is merged into the local entity with <see cref="EntityMerger.Apply"/> and queued in the outbox in
/// the same transaction, so a change the vault acknowledged is never applied without being queued, or the reverse.
/// Local writes are level 1 on the vault's channel, stamped by a <see cref="HybridLogicalClock"/>. In a local-first
/// tenant, content field values are stored, pushed and merged as encrypted envelopes (see <see cref="ContentCipher"/>);
/// reads decrypt them. One instance serialises its own database work; open one instance per process.
/// </remarks>
public sealed partial class LocalVault : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    private readonly HybridLogicalClock _clock;
    private readonly TimeProvider _time;
    private ContentCipher? _cipher;

    private LocalVault(string directory, SqliteConnection db, VaultSettings settings, TimeProvider time)
    {
        Directory = directory;
        _db = db;
        Settings = settings;
        _time = time;
        var last = long.TryParse(Meta.Get(db, Meta.Clock), out var l) ? l : 0;
        _clock = new HybridLogicalClock(time, last);
    }

    /// <summary>The vault folder.</summary>
    public string Directory { get; }

    /// <summary>Tenant, channel, mode and server.</summary>
    public VaultSettings Settings { get; }

    /// <summary>The field classes used for local merges (Core's defaults).</summary>
    public SchemaPolicy Policy { get; } = SchemaPolicy.Default;

    /// <summary>True when the content key is loaded (always true for a cloud-first vault, which needs none).</summary>
    public bool IsUnlocked => !Settings.IsLocalFirst || _cipher is not null;

    /// <summary>The last clock reading.</summary>
    public HlcTimestamp Clock
    {
        get
        {
            lock (_gate)
            {
                return _clock.Last;
            }
        }
    }

    /// <summary>True when <paramref name="directory"/> holds a vault.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, VaultDatabase.FileName));

    /// <summary>Creates a new vault in <paramref name="directory"/> (created if missing).</summary>
    /// <exception cref="VaultException">When the folder already holds a vault.</exception>
    public static LocalVault Create(string directory, VaultSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(settings);
        if (Exists(directory))
        {
            throw new VaultException($"'{directory}' already holds a vault");
        }

        if (!System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
            if (!OperatingSystem.IsWindows())
            {
                // A folder the vault made is private to its owner; an existing folder keeps the user's choice.
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var db = VaultDatabase.Open(directory);
        using (var tx = db.BeginTransaction())
        {
            Meta.Set(db, tx, Meta.TenantId, settings.TenantId);
            Meta.Set(db, tx, Meta.Channel, settings.Channel);
            Meta.Set(db, tx, Meta.VaultMode, settings.Mode.ToWire());
            Meta.Set(db, tx, Meta.ServerUrl, settings.ServerUrl);
            Meta.Set(db, tx, Meta.TokenReference, settings.TokenReference);
            Meta.Set(db, tx, Meta.Checkpoint, "0");
            tx.Commit();
        }

        return new LocalVault(Path.GetFullPath(directory), db, settings, time ?? TimeProvider.System);
    }

    private static VaultMode ReadMode(string? stored)
    {
        try
        {
            return VaultModes.Parse(stored, "vault.db");
        }
        catch (FormatException ex)
        {
            throw new VaultException(ex.Message, ex);
        }
    }

    /// <summary>Opens an existing vault, loading its key if it has one.</summary>
    /// <exception cref="VaultException">When there is no vault there.</exception>
    public static LocalVault Open(string directory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Exists(directory))
        {
            throw new VaultException($"no vault in '{directory}'; create one with 'realign vault init'");
        }

        var db = VaultDatabase.Open(directory);
        var settings = new VaultSettings(
            Meta.Get(db, Meta.TenantId) ?? throw new VaultException("vault.db has no tenant id"),
            Meta.Get(db, Meta.Channel) ?? "desktop",
            ReadMode(Meta.Get(db, Meta.VaultMode)),
            Meta.Get(db, Meta.ServerUrl),
            Meta.Get(db, Meta.TokenReference));
        var vault = new LocalVault(Path.GetFullPath(directory), db, settings, time ?? TimeProvider.System);
        if (Meta.Get(db, Meta.KeyReference) is { } keyRef)
        {
            vault._cipher = new ContentCipher(VaultKeys.ReadKeyFile(vault.ResolveKeyPath(keyRef)));
        }

        return vault;
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c>; "ok" when the database is sound.</summary>
    public string IntegrityCheck()
    {
        lock (_gate)
        {
            return VaultDatabase.Scalar(_db, "PRAGMA integrity_check") as string ?? "";
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _cipher?.Dispose();
            _db.Dispose();
        }
    }

    /// <summary>Runs <paramref name="action"/> and returns how many thousands of SQLite virtual machine steps it took on
    /// the vault's connection: a count of work done that does not depend on the machine's speed (tests use it to show a
    /// cost stays flat as the vault grows).</summary>
    internal long CountSqliteWork(Action action)
    {
        long ticks = 0;
        lock (_gate)
        {
            SQLitePCL.raw.sqlite3_progress_handler(_db.Handle, 1000, _ => { ticks++; return 0; }, null);
            try
            {
                action();
            }
            finally
            {
                SQLitePCL.raw.sqlite3_progress_handler(_db.Handle, 0, null, null);
            }
        }

        return ticks;
    }

    internal EntityKey KeyOf(string type, string id) => new(Settings.TenantId, type, id);

    private string ResolveKeyPath(string keyRef)
    {
        var path = keyRef.StartsWith("file:", StringComparison.Ordinal) ? keyRef[5..] : keyRef;
        return Path.IsPathRooted(path) ? path : Path.Combine(Directory, path);
    }
}
