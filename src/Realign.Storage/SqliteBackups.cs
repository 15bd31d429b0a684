using Microsoft.Data.Sqlite;

namespace Realign.Storage;

/// <summary>Online backups of a SQLite replica (the server's store or a vault) through SQLite's backup API: a consistent
/// copy taken while the database is in use, checked before it is reported done.</summary>
public static class SqliteBackups
{
    /// <summary>Copies the open database <paramref name="source"/> to the new file <paramref name="destination"/> in one
    /// step (a read transaction on the source: writers go on in WAL mode), then checks the copy.</summary>
    /// <returns>The size of the copy in bytes.</returns>
    /// <exception cref="IOException"><paramref name="destination"/> exists (a backup never overwrites), or the copy failed its check.</exception>
    public static long BackupTo(SqliteConnection source, string destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        var full = Path.GetFullPath(destination);
        if (File.Exists(full))
        {
            throw new IOException($"'{full}' exists; a backup never overwrites a file (choose a new name)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString()))
        {
            target.Open();
            source.BackupDatabase(target);
            using var mode = target.CreateCommand();
            mode.CommandText = "PRAGMA journal_mode = DELETE;";
            mode.ExecuteNonQuery();
        }

        if (Check(full) is { } problem)
        {
            File.Delete(full);
            throw new IOException($"the backup failed its check ({problem}); nothing was kept");
        }

        return new FileInfo(full).Length;
    }

    /// <summary>Copies the database file at <paramref name="sourcePath"/> (in use or not) to <paramref name="destination"/>.</summary>
    /// <exception cref="FileNotFoundException">No database at <paramref name="sourcePath"/>.</exception>
    public static long BackupFile(string sourcePath, string destination)
    {
        var full = Path.GetFullPath(sourcePath);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"no database at '{full}'", full);
        }

        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        source.Open();
        return BackupTo(source, destination);
    }

    /// <summary>Puts the backup <paramref name="backupPath"/> in place of the database at <paramref name="targetPath"/>: the
    /// backup is checked first (intact, a Realign replica holding <paramref name="requiredTable"/>), and a database already
    /// there is moved aside (with its WAL files) to <c>TARGET.before-restore-TIME</c>, never deleted. The server or vault
    /// must be stopped.</summary>
    /// <returns>Where the database that was there went, or null when there was none.</returns>
    /// <exception cref="IOException">The backup is missing, damaged or not a replica; nothing was changed.</exception>
    public static string? Restore(string backupPath, string targetPath, string requiredTable, TimeProvider? time = null)
    {
        var backup = Path.GetFullPath(backupPath);
        if (!File.Exists(backup))
        {
            throw new IOException($"no backup at '{backup}'");
        }

        if (Check(backup, requiredTable) is { } problem)
        {
            throw new IOException($"'{backup}' is not a usable backup ({problem}); nothing was changed");
        }

        var target = Path.GetFullPath(targetPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string? aside = null;
        if (File.Exists(target))
        {
            var stamp = (time ?? TimeProvider.System).GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            aside = $"{target}.before-restore-{stamp}";
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(target + suffix))
                {
                    File.Move(target + suffix, aside + suffix);
                }
            }
        }

        File.Copy(backup, target);
        return aside;
    }

    /// <summary>Null when the file is an intact SQLite database (holding <paramref name="requiredTable"/> when given), else why not.</summary>
    public static string? Check(string path, string? requiredTable = null)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var integrity = connection.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check;";
            if (integrity.ExecuteScalar() as string is not "ok" and var result)
            {
                return $"integrity check: {result}";
            }

            if (requiredTable is not null)
            {
                using var table = connection.CreateCommand();
                table.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
                table.Parameters.AddWithValue("$t", requiredTable);
                if (Convert.ToInt64(table.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    return $"it holds no {requiredTable} table";
                }
            }

            return null;
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }
}
