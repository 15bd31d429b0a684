using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Vault.Clock;
using Realign.Vault.Crypto;
using Realign.Vault.Files;
using Realign.Vault.Outbox;
using Realign.Vault.Replica;
using Realign.Vault.Storage;
using Realign.Vault.Sync;
using Realign.Vault.Watch;

namespace Realign.Vault;

/// <summary>A local replica of one tenant: a folder holding <c>vault.db</c> (SQLite, WAL, synchronous=FULL).</summary>
/// <remarks>
/// <para>The public API of the vault; the work is done by its parts: the entities through <see cref="Realign.Storage.SqliteEntityRows"/>
/// (the code the server's SQLite store uses), the write path (<c>LocalWriter</c>), the outbox, the pull side, the key ring
/// and the file map, each over one connection and one lock. <see cref="SyncClient"/> sees the vault as an
/// <see cref="ISyncReplica"/>.</para>
/// <para>Every local change is merged into the local entity with <see cref="EntityMerger.Apply"/> and queued in the outbox in
/// the same transaction. Local writes are level 1 on the vault's channel, stamped by a <see cref="HybridLogicalClock"/>.
/// In a local-first tenant, content field values are stored, pushed and merged as encrypted envelopes (see
/// <see cref="ContentCipher"/>); reads decrypt them. Accept, reject and conflict rules are Core's
/// <see cref="Resolutions"/>, as on the server. Open one instance per process.</para>
/// </remarks>
public sealed class LocalVault : IDisposable, ISyncReplica
{
    private readonly VaultStore _store;
    private readonly HybridLogicalClock _clock;
    private readonly ReplicaRows _rows;
    private readonly VaultOutbox _outbox;
    private readonly KeyRing _keys;
    private readonly LocalWriter _writer;
    private readonly PullApplier _pull;
    private readonly FileMapStore _files;

    private LocalVault(string directory, VaultStore store, VaultSettings settings, TimeProvider time)
    {
        Directory = directory;
        _store = store;
        Settings = settings;
        _clock = new HybridLogicalClock(time, long.TryParse(store.Meta(Meta.Clock), out var last) ? last : 0);
        _rows = new ReplicaRows(store, settings.TenantId, time);
        _outbox = new VaultOutbox(store, _rows, time);
        _keys = new KeyRing(settings.IsLocalFirst, Policy);
        _keys.ShareVectors = ExposurePolicy.Cloud.ReceivesVectors();
        _writer = new LocalWriter(store, _rows, _outbox, _keys, _clock, Policy);
        _pull = new PullApplier(store, _rows, _clock, settings.TenantId, time);
        _files = new FileMapStore(store, settings.TenantId);
        Files = _files;
    }

    /// <summary>The vault folder.</summary>
    public string Directory { get; }

    /// <summary>Tenant, channel, mode and server.</summary>
    public VaultSettings Settings { get; }

    /// <summary>The field classes used for local merges (Core's defaults).</summary>
    public SchemaPolicy Policy { get; } = SchemaPolicy.Default;

    /// <summary>True when the content key is loaded (always true for a cloud-first vault, which needs none).</summary>
    public bool IsUnlocked => _store.Read(_ => _keys.IsUnlocked);

    /// <summary>The last clock reading.</summary>
    public HlcTimestamp Clock => _store.Read(_ => _clock.Last);

    /// <summary>The folder this vault follows (absolute), or null before its first watch.</summary>
    public string? WatchedFolder => Files.WatchedFolder;

    /// <summary>True when the tenant already has a key record written at level 1 (pulled or made here).</summary>
    public bool HasKeyRecord => KeyEntity() is not null;

    /// <summary>Writes a consistent copy of the vault's database to the new file <paramref name="destination"/> (SQLite's
    /// online backup, while the vault is in use). A local-first vault's content stays sealed in it: keep the passphrase or
    /// key file to open it.</summary>
    /// <returns>The size of the copy in bytes.</returns>
    /// <exception cref="IOException">The file exists, or the copy failed its check.</exception>
    public long BackupTo(string destination) => _store.Read(connection => Realign.Storage.SqliteBackups.BackupTo(connection, destination));

    /// <summary>The vault database, for the vault's own derived tables (the search index).</summary>
    internal VaultStore Store => _store;

    /// <summary>The file map and followed folder of the watcher.</summary>
    internal IFolderState Files { get; }

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

