using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Storage;

/// <summary>The server's replica of every tenant: entities with their registers, proposals, conflicts, tokens and audit logs.</summary>
/// <remarks>
/// Every operation names one tenant and no transaction spans two. A batch is applied in one transaction under the
/// tenant row lock, so change sequence order is commit order and a pull from any cursor never skips a change.
/// Implementations: <see cref="ReplicaStores.OpenSqliteAsync"/> and <see cref="ReplicaStores.OpenPostgresAsync"/>.
/// </remarks>
public interface IReplicaStore : IAsyncDisposable
{
    /// <summary>Short backend name: <c>sqlite</c> or <c>postgres</c>.</summary>
    string Backend { get; }

    /// <summary>Creates a tenant with an empty change sequence.</summary>
    /// <exception cref="ReplicaStoreException">Code <c>conflict</c> when the name is taken.</exception>
    Task<TenantInfo> CreateTenantAsync(string name, VaultMode mode, string? schemaPolicyJson = null, CancellationToken cancellationToken = default);

    /// <summary>A tenant by id or by name.</summary>
    Task<TenantInfo?> FindTenantAsync(string idOrName, CancellationToken cancellationToken = default);

    /// <summary>Every tenant, by name.</summary>
    Task<IReadOnlyList<TenantInfo>> ListTenantsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a principal and its token; the plain token is returned once and only its hash is stored.</summary>
    Task<IssuedToken> CreateTokenAsync(TokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>The principal of a live token, or null for an unknown or revoked one.</summary>
    Task<PrincipalInfo?> AuthenticateAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>The principal of a token whether revoked or not (see <see cref="PrincipalInfo.Revoked"/>), or null for an unknown token.</summary>
    Task<PrincipalInfo?> FindPrincipalAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="FindPrincipalAsync"/>, by the token's hash (<see cref="Tokens.Hash"/>): what a review UI session
    /// keeps, so its cookie holds no credential of the sync API.</summary>
    Task<PrincipalInfo?> FindPrincipalByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>The principals of a tenant (revoked ones included).</summary>
    Task<IReadOnlyList<PrincipalInfo>> ListPrincipalsAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a principal's token; false when the tenant has no such principal.</summary>
    Task<bool> RevokeTokenAsync(string tenantId, string principalId, CancellationToken cancellationToken = default);

    /// <summary>Renames a principal (its label); false when the tenant has no such principal.</summary>
    /// <exception cref="ReplicaStoreException">Code <c>invalid-request</c> for a label that is not 1-100 characters without control characters.</exception>
    Task<bool> RenamePrincipalAsync(string tenantId, string principalId, string label, CancellationToken cancellationToken = default);

    /// <summary>Records that a principal synced at <paramref name="atMicros"/> (its <see cref="PrincipalInfo.LastSyncAt"/> only grows).</summary>
    Task TouchPrincipalAsync(string tenantId, string principalId, long atMicros, CancellationToken cancellationToken = default);

    /// <summary>The tenant's channel policy: the one last set, or <see cref="Realign.Core.Rules.ChannelPolicy.Default"/>.</summary>
    /// <exception cref="ReplicaStoreException">Code <c>not-found</c> when there is no such tenant.</exception>
    Task<TenantChannels> GetChannelPolicyAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the tenant's channel policy with what <see cref="ChannelPolicyCommand.Change"/> makes of it and writes a
    /// <c>channels-changed</c> row to <c>security_events</c> (who, the channels that changed, before and after), in one
    /// transaction; returns the policy as stored. The change is computed from the policy as it stands under the tenant lock.</summary>
    /// <exception cref="ReplicaStoreException">Code <c>not-found</c> when there is no such tenant, or the code of
    /// <see cref="ChannelPolicyCommand.Change"/>'s refusal (nothing is written).</exception>
    Task<TenantChannels> SetChannelPolicyAsync(ChannelPolicyCommand command, CancellationToken cancellationToken = default);

    /// <summary>The tenant's enrolled confirmations (<c>totp</c>, <c>totp_pending</c>, <c>pin</c>) and its failure guard.</summary>
    Task<ConfirmState> GetConfirmStateAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Stores a confirmation factor (replacing one of the same kind); <c>totp</c> starts at <paramref name="lastStep"/>.</summary>
    Task PutConfirmFactorAsync(string tenantId, string kind, string secret, long? lastStep, long nowMicros, CancellationToken cancellationToken = default);

    /// <summary>Makes the pending authenticator the active one with <paramref name="timeStep"/> as its last accepted step, in one
    /// transaction; false when there is no pending one (or it is not <paramref name="pendingSecret"/> any more).</summary>
    Task<bool> ActivateTotpAsync(string tenantId, string pendingSecret, long timeStep, long nowMicros, CancellationToken cancellationToken = default);

    /// <summary>Removes a confirmation factor; false when there was none.</summary>
    Task<bool> RemoveConfirmFactorAsync(string tenantId, string kind, CancellationToken cancellationToken = default);

    /// <summary>Removes every confirmation factor and the failure guard of a tenant (the operator's reset); returns how many factors went.</summary>
    Task<int> ResetConfirmationsAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Takes TOTP time step <paramref name="timeStep"/> of the active authenticator, in one conditional statement: true
    /// when it is after the last step taken (which it then becomes), false for a replay of that step or an earlier one, on any
    /// server of the store.</summary>
    Task<bool> TryUseTotpStepAsync(string tenantId, long timeStep, CancellationToken cancellationToken = default);

    /// <summary>Counts a failed confirmation and locks the tenant's confirmations when it is the <see cref="ConfirmGuardRule.MaxFailures"/>th
    /// in a row, for a delay that doubles with each lockout since the last success; atomic across servers.</summary>
    Task<ConfirmGuard> RecordConfirmFailureAsync(string tenantId, long nowMicros, ConfirmGuardRule rule, CancellationToken cancellationToken = default);

    /// <summary>Clears the failure count and the lockouts after a successful confirmation.</summary>
    Task ResetConfirmFailuresAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Creates the admin token when none exists yet; returns the plain token, or null when one already exists.</summary>
    Task<string?> CreateAdminTokenIfNoneAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates another admin token (for rotation or a second operator); returns the plain token once.</summary>
    Task<string> CreateAdminTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces every admin token with one new one (returned once; only its hash is stored): the way back in when the
    /// admin token is lost, and the way to cut off a leaked one. Servers see the change on their next admin request.</summary>
    Task<string> RotateAdminTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>True when <paramref name="token"/> is an admin token.</summary>
    Task<bool> IsAdminTokenAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Applies an admitted batch in one transaction, or replays the stored response of the same batch id.</summary>
    /// <exception cref="BatchIdReusedException">The batch id was used by another principal or with another body.</exception>
    /// <remarks>Each changed entity gets its own sequence number; proposals, conflicts, discarded writes and the
    /// idempotency record are written in the same transaction.</remarks>
    Task<PushResponse> ApplyBatchAsync(BatchCommand command, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ApplyBatchAsync"/>, with the response's JSON as stored (serialised once).</summary>
    Task<AppliedBatch> ApplyBatchToJsonAsync(BatchCommand command, CancellationToken cancellationToken = default);

    /// <summary>The stored response of an earlier batch (marked replayed), or null.</summary>
    /// <exception cref="BatchIdReusedException">The batch id was used by another principal or with another body
    /// (<paramref name="requestHash"/> differs from the one stored).</exception>
    Task<PushResponse?> FindBatchAsync(string tenantId, string batchId, string principalId, string? requestHash, CancellationToken cancellationToken = default);

    /// <summary>The live notes and tasks of a tenant whose readable text holds any of <paramref name="terms"/>, best first, at
    /// most <paramref name="limit"/>: full text over the title and the body (or text), the title weighing more (FTS5 BM25 on
    /// SQLite, <c>ts_rank</c> over a GIN index on PostgreSQL). Sealed values are never indexed.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="terms">Words of letters and digits only (1 to 32 of them); anything else is refused.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <exception cref="ArgumentException">A term that is not letters and digits.</exception>
    Task<IReadOnlyList<(string EntityType, string EntityId)>> SearchTextAsync(string tenantId, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default);

    /// <summary>Checks that the database answers and holds every migration of this build (<c>/readyz</c>); never throws for
    /// an unreachable database, which is what it reports.</summary>
    Task<StoreReadiness> CheckReadinessAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams the heads changed after <paramref name="since"/>, in sequence order, at most <paramref name="limit"/>.</summary>
    IAsyncEnumerable<ChangedHead> ReadChangesAsync(string tenantId, long since, int limit, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ReadChangesAsync"/>, handing each head to <paramref name="sink"/> until it says stop: the path of
    /// <c>/sync/pull</c>, where a head goes from the database's buffer to the response with no copy of its own.</summary>
    Task CopyChangesAsync(string tenantId, long since, int limit, IHeadSink sink, CancellationToken cancellationToken = default);

    /// <summary>Waits until the tenant's change sequence is past <paramref name="since"/>, or <paramref name="timeout"/> has passed;
    /// returns the sequence. Wakes on this store's own commits and, on PostgreSQL, on every other server's (LISTEN/NOTIFY).</summary>
    Task<long> WaitForChangeAsync(string tenantId, long since, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>The cursor just before the first change the server made at or after <paramref name="atMicros"/>.</summary>
    Task<long> CursorAtAsync(string tenantId, long atMicros, CancellationToken cancellationToken = default);

    /// <summary>The current head of one entity, or null.</summary>
    Task<SyncItem?> GetEntityAsync(EntityKey key, CancellationToken cancellationToken = default);

    /// <summary>Conflicts of a tenant: <c>open</c>, <c>resolved</c> or null for all.</summary>
    Task<IReadOnlyList<ConflictDto>> ListConflictsAsync(string tenantId, string? status, CancellationToken cancellationToken = default);

    /// <summary>Proposals of a tenant: <c>pending</c>, <c>accepted</c>, <c>rejected</c> or null for all.</summary>
    Task<IReadOnlyList<ProposalDto>> ListProposalsAsync(string tenantId, string? status, CancellationToken cancellationToken = default);

    /// <summary>Resolves a conflict or answers a proposal with a level-1 write, in one transaction.</summary>
    /// <exception cref="ReplicaStoreException">Code <c>not-found</c>, <c>invalid-request</c> or <c>forbidden</c>.</exception>
    Task<ResolveResponse> ResolveAsync(ResolveCommand command, CancellationToken cancellationToken = default);

    /// <summary>The tenant's exposure policy: the one last set, or the defaults of its vault mode when none was.</summary>
    /// <exception cref="ReplicaStoreException">Code <c>not-found</c> when there is no such tenant.</exception>
    Task<TenantExposure> GetExposureAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Changes the tenant's exposure policy and writes an <c>exposure-changed</c> row to <c>security_events</c>
    /// (who, the policy before and after, the levels that changed), in one transaction; returns the policy as stored.</summary>
    /// <exception cref="ReplicaStoreException">Code <c>not-found</c> when there is no such tenant (nothing is written).</exception>
    Task<TenantExposure> SetExposureAsync(ExposureCommand command, CancellationToken cancellationToken = default);

    /// <summary>Appends an audit row.</summary>
    Task RecordEventAsync(EventLog log, string tenantId, EventEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Audit rows with an id above <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<EventEntry>> ListEventsAsync(EventLog log, string tenantId, long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> rows of a tenant's sync or security log, newest first.</summary>
    Task<IReadOnlyList<EventEntry>> ListNewestEventsAsync(EventLog log, string tenantId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The checksum of the tenant's live entities (<see cref="ReplicaChecksum"/>) with the cursor of the same snapshot.</summary>
    Task<ChecksumResponse> ChecksumAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The live entities of one type, by entity id after <paramref name="afterId"/> (null: from the first), at most
    /// <paramref name="limit"/>, each with its change sequence: a page of a walk of the primary key.</summary>
    IAsyncEnumerable<ChangedHead> ListEntitiesAsync(string tenantId, string entityType, string? afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The ids of the tenants of <paramref name="mode"/> that have a live entity of <paramref name="entityType"/> or an
    /// automation runner row, by id after <paramref name="afterTenantId"/>, at most <paramref name="limit"/>: the tenants a
    /// server's automation runner visits.</summary>
    Task<IReadOnlyList<string>> ListRunnerTenantsAsync(VaultMode mode, string entityType, string? afterTenantId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Takes or renews the tenant's automation runner lease for <paramref name="owner"/> until <paramref name="untilMicros"/>,
    /// in one conditional statement: it succeeds when the lease is free, expired at <paramref name="nowMicros"/>, or already
    /// <paramref name="owner"/>'s. Creates the runner row on first use.</summary>
    /// <returns>The runner as held now, or null when another owner holds an unexpired lease.</returns>
    Task<AutomationRunner?> TakeRunnerLeaseAsync(string tenantId, string owner, long nowMicros, long untilMicros, CancellationToken cancellationToken = default);

    /// <summary>Saves a runner's cursor, skip list and principal and extends its lease, only while its owner holds the lease.</summary>
    /// <returns>False when the lease was lost: nothing was saved.</returns>
    Task<bool> SaveRunnerAsync(RunnerSave save, CancellationToken cancellationToken = default);

    /// <summary>Frees the tenant's runner lease when <paramref name="owner"/> holds it (a server shutting down), keeping the cursor.</summary>
    /// <returns>False when <paramref name="owner"/> did not hold it.</returns>
    Task<bool> ReleaseRunnerLeaseAsync(string tenantId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Removes the tenant's runner row when <paramref name="owner"/> holds its lease (the tenant has no rules left, so
    /// a rule added later starts afresh from itself).</summary>
    /// <returns>False when <paramref name="owner"/> did not hold it.</returns>
    Task<bool> RemoveRunnerAsync(string tenantId, string owner, CancellationToken cancellationToken = default);

    /// <summary>The tenant's automation runner row, or null.</summary>
    Task<AutomationRunner?> FindRunnerAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Live entity heads of a tenant in (type, id) order after <paramref name="after"/>: of one type or of all, and
    /// with <paramref name="belowUserOnly"/> only those no person wrote a visible value of (truth level above 1) and
    /// that may be suggestions (not <see cref="SchemaPolicy.NeverSuggestedTypes"/>): the review UI's suggested entities. The pages of a browser, not of a sync.</summary>
    IAsyncEnumerable<ChangedHead> BrowseEntitiesAsync(string tenantId, string? entityType, bool belowUserOnly, (string EntityType, string EntityId)? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Applies the write <see cref="PlannedWrite.Plan"/> makes of the entity as it stands, in one transaction
    /// under the tenant lock (promote, discard, undo of an accept).</summary>
    /// <exception cref="ReplicaStoreException">Code <c>not-found</c> when there is no such entity, or the refusal's code.</exception>
    Task<ResolveResponse> ApplyPlannedAsync(PlannedWrite command, CancellationToken cancellationToken = default);

    /// <summary>The elements of the server's data protection key ring (XML, as the framework wrote them).</summary>
    Task<IReadOnlyList<string>> ListProtectionKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds an element to the key ring; a name already stored keeps its first element.</summary>
    Task AddProtectionKeyAsync(string name, string xml, CancellationToken cancellationToken = default);

    /// <summary>Removes tombstones changed at or before <paramref name="upToSeq"/> and raises the purge horizon.</summary>
    /// <returns>The number of tombstones removed.</returns>
    Task<int> PurgeTombstonesAsync(string tenantId, long upToSeq, CancellationToken cancellationToken = default);

    /// <summary>Applies retention to one tenant (docs/operations.md, "Retention"): everything of it older than
    /// <paramref name="horizonMicros"/> that no client needs to converge is removed. Tombstones and <c>ai-usage</c> records
    /// changed before the horizon go, the purge horizon is raised past them (a client behind it gets
    /// <c>resync-required</c>), and decided proposals, resolved conflicts, sync and security events and idempotency records
    /// older than the horizon go. Rows go in chunks, each in its own short transaction.</summary>
    Task<RetentionRun> ApplyRetentionAsync(string tenantId, long horizonMicros, CancellationToken cancellationToken = default);

    /// <summary>Takes the store-wide job <paramref name="name"/> for <paramref name="owner"/> until <paramref name="untilMicros"/>
    /// when no other server holds it (its lease free or expired) and it last ran at or before <paramref name="dueMicros"/>
    /// (or never): one server runs it at a time, once per interval across all servers.</summary>
    /// <returns>Whether the job is now <paramref name="owner"/>'s to run.</returns>
    Task<bool> TakeMaintenanceJobAsync(string name, string owner, long nowMicros, long untilMicros, long dueMicros, CancellationToken cancellationToken = default);

    /// <summary>Frees the lease of job <paramref name="name"/> (when <paramref name="owner"/> holds it) and, when it ran
    /// through, marks it run at <paramref name="ranAtMicros"/>; a job that failed (null) is due again at once.</summary>
    Task FinishMaintenanceJobAsync(string name, string owner, long? ranAtMicros, CancellationToken cancellationToken = default);

    /// <summary>The store's epoch as read when it was opened (or last renewed here): a random value that changes when the
    /// store is put back to an older point, sent with every pull (docs/operations.md, "Restore to an older point").</summary>
    string Epoch { get; }

    /// <summary>Gives the store a new epoch: run once after it was restored from a backup, before it serves.</summary>
    /// <returns>The new epoch.</returns>
    Task<string> RenewEpochAsync(CancellationToken cancellationToken = default);
}