        var store = new VaultStore(VaultDatabase.Open(directory));
        store.Write(tx =>
        {
            store.SetMeta(tx, Meta.TenantId, settings.TenantId);
            store.SetMeta(tx, Meta.Channel, settings.Channel);
            store.SetMeta(tx, Meta.VaultMode, settings.Mode.ToWire());
            store.SetMeta(tx, Meta.ServerUrl, settings.ServerUrl);
            store.SetMeta(tx, Meta.TokenReference, settings.TokenReference);
            store.SetMeta(tx, Meta.Checkpoint, "0");
        });
        return new LocalVault(Path.GetFullPath(directory), store, settings, time ?? TimeProvider.System);
    }

    /// <summary>Opens an existing vault, upgrading its schema in place when it was made by an earlier version, and loading its key if it has one.</summary>
    /// <exception cref="VaultException">When there is no vault there, or its settings or schema are not ones this version knows.</exception>
    public static LocalVault Open(string directory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Exists(directory))
        {
            throw new VaultException($"no vault in '{directory}'; create one with 'realign vault init'");
        }

        var store = new VaultStore(VaultDatabase.Open(directory));
        try
        {
            var settings = new VaultSettings(
                store.Meta(Meta.TenantId) ?? throw new VaultException("vault.db has no tenant id"),
                store.Meta(Meta.Channel) ?? "desktop",
                ReadMode(store.Meta(Meta.VaultMode)),
                store.Meta(Meta.ServerUrl),
                store.Meta(Meta.TokenReference));
            var vault = new LocalVault(Path.GetFullPath(directory), store, settings, time ?? TimeProvider.System);
            if (store.Meta(Meta.KeyReference) is { } keyRef)
            {
                vault._keys.Install(new ContentCipher(VaultKeys.ReadKeyFile(vault.ResolveKeyPath(keyRef))));
            }

            return vault;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Writes fields of an entity as the user (a patch: fields not given are untouched; JSON null clears).</summary>
    /// <param name="entityType">The entity type, such as <c>note</c>.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="payloadJson">A JSON object of the fields to set.</param>
    /// <returns>The stamp time of the write.</returns>
    public long Put(string entityType, string entityId, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(payloadJson);
        return Put(entityType, entityId, ParseObject(payloadJson));
    }

    /// <summary>Writes fields of an entity as the user, given as field name to compact JSON value.</summary>
    public long Put(string entityType, string entityId, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Validate(entityType, entityId);
        foreach (var (name, _) in fields)
        {
            CheckFieldName(name);
        }

        return UserWrite(entityType, entityId, fields, deleted: false);
    }

    /// <summary>Deletes an entity as the user.</summary>
    public long Delete(string entityType, string entityId)
    {
        Validate(entityType, entityId);
        return UserWrite(entityType, entityId, [], deleted: true);
    }

    /// <summary>Writes fields of an entity as an automation or assistant this vault runs (levels 2-5), queued at that level:
    /// the truth rules merge it, so it fills empty fields and stands beside the user's values as a suggestion, never over them.</summary>
    /// <param name="author">The origin of the automation or assistant, such as <c>automation:rule-r1</c> or <c>ai-lan:llama3</c>.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="fields">Field name to compact JSON value.</param>
    /// <exception cref="VaultException">A level-1 author (use <see cref="Put(string, string, IReadOnlyList{KeyValuePair{string, string}})"/>),
    /// a bad field name, or a write the rules refuse below level 1 (a protected field, the key record): nothing is stored.</exception>
    public long PutAs(OriginSource author, string entityType, string entityId, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        CheckLowerWrite(author, entityType, entityId, fields);
        return LowerWrite(author, entityType, entityId, fields, deleted: false);
    }

    /// <summary>Deletes an entity as an automation or assistant this vault runs. On an entity the user wrote this is a delete
    /// suggestion the user answers, never a removal.</summary>
    /// <exception cref="VaultException">A level-1 author, or an entity only the user writes.</exception>
    public long DeleteAs(OriginSource author, string entityType, string entityId)
    {
        CheckLowerWrite(author, entityType, entityId, []);
        return LowerWrite(author, entityType, entityId, [], deleted: true);
    }

    /// <summary>Writes several entities as one automation or assistant in one transaction: every write, or none when one is
    /// refused (<see cref="PutAs"/> and <see cref="DeleteAs"/> say which are).</summary>
    /// <exception cref="VaultException">A refused write; nothing is stored or queued.</exception>
    public void PutAllAs(OriginSource author, IReadOnlyList<(string EntityType, string EntityId, IReadOnlyList<KeyValuePair<string, string>> Fields, bool Deleted)> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var (type, id, fields, _) in writes)
        {
            CheckLowerWrite(author, type, id, fields);
        }

        _writer.CommitAll(writes.Select(w => (KeyOf(w.EntityType, w.EntityId), author.Level, author.Value,
            (Func<EntityState, long, Write>)((state, at) => new Write(state.Key, new Stamp(author.Level, at, author.Value), w.Fields, w.Deleted)))).ToList());
    }

    /// <summary>The tenant's exposure policy as last read from the server, or the defaults of the vault's mode before that
    /// (local-first: the cloud reads nothing). A value this version does not know reads as <c>none</c>.</summary>
    public ExposurePolicy ExposurePolicy
    {
        get
        {
            var cached = _store.Read(_ => _store.Meta(Meta.Exposure));
            var fallback = ExposurePolicies.Default(Settings.Mode);
            if (cached is null)
            {
                return fallback;
            }

            var dto = JsonSerializer.Deserialize(cached, RealignJsonContext.Default.ExposurePolicyDto);
            // A value this version does not know reads as none: the safe side of a policy it cannot interpret.
            static Exposure Read(string? text) => Exposures.TryParse(text, out var e) ? e : Exposure.None;
            return dto is null ? fallback : new ExposurePolicy(Read(dto.Local), Read(dto.Lan), Read(dto.Cloud));
        }
    }

    /// <summary>Keeps the tenant's exposure policy as the server gave it, for runs while offline.</summary>
    public void CacheExposure(ExposurePolicyDto policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _store.Write(tx => _store.SetMeta(tx, Meta.Exposure, JsonSerializer.Serialize(policy, RealignJsonContext.Default.ExposurePolicyDto)));
        var share = ExposurePolicy.Cloud.ReceivesVectors();
        _store.Read(_ => _keys.ShareVectors = share);
    }

    /// <summary>The entities this vault saved after <paramref name="afterMicros"/> (its own clock), oldest first, at most
    /// <paramref name="limit"/>: local writes and pulled changes alike, deletions included.</summary>
    public IReadOnlyList<(VaultEntity Entity, long ChangedAtMicros)> ChangedAfter(long afterMicros, int limit = 10_000) =>
        _store.Read(_ => _rows.ChangedAfter(afterMicros, limit).Select(r => (View(r.State, r.Seq), r.ChangedAt)).ToList());

    /// <summary>A keyset page of the entities saved after the position (<paramref name="afterMicros"/>, <paramref name="afterType"/>,
    /// <paramref name="afterId"/>), oldest first: pages never split or skip entities saved at the same instant.</summary>
    internal IReadOnlyList<(VaultEntity Entity, long ChangedAtMicros)> ChangedPage(long afterMicros, string afterType, string afterId, int limit) =>
        _store.Read(_ => _rows.ChangedAfter(afterMicros, afterType, afterId, limit).Select(r => (View(r.State, r.Seq), r.ChangedAt)).ToList());

    /// <summary>The entities of <paramref name="entityType"/> among <paramref name="entityIds"/> that the vault holds, by id.</summary>
    internal Dictionary<string, VaultEntity> GetMany(string entityType, IReadOnlyList<string> entityIds) => _store.Read(_ =>
        _rows.LoadMany(null, entityIds.Select(id => KeyOf(entityType, id)).ToList()).Values.ToDictionary(r => r.State.Key.EntityId, r => View(r.State, r.ServerVersion), StringComparer.Ordinal));

    /// <summary>The watcher's import of a page of files, in one transaction: each note's changed fields written as the user
    /// and each file recorded in the file map. When the folder was written back through every earlier save, the cursor moves
    /// past these saves too: they came from the files, so there is nothing to write back.</summary>
    internal void ImportNotes(IReadOnlyList<NoteImport> imports)
    {
        if (imports.Count == 0)
        {
            return;
        }

        _store.Write(tx =>
        {
            var before = _rows.LastChangedAt(tx);
            var current = _rows.LoadMany(tx, imports.Select(i => KeyOf("note", i.EntityId)).Distinct().ToList());
            var writes = new List<(EntityKey, TruthLevel, string, Func<EntityState, long, Write>)>(imports.Count);
            foreach (var import in imports)
            {
                var key = KeyOf("note", import.EntityId);
                IReadOnlyList<KeyValuePair<string, string>> changed = import.Fields;
                if (current.TryGetValue(key, out var row) && !row.State.IsDeleted)
                {
                    var payload = View(row.State, row.ServerVersion).Payload;
                    changed = import.Fields.Where(f => payload.GetValueOrDefault(f.Key) != f.Value).ToList();
                }

                if (changed.Count > 0)
                {
                    writes.Add((key, TruthLevel.User, Settings.UserOrigin, (state, at) => new Write(state.Key, new Stamp(TruthLevel.User, at, Settings.UserOrigin), changed, false)));
                }
            }

            _writer.CommitMany(tx, writes);
            _files.Set(tx, imports.Select(i => (new FileMapEntry(i.Path, i.EntityId, i.FileHash, i.PayloadHash), i.OldPath)));
            if (writes.Count > 0 && _files.WrittenBack(tx) == before)
            {
                _files.SetWrittenBack(tx, _rows.LastChangedAt(tx));
            }
        });
    }

    /// <summary>The watcher's handling of vanished files, in one transaction: their live notes deleted as the user (unless
    /// <paramref name="deleteNotes"/> is false, after a move) and the files forgotten; returns how many notes were deleted.</summary>
    internal int RemoveVanished(IReadOnlyList<FileMapEntry> gone, bool deleteNotes)
    {
        if (gone.Count == 0)
        {
            return 0;
        }

        return _store.Write(tx =>
        {
            var before = _rows.LastChangedAt(tx);
            var writes = new List<(EntityKey, TruthLevel, string, Func<EntityState, long, Write>)>();
            if (deleteNotes)
            {
                var current = _rows.LoadMany(tx, gone.Select(g => KeyOf("note", g.EntityId)).Distinct().ToList());
                writes.AddRange(current.Values.Where(r => !r.State.IsDeleted).Select(r => (r.State.Key, TruthLevel.User, Settings.UserOrigin,
                    (Func<EntityState, long, Write>)((state, at) => new Write(state.Key, new Stamp(TruthLevel.User, at, Settings.UserOrigin), [], true)))));
            }

            _writer.CommitMany(tx, writes);
            _files.Remove(tx, gone.Select(g => g.Path));
            if (writes.Count > 0 && _files.WrittenBack(tx) == before)
            {
                _files.SetWrittenBack(tx, _rows.LastChangedAt(tx));
            }

            return writes.Count;
        });
    }

    /// <summary>A value kept in the vault for its automations and assistants (null when never set).</summary>
    public string? AssistState(string name) => _store.Read(_ => _store.Meta("assist:" + name));

    /// <summary>Keeps a value for the vault's automations and assistants.</summary>
    public void SetAssistState(string name, string value) => _store.Write(tx => _store.SetMeta(tx, "assist:" + name, value));

    /// <summary>Suggested entities: live entities written below level 1 only (a task an assistant found, an automation's
    /// note), waiting to be promoted or discarded (<see cref="Resolutions.IsSuggestedEntity"/>).</summary>
    public IReadOnlyList<VaultEntity> SuggestedEntities() => _store.Read(_ =>
        _rows.Scan(null, null).Where(r => Resolutions.IsSuggestedEntity(r.State)).Select(r => View(r.State, r.ServerVersion)).ToList());

    /// <summary>Promotes a suggested entity to the user's, optionally with edits: every field becomes level 1, and the
    /// suggesting origin stays in the provenance chain (<see cref="Resolutions.PromoteEntity"/>).</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="edits">Fields to set as the user instead of the suggested values (compact JSON).</param>
    /// <exception cref="VaultException">No such entity, or it is not a suggestion.</exception>
    public long Promote(string entityType, string entityId, IReadOnlyList<KeyValuePair<string, string>>? edits = null)
    {
        Validate(entityType, entityId);
        foreach (var (name, _) in edits ?? [])
        {
            CheckFieldName(name);
        }

        var key = KeyOf(entityType, entityId);
        var state = FindState(key);
        var origin = Resolve(() => Resolutions.SuggestedBy(state));
        var level = OriginSource.TryParse(origin, out var parsed, out _) ? parsed.Level : state.TruthLevel;
        var sealedEdits = edits?.Select(e => new KeyValuePair<string, string>(e.Key, JsonValues.ToCompact(ParseValue(e.Value)))).ToList();
        return Resolve(() => _writer.Commit(key, level, origin, (current, at) => Resolutions.PromoteEntity(current, sealedEdits, new Resolver(Settings.UserOrigin, CanAccept: true, at))));
    }

    /// <summary>Discards a suggested entity: a level-1 delete.</summary>
    /// <exception cref="VaultException">No such entity, or it is not a suggestion.</exception>
    public long Discard(string entityType, string entityId)
    {
        Validate(entityType, entityId);
        var key = KeyOf(entityType, entityId);
        FindState(key);
        return Resolve(() => _writer.Commit(key, TruthLevel.User, Settings.UserOrigin, (current, at) => Resolutions.DiscardEntity(current, new Resolver(Settings.UserOrigin, CanAccept: true, at))));
    }

    /// <summary>One entity, or null when the vault has never seen it.</summary>
    public VaultEntity? Get(string entityType, string entityId) =>
        _store.Read(_ => _rows.Load(null, KeyOf(entityType, entityId)) is { } row ? View(row.State, row.ServerVersion) : null);

    /// <summary>Every entity of a type (or of all types), by id.</summary>
    public IReadOnlyList<VaultEntity> List(string? entityType = null, bool includeDeleted = false) => _store.Read(_ =>
        _rows.Scan(null, entityType).Where(r => includeDeleted || !r.State.IsDeleted).Select(r => View(r.State, r.ServerVersion)).ToList());

    /// <summary>Pending suggestions: lower-level writes waiting beside user values.</summary>
    public IReadOnlyList<Suggestion> Suggestions() => _store.Read(_ => _rows.Scan(null, null)
        .SelectMany(r => r.State.PendingProposals())
        .Select(p => new Suggestion(
            p.Id,
            p.Key.EntityType,
            p.Key.EntityId,
            p.Field,
            _keys.SafeUnseal(p.Key, p.Field, p.Proposed.Value),
            _keys.SafeUnseal(p.Key, p.Field, p.Current.Value),
            p.Proposed.Stamp.Level,
            p.Proposed.Stamp.Origin,
            p.Proposed.Stamp.AtMicros))
        .ToList());

    /// <summary>The open conflicts fetched at the last sync (values decrypted when possible).</summary>
    public IReadOnlyList<ConflictDto> Conflicts()
    {
        var list = _pull.CachedConflicts();
        _store.Read(_ =>
        {
            foreach (var dto in list)
            {
                var key = KeyOf(dto.EntityType ?? "", dto.EntityId ?? "");
                foreach (var side in new[] { dto.Winner, dto.Loser })
                {
                    if (side?.Value is { } v)
                    {
                        side.Value = JsonValues.Parse(_keys.SafeUnseal(key, dto.Field ?? "", JsonValues.ToCompact(v)));
                    }
                }
            }

            return 0;
        });
        return list;
    }

    /// <summary>Changes the server refused, with their reasons.</summary>
    public IReadOnlyList<SetAsideItem> SetAside() => _outbox.SetAside();

    /// <summary>Outbox size, checkpoint, last sync, server and mode.</summary>
    public VaultStatus Status()
    {
        var (queued, inFlight, setAside) = _outbox.Counts();
        return _store.Read(_ => new VaultStatus(
            Settings.TenantId,
            Settings.Channel,
            Settings.Mode.ToWire(),
            Settings.ServerUrl,
            queued,
            inFlight,
            setAside,
            _rows.CountLive(),
            Convert.ToInt32(_store.Scalar("SELECT COUNT(*) FROM conflicts", null), System.Globalization.CultureInfo.InvariantCulture),
            _pull.Read(null),
            _store.Meta(Meta.LastSync),
            _keys.IsUnlocked));
    }

    /// <summary>True when this vault issued a write with this stamp time (to tell "mine" from "theirs").</summary>
    public bool IsMine(long atMicros) => _store.Read(_ => _store.Scalar("SELECT 1 FROM my_stamps WHERE at_micros = $a", null, ("$a", atMicros)) is not null);

    /// <summary>Accepts a suggestion, optionally with an edited value: it becomes the user's (level 1, accepted_by_user).</summary>
    /// <param name="proposalId">The suggestion's id (<c>p_...</c>).</param>
    /// <param name="editedValueJson">A JSON value to accept instead of the proposed one.</param>
    /// <remarks>The write is the one <see cref="Resolutions.AnswerProposal"/> plans, as on the server. It is queued as the
    /// upgrade item of the wire contract: the proposal's lower level and origin with <c>accepted_by_user = true</c>; the
    /// server stamps it level 1 on this vault's channel, exactly as it is stamped here.</remarks>
    public long Accept(string proposalId, string? editedValueJson = null)
    {
        var p = FindProposal(proposalId);
        var edited = editedValueJson is null ? null : JsonValues.ToCompact(ParseValue(editedValueJson));
        var previous = _store.Read(_ => _keys.SafeUnseal(p.Key, p.Field, p.Current.Value));
        var at = Answer(p, ProposalAnswer.Accept, edited, p.Proposed.Stamp.Level, p.Proposed.Stamp.Origin);
        if (p.Field != EntityState.DeletedField)
        {
            // What the field held before, so the accept can be undone (a new level-1 write of it); kept on this device only.
            SetAssistState(UndoKey(p.Key.EntityType, p.Key.EntityId, p.Field), previous);
        }

        return at;
    }

    /// <summary>True when the field's value is an accepted suggestion this vault can undo (it kept the value before).</summary>
    public bool CanUndoAccept(string entityType, string entityId, string field) =>
        AssistState(UndoKey(entityType, entityId, field)) is not null
        && Get(entityType, entityId)?.State.FindField(field)?.Effective is { AcceptedFrom: not null };

    /// <summary>Undoes an accept: writes the value the field held before it, as a new level-1 write (the accept and its
    /// undo both stay in the provenance), so accepting is never a trap.</summary>
    /// <exception cref="VaultException">Nothing to undo: no accept was made here, or the value changed since.</exception>
    public long UndoAccept(string entityType, string entityId, string field)
    {
        Validate(entityType, entityId);
        if (!CanUndoAccept(entityType, entityId, field) || AssistState(UndoKey(entityType, entityId, field)) is not { } previous)
        {
            throw new VaultException($"there is no accept to undo on {entityType} '{entityId}' field '{field}' (none was made here, or the value changed since)");
        }

        var at = _writer.Commit(KeyOf(entityType, entityId), TruthLevel.User, Settings.UserOrigin,
            (state, now) => Resolutions.RestoreValue(state, field, previous, new Resolver(Settings.UserOrigin, CanAccept: true, now)));
        _store.Write(tx => _store.SetMeta(tx, "assist:" + UndoKey(entityType, entityId, field), null));
        return at;
    }

    /// <summary>Rejects a suggestion: re-asserts the current user value as a new user write, which supersedes it.</summary>
    public long Reject(string proposalId)
    {
        var p = FindProposal(proposalId);
        return Answer(p, ProposalAnswer.Reject, null, TruthLevel.User, Settings.UserOrigin);
    }

    /// <summary>A value for a conflict resolution sent to the server: JSON or plain text, sealed like a local write.</summary>
    public JsonElement SealForResolve(string entityType, string entityId, string field, string valueText)
    {
        ArgumentNullException.ThrowIfNull(valueText);
        var compact = JsonValues.ToCompact(ParseValue(valueText));
        return _store.Read(_ => JsonValues.Parse(_keys.Seal(KeyOf(entityType, entityId), field, compact)));
    }

    /// <summary>Unlocks (or first sets up) the tenant key from a passphrase.</summary>
    /// <remarks>When the tenant already has a <c>vault-key</c> entity (pull first), its Argon2id parameters derive the key
    /// and its key check must open, else <see cref="WrongKeyException"/> and nothing changes. Otherwise fresh parameters
    /// are made and the key entity is queued for push. The derived key is kept in <c>vault.key</c> (owner-only) so the
    /// passphrase is needed once per device. Only level-1 registers of the key record count (<see cref="KeyRecord"/>), and
    /// bounded parameters are checked before deriving.</remarks>
    public void UnlockWithPassphrase(string passphrase, KeyParameters? newParameters = null)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var existing = KeyEntity();
        var parameters = existing is { } e ? e.Parameters() : newParameters ?? KeyParameters.CreateNew();
        InstallKey(VaultKeys.Derive(passphrase, parameters), existing, parameters, "vault.key", writeFile: true);
    }

    /// <summary>Unlocks (or first sets up) the tenant key from a key file (32 bytes raw or base64), referenced by path.</summary>
    public void UnlockWithKeyFile(string keyFilePath)
    {
        ArgumentNullException.ThrowIfNull(keyFilePath);
        var full = Path.GetFullPath(keyFilePath);
        InstallKey(VaultKeys.ReadKeyFile(full), KeyEntity(), null, "file:" + full, writeFile: false);
    }

    /// <summary>The <see cref="ReplicaChecksum"/> of this vault's live entities: equal to the server's at the same cursor when nothing diverged.</summary>
    public string Checksum() => _store.Read(_ => ReplicaChecksum.Compute(_rows.Scan(null, null).Select(e => e.State)));

    /// <summary>Runs <c>PRAGMA integrity_check</c>; "ok" when the database is sound.</summary>
    public string IntegrityCheck() => _store.Read(_ => _store.Scalar("PRAGMA integrity_check", null) as string ?? "");

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_store.Gate)
        {
            _keys.Dispose();
        }

        _store.Dispose();
    }

    long ISyncReplica.Checkpoint => _pull.Checkpoint;

    (int Queued, int SetAside) ISyncReplica.Pending
    {
        get
        {
            var (queued, _, setAside) = _outbox.Counts();
            return (queued, setAside);
        }
    }

    OutboxBatch? ISyncReplica.NextBatch(int maxItems) => _outbox.NextBatch(maxItems);

    void ISyncReplica.CompleteBatch(OutboxBatch batch, PushResponse response) => _outbox.Complete(batch, response);

    int ISyncReplica.SetAsideRefused(OutboxBatch batch, IReadOnlyList<ItemErrorDto> errors) => _outbox.SetAsideRefused(batch, errors);

    void ISyncReplica.ReleaseBatch(OutboxBatch batch) => _outbox.Release(batch);

    int ISyncReplica.ApplyPage(PullResponse page) => _pull.ApplyPage(page);

    void ISyncReplica.ResetCheckpoint() => _pull.ResetCheckpoint();

    string? ISyncReplica.ServerEpoch => _store.Read(_ => _store.Meta(Meta.ServerEpoch));

    void ISyncReplica.RecordServerEpoch(string epoch) => _store.Write(tx => _store.SetMeta(tx, Meta.ServerEpoch, epoch));

    int ISyncReplica.RecoverFromServerRestore(string? epoch) => _store.Write(tx =>
    {
        var requeued = _outbox.RequeueAfterRestore(tx);
        _pull.ResetCheckpoint(tx);
        if (epoch is not null)
        {
            _store.SetMeta(tx, Meta.ServerEpoch, epoch);
        }

        return requeued;
    });

    void ISyncReplica.ForgetSyncedEntities() => _pull.ForgetSyncedEntities();

    void ISyncReplica.FinishSync(IReadOnlyList<ConflictDto>? conflicts) => _pull.FinishSync(conflicts);

    DateTimeOffset? ISyncReplica.ChecksumMatchedAt =>
        long.TryParse(_store.Read(_ => _store.Meta(Meta.ChecksumMatched)), out var at) ? DateTimeOffset.UnixEpoch.AddTicks(at * 10) : null;

    void ISyncReplica.RecordChecksumMatch() => _store.Write(tx =>
        _store.SetMeta(tx, Meta.ChecksumMatched, ((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The next batch to push (tests).</summary>
    internal OutboxBatch? NextBatch(int maxItems) => _outbox.NextBatch(maxItems);

    /// <summary>Runs <paramref name="action"/> and returns how many thousands of SQLite virtual machine steps it took on
    /// the vault's connection: a count of work done that does not depend on the machine's speed (tests use it to show a
    /// cost stays flat as the vault grows).</summary>
    internal long CountSqliteWork(Action action)
    {
        long ticks = 0;
        lock (_store.Gate)
        {
            SQLitePCL.raw.sqlite3_progress_handler(_store.Connection.Handle, 1000, _ => { ticks++; return 0; }, null);
            try
            {
                action();
            }
            finally
            {
                SQLitePCL.raw.sqlite3_progress_handler(_store.Connection.Handle, 0, null, null);
            }
        }

        return ticks;
    }

    /// <summary>A JSON string of <paramref name="text"/>.</summary>
    internal static string JsonString(string text) => JsonSerializer.Serialize(text, VaultJsonContext.Default.String);

    internal static List<KeyValuePair<string, string>> ParseObject(string json)
    {
        JsonElement element;
        try
        {
            element = JsonValues.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new VaultException($"not valid JSON: {ex.Message}", ex);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new VaultException("the fields must be a JSON object");
        }

        return element.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, JsonValues.ToCompact(p.Value))).ToList();
    }

    private EntityKey KeyOf(string type, string id) => new(Settings.TenantId, type, id);

    private static string UndoKey(string type, string id, string field) => $"undo:{type}/{id}/{field}";

    private long UserWrite(string type, string id, IReadOnlyList<KeyValuePair<string, string>> fields, bool deleted) =>
        _writer.Commit(KeyOf(type, id), TruthLevel.User, Settings.UserOrigin, (state, at) => new Write(state.Key, new Stamp(TruthLevel.User, at, Settings.UserOrigin), fields, deleted));

    private long LowerWrite(OriginSource author, string type, string id, IReadOnlyList<KeyValuePair<string, string>> fields, bool deleted) =>
        _writer.Commit(KeyOf(type, id), author.Level, author.Value, (state, at) => new Write(state.Key, new Stamp(author.Level, at, author.Value), fields, deleted));

    private void CheckLowerWrite(OriginSource author, string entityType, string entityId, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        if (author.Level == TruthLevel.User)
        {
            throw new VaultException($"'{author.Value}' is a level-1 origin; an automation or assistant writes below level 1");
        }

        Validate(entityType, entityId);
        foreach (var (name, _) in fields)
        {
            CheckFieldName(name);
        }

        foreach (var (_, _, message) in WriteRules.BelowUserRefusals(author.Level, entityType, fields.Select(f => f.Key), Policy))
        {
            throw new VaultException(message);
        }
    }

    private EntityState FindState(EntityKey key) =>
        _store.Read(_ => _rows.Load(null, key)?.State) ?? throw new VaultException($"no {key.EntityType} '{key.EntityId}' in this vault");

    private static T Resolve<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ResolutionRefusedException ex)
        {
            throw new VaultException(ex.Message, ex);
        }
    }

    private static void CheckFieldName(string name)
    {
        if (!ItemAdmission.IsValidFieldName(name))
        {
            throw new VaultException($"field name '{name}' is not allowed: 1-{ItemAdmission.MaxFieldNameLength} characters in Unicode normal form C, not starting with '_' or ending in white space, without control or format characters");
        }
    }

    private long Answer(PendingProposal p, ProposalAnswer answer, string? edited, TruthLevel itemLevel, string itemOrigin) =>
        Resolve(() => _writer.Commit(p.Key, itemLevel, itemOrigin, (state, at) => Resolutions.AnswerProposal(state, p, answer, edited, new Resolver(Settings.UserOrigin, CanAccept: true, at))));

    private PendingProposal FindProposal(string proposalId)
    {
        ArgumentNullException.ThrowIfNull(proposalId);
        return _store.Read(_ => _rows.Scan(null, null).SelectMany(r => r.State.PendingProposals()).FirstOrDefault(p => p.Id == proposalId))
            ?? throw new VaultException($"no pending suggestion '{proposalId}'; list them with 'realign suggestions'");
    }

    private VaultEntity View(EntityState state, long serverVersion)
    {
        var payload = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in state.VisiblePayload())
        {
            payload[name] = _keys.SafeUnseal(state.Key, name, value);
        }

        return new VaultEntity(state.Key.EntityType, state.Key.EntityId, serverVersion, state.IsDeleted, payload, state);
    }

    private KeyRecord? KeyEntity() => KeyRecord.From(Get(VaultKeys.EntityType, VaultKeys.EntityId)?.State);

    private void InstallKey(byte[] key, KeyRecord? existing, KeyParameters? parameters, string keyRef, bool writeFile)
    {
        var cipher = new ContentCipher(key);
        if (existing is { } e && !VaultKeys.Verify(cipher, Settings.TenantId, e.Check))
        {
            cipher.Dispose();
            throw new WrongKeyException();
        }

        if (writeFile)
        {
            VaultKeys.WriteKeyFile(Path.Combine(Directory, keyRef), key);
        }

        _store.Write(tx =>
        {
            _keys.Install(cipher);
            _store.SetMeta(tx, Meta.KeyReference, keyRef);
        });
        if (existing is null)
        {
            Put(VaultKeys.EntityType, VaultKeys.EntityId, KeyRecord.NewFields(VaultKeys.MakeCheck(cipher, Settings.TenantId), parameters));
        }
    }

    private string ResolveKeyPath(string keyRef)
    {
        var path = keyRef.StartsWith("file:", StringComparison.Ordinal) ? keyRef[5..] : keyRef;
        return Path.IsPathRooted(path) ? path : Path.Combine(Directory, path);
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

    private static JsonElement ParseValue(string json)
    {
        try
        {
            return JsonValues.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValues.Parse(JsonSerializer.Serialize(json, VaultJsonContext.Default.String));
        }
    }

    private static void Validate(string entityType, string entityId)
    {
        if (!ItemAdmission.IsValidType(entityType))
        {
            throw new VaultException($"entity type '{entityType}' must be 1-64 characters of a-z, 0-9, _ and -, starting with a letter");
        }

        if (!ItemAdmission.IsValidId(entityId))
        {
            throw new VaultException("an entity id is 1-200 characters without control or format characters");
        }
    }
}
